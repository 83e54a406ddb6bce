"""Go literals for Python values, shared by the translator and the differential tests."""

from __future__ import annotations


def go_string(s: str) -> str:
    """A Go interpreted string literal for a Python str."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif 0xD800 <= o <= 0xDFFF:
            raise ValueError("lone surrogate in a string literal")
        elif not ch.isprintable() or o in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
