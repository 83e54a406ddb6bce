"""What changed in a unit's Python since it was decided (the reason a unit is `stale`)."""

from __future__ import annotations

import difflib
import re

from gotui.session.store import UnitRecord

_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def python_diff(record: UnitRecord, context: int = 3) -> str:
    """Unified diff of the Python the decision was made on -> the Python now; "" when nothing changed.

    Line numbers are the file's: the unit starts at `record.line` (the decided version is
    numbered from the same line, which is where it was as far as the session knows).
    """
    old, new = record.decided_source, record.source
    if old is None or old == new:
        return ""
    offset = max(record.line - 1, 0)
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{record.path} (decided)", tofile=f"b/{record.path} (now)", n=context)
    out = []
    for line in lines:
        m = _HUNK.match(line)
        if m:
            line = f"@@ -{int(m.group(1)) + offset}{m.group(2) or ''} +{int(m.group(3)) + offset}{m.group(4) or ''} @@\n"
        elif not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
