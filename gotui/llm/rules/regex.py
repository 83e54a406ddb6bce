"""Python regular expressions as Go `regexp` (RE2) patterns, only where both mean the same.

The pattern is parsed with Python's own parser (`re._parser`, the one `re.compile` uses) and
written back in RE2 syntax. What RE2 lacks (lookarounds, backreferences, atomic groups, possessive
repeats, conditionals) or where the two differ is refused with the reason:

* Python's `\\d`, `\\w`, `\\s` are Unicode classes for a str pattern; Go's are ASCII. They are
  written out: `\\p{Nd}`, `[\\p{L}\\p{N}_]` and Python's exact whitespace set (checked against
  `re` over every code point in tests/test_rules_regex.py). With `re.ASCII` they are ASCII in both.
* `\\b`/`\\B` are ASCII in Go: the same as Python's on an ASCII text. Without `re.ASCII`,
  `Regex.ascii_text` tells the caller to check the subject is ASCII at run time (pyReASCII panics otherwise).
* `$` (no MULTILINE) matches at the end and before a final newline in Python, only at the end in
  Go. It is written `(?m:$)`, which is the same as long as no newline comes before the last
  character; `Regex.dollar` tells the caller to check that at run time (the helpers panic otherwise).
  A final `$` after a part that cannot match a newline has an exact form, `(\\n?)\\z` (`Regex.tail`),
  which substitutions and match tests use.
* A pattern that can match the empty string is refused for substitution: Python's `re.sub` also
  replaces an empty match right after a previous match, Go's `ReplaceAll` skips it. Unless the
  replacement of an empty match is itself empty (only group references, or a lambda of a group
  through case methods) and the pattern prefers consuming at every choice (`Regex.greedy`: no
  alternation, no lazy repeat), so the non-empty matches are the same in both: then the extra empty
  matches Python replaces change nothing.
* Flags: IGNORECASE (`(?i)`, simple case folding in both), VERBOSE (read by the parser), ASCII, DOTALL
  (each `.` written `(?s:.)`, which matches a newline in Go as in Python). MULTILINE and LOCALE are
  refused, as are flags scoped to a group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

try:  # the parser `re` itself uses; its module name changed in 3.11
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

from gotui.llm.rules.todo import Unsupported

# Python's `\s` for str patterns: every code point re.match(r"\s", c) accepts (tests check it)
PY_SPACE = r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
PY_WORD = r"\p{L}\p{N}_"
PY_DIGIT = r"\p{Nd}"
ASCII_SPACE = r"\t-\r "  # Python's \s under re.ASCII: [ \t\n\r\f\v]; Go's \s lacks \v
_META = set(r"\.+*?()|[]{}^$")
# a negated category -> the one it negates, the pattern that tests a character for the latter, and the
# pairs of categories with no character in common (\s and \w, \s and \d), in Python's Unicode and ASCII modes
_NEGATED = {C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT, C.CATEGORY_NOT_WORD: C.CATEGORY_WORD, C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE}
_PROBE = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_WORD: r"\w", C.CATEGORY_SPACE: r"\s"}
_DISJOINT = {(C.CATEGORY_WORD, C.CATEGORY_SPACE), (C.CATEGORY_DIGIT, C.CATEGORY_SPACE), (C.CATEGORY_SPACE, C.CATEGORY_WORD),
             (C.CATEGORY_SPACE, C.CATEGORY_DIGIT)}


@dataclass
class Regex:
    go: str  # the RE2 pattern
    groups: int  # number of capture groups
    names: dict[str, int]  # group name -> index
    always: set[int]  # groups that take part in every match (0 included)
    dollar: bool  # uses Python's `$`: the subject must not have a newline before its last character
    can_be_empty: bool  # some match may be the empty string
    greedy: bool = True  # no alternation, no lazy repeat: where a non-empty match exists it is the one preferred
    tail: str | None = None  # the pattern with its final `$` as `(\n?)\z` (group groups+1), when that is exact (_tail)
    ascii_text: bool = False  # a `\b`/`\B` without re.ASCII: Go's ASCII one, the same on an ASCII subject only

    def tailed(self) -> Regex:
        """This pattern in its `tail` form: no run-time newline check, the newline in group groups+1."""
        assert self.tail is not None
        return replace(self, go=self.tail, dollar=False, tail=None)


def _char(c: int, in_class: bool) -> str:
    ch = chr(c)
    if 0x20 <= c < 0x7F:
        if ch in _META or (in_class and ch in "-^") or ch == "\\":
            return "\\" + ch
        return ch
    return f"\\x{{{c:x}}}"


class _Writer:
    def __init__(self, ascii_mode: bool, ignorecase: bool = False, dotall: bool = False) -> None:
        self.ascii = ascii_mode
        self.ignorecase = ignorecase
        self.dotall = dotall  # re.DOTALL: `.` matches a newline too, Go's `(?s:.)`
        self.dollar = False
        self.wordb = False  # a \b or \B that Python reads as Unicode
        self.optional_groups: set[int] = set()
        self.greedy = True  # no choice prefers matching less (alternation order, lazy repeats)

    def seq(self, items: P.SubPattern | list, optional: bool) -> str:
        return "".join(self.item(op, av, optional) for op, av in items)

    def category_body(self, cat: object) -> tuple[str, bool]:
        """The class body of a category (`\\w` -> Python's word characters) and whether it is negated."""
        a = self.ascii
        table = {
            C.CATEGORY_DIGIT: ("0-9" if a else PY_DIGIT, False),
            C.CATEGORY_NOT_DIGIT: ("0-9" if a else PY_DIGIT, True),
            C.CATEGORY_WORD: ("0-9A-Za-z_" if a else PY_WORD, False),
            C.CATEGORY_NOT_WORD: ("0-9A-Za-z_" if a else PY_WORD, True),
            C.CATEGORY_SPACE: (ASCII_SPACE if a else PY_SPACE, False),
            C.CATEGORY_NOT_SPACE: (ASCII_SPACE if a else PY_SPACE, True),
        }
        if cat not in table:
            raise Unsupported(f"regular expression class {cat}")
        return table[cat]

    def category(self, cat: object, in_class: bool) -> str:
        body, negated = self.category_body(cat)
        if in_class:
            if negated:
                raise Unsupported("a negated class (\\D, \\W, \\S) inside [...]")
            return body
        return f"[{'^' if negated else ''}{body}]"

    def negated_set(self, items: list) -> str:
        """A set with one negated class and other items, as `[\\W_]`: the union of a complement and
        some items is the complement of what the class keeps once those items are taken out. Items
        the class does not hold are in its complement already; the ones it holds are taken out of it,
        which RE2 can write only for `_` out of Python's Unicode `\\w` (`[^\\p{L}\\p{N}]`) or for
        ASCII classes (written out); anything else is refused."""
        if self.ignorecase:
            raise Unsupported("a negated class (\\D, \\W, \\S) inside [...] with IGNORECASE")
        negate = any(iop is C.NEGATE for iop, _ in items)
        cat = next(iav for iop, iav in items if iop is C.CATEGORY and iav in _NEGATED)
        positive = _NEGATED[cat]
        probe = re.compile(_PROBE[positive], re.ASCII if self.ascii else 0)
        taken: set[int] = set()
        for iop, iav in items:
            if iop is C.NEGATE or iop is C.CATEGORY and iav is cat:
                continue
            if iop is C.CATEGORY:
                if (positive, iav) not in _DISJOINT:
                    raise Unsupported("a negated class (\\D, \\W, \\S) inside [...] with a class that overlaps it")
                continue  # all of it lies in the complement already
            lo, hi = (iav, iav) if iop is C.LITERAL else iav if iop is C.RANGE else (None, None)
            if lo is None or hi - lo > 0x3000:
                raise Unsupported(f"a negated class (\\D, \\W, \\S) inside [...] with {str(iop).lower()}")
            taken.update(c for c in range(lo, hi + 1) if probe.match(chr(c)))
        body, _ = self.category_body(positive)
        if taken:
            if not self.ascii and positive is C.CATEGORY_WORD and taken == {ord("_")}:
                body = r"\p{L}\p{N}"
            elif self.ascii:
                kept = [c for c in range(128) if probe.match(chr(c)) and c not in taken]
                body = "".join(_char(c, True) for c in kept)
            else:
                raise Unsupported("a negated class (\\D, \\W, \\S) inside [...] with items of the class it negates")
        return f"[{'' if negate else '^'}{body}]"

    def item(self, op: object, av: object, optional: bool) -> str:
        if op is C.LITERAL:
            return _char(av, False)  # type: ignore[arg-type]
        if op is C.NOT_LITERAL:
            return f"[^{_char(av, True)}]"  # type: ignore[arg-type]
        if op is C.ANY:
            return "(?s:.)" if self.dotall else "."
        if op is C.IN:
            if sum(iop is C.CATEGORY and iav in _NEGATED for iop, iav in av) == 1 and len(av) > 1:  # type: ignore[attr-defined, arg-type]
                return self.negated_set(av)  # type: ignore[arg-type]
            parts, negate = [], False
            for iop, iav in av:  # type: ignore[attr-defined]
                if iop is C.NEGATE:
                    negate = True
                elif iop is C.LITERAL:
                    parts.append(_char(iav, True))
                elif iop is C.RANGE:
                    parts.append(f"{_char(iav[0], True)}-{_char(iav[1], True)}")
                elif iop is C.CATEGORY:
                    if len(av) == 1 and not negate:  # type: ignore[arg-type]
                        return self.category(iav, False)
                    parts.append(self.category(iav, True))
                else:
                    raise Unsupported(f"regular expression set item {iop}")
            return "[" + ("^" if negate else "") + "".join(parts) + "]"
        if op is C.BRANCH:
            self.greedy = False
            return "(?:" + "|".join(self.seq(b, True) for b in av[1]) + ")"  # type: ignore[index]
        if op is C.SUBPATTERN:
            group, add, rm, sub = av  # type: ignore[misc]
            if add or rm:
                raise Unsupported("flags scoped to a group in a regular expression")
            if group is None:
                return "(?:" + self.seq(sub, optional) + ")"
            if optional:
                self.optional_groups.add(group)
            return "(" + self.seq(sub, optional) + ")"
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av  # type: ignore[misc]
            if op is C.MIN_REPEAT:
                self.greedy = False
            if hi != C.MAXREPEAT and hi > 1000 or lo > 1000:
                raise Unsupported("a repeat count over 1000 (Go's limit)")
            inner = self.seq(sub, optional or lo == 0)
            if not (len(sub) == 1 and sub[0][0] in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN, C.SUBPATTERN, C.BRANCH)):
                inner = "(?:" + inner + ")"
            if (lo, hi) == (0, C.MAXREPEAT):
                q = "*"
            elif (lo, hi) == (1, C.MAXREPEAT):
                q = "+"
            elif (lo, hi) == (0, 1):
                q = "?"
            elif hi == C.MAXREPEAT:
                q = f"{{{lo},}}"
            elif lo == hi:
                q = f"{{{lo}}}"
            else:
                q = f"{{{lo},{hi}}}"
            return inner + q + ("?" if op is C.MIN_REPEAT else "")
        if op is C.AT:
            if av is C.AT_BEGINNING or av is C.AT_BEGINNING_STRING:
                return r"\A" if av is C.AT_BEGINNING_STRING else "^"
            if av is C.AT_END_STRING:
                return r"\z"
            if av is C.AT_END:
                self.dollar = True
                return "(?m:$)"
            if av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
                self.wordb = self.wordb or not self.ascii
                return r"\b" if av is C.AT_BOUNDARY else r"\B"
            raise Unsupported(f"regular expression anchor {av}")
        what = {C.ASSERT: "lookahead/lookbehind", C.ASSERT_NOT: "negative lookahead/lookbehind", C.GROUPREF: "a backreference",
                C.GROUPREF_EXISTS: "a conditional group"}.get(op, str(op).lower())  # type: ignore[call-overload]
        raise Unsupported(f"{what} in a regular expression (Go's regexp has none)")


def convert(pattern: str, flags: int = 0) -> Regex:
    """The RE2 form of a Python str pattern, or Unsupported with the reason."""
    try:
        parsed = P.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError) as exc:
        raise Unsupported(f"the regular expression does not compile in Python: {exc}") from exc
    f = parsed.state.flags
    if f & (re.MULTILINE | re.LOCALE):
        raise Unsupported("regular expression flags MULTILINE or LOCALE")
    if f & re.ASCII and f & re.IGNORECASE:
        raise Unsupported("re.ASCII with IGNORECASE (Go would also fold non-ASCII letters)")
    w = _Writer(bool(f & re.ASCII), bool(f & re.IGNORECASE), bool(f & re.DOTALL))
    body = w.seq(parsed, False)
    go = ("(?i)" if f & re.IGNORECASE else "") + body
    n = parsed.state.groups - 1
    always = {0} | {i for i in range(1, n + 1) if i not in w.optional_groups}
    lo, _ = parsed.getwidth()
    tail = _tail(parsed, f)
    return Regex(go, n, dict(parsed.state.groupdict), always, w.dollar, lo == 0, w.greedy,
                 ("(?i)" if f & re.IGNORECASE else "") + tail if tail is not None else None, ascii_text=w.wordb)


def _tail(parsed: P.SubPattern, flags: int) -> str | None:
    """The pattern `X$` as `X(\\n?)\\z`: Python's `$` matches at the end or before a final newline, and
    Go's `\\z` only at the end, so the newline is matched into a group of its own, which a substitution
    writes back. Exact when `$` is the pattern's last item and its only one, and X can match no newline
    (else Python could match X$ again at that newline, where Go has consumed it)."""
    items = list(parsed.data)
    if not items or items[-1] != (C.AT, C.AT_END) or not _newline_free(items[:-1], bool(flags & re.DOTALL)):
        return None
    w = _Writer(bool(flags & re.ASCII), bool(flags & re.IGNORECASE), bool(flags & re.DOTALL))
    return w.seq(items[:-1], False) + r"(\n?)\z"


_MATCH_NEWLINE = {C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_NOT_DIGIT}


def _newline_free(items: list, dotall: bool = False) -> bool:
    """No item can match a newline (or hold another `$`): literals other than \\n, `.` (not with DOTALL),
    classes without \\n, \\s, \\W, \\D or negation, and groups and repeats of those."""
    for op, av in items:
        if op is C.ANY and dotall:
            return False
        if op is C.LITERAL and av == 10 or op is C.NOT_LITERAL and av != 10:
            return False
        if op is C.CATEGORY and av in _MATCH_NEWLINE:
            return False
        if op is C.IN:
            for iop, iav in av:
                if iop is C.NEGATE or iop is C.LITERAL and iav == 10 or iop is C.RANGE and iav[0] <= 10 <= iav[1]:
                    return False
                if iop is C.CATEGORY and iav in _MATCH_NEWLINE:
                    return False
        elif op is C.AT and av is C.AT_END:
            return False
        elif op is C.SUBPATTERN and not _newline_free(list(av[3]), dotall):
            return False
        elif op is C.BRANCH and not all(_newline_free(list(b), dotall) for b in av[1]):
            return False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and not _newline_free(list(av[2]), dotall):
            return False
    return True


def go_template(template: str, rx: Regex) -> str:
    """A Python `re.sub` template (`\\1`, `\\g<name>`, `\\n`) as a Go `Expand` template (`${1}`, `$$`)."""
    out: list[str] = []
    i = 0
    escapes = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\"}
    while i < len(template):
        ch = template[i]
        if ch == "$":
            out.append("$$")
            i += 1
            continue
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = template[i + 1: i + 2]
        if nxt == "g":
            m = re.match(r"\\g<([^>]*)>", template[i:])
            if m is None:
                raise Unsupported("a malformed \\g<...> in a re.sub template")
            ref = m.group(1)
            idx = int(ref) if ref.isdigit() else rx.names.get(ref)
            if idx is None or idx > rx.groups:
                raise Unsupported(f"re.sub template refers to a group the pattern lacks: {ref}")
            out.append(f"${{{idx}}}")
            i += m.end()
        elif nxt.isdigit() and nxt != "0":
            m = re.match(r"\\([1-9][0-9]?)", template[i:])
            assert m is not None
            if int(m.group(1)) > rx.groups:
                raise Unsupported(f"re.sub template refers to group {m.group(1)}, which the pattern lacks")
            out.append(f"${{{m.group(1)}}}")
            i += m.end()
        elif nxt in escapes:
            out.append(escapes[nxt])
            i += 2
        else:
            raise Unsupported(f"the escape \\{nxt} in a re.sub template")
    return "".join(out)
