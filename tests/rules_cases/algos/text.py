"""Strings: code points, methods, formatting."""


def char_at(s: str, i: int) -> str:
    return s[i]


def last_three(s: str) -> str:
    return s[-3:]


def middle(s: str) -> str:
    return s[1:-1]


def length(s: str) -> int:
    return len(s)


def shout(s: str) -> str:
    return s.strip().upper() + "!"


def words(s: str) -> list[str]:
    return s.split()


def csv_fields(line: str) -> list[str]:
    return [f.strip() for f in line.split(",")]


def join_words(ws: list[str]) -> str:
    return "-".join(w.lower() for w in ws)


def find_at(s: str, sub: str) -> int:
    return s.find(sub)


def count_vowels(s: str) -> int:
    return sum(1 for ch in s.lower() if ch in "aeiou")


def is_palindrome(s: str) -> bool:
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]


def caesar(s: str, shift: int) -> str:
    out = []
    for ch in s:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        else:
            out.append(ch)
    return "".join(out)


def run_length(s: str) -> str:
    if not s:
        return ""
    parts = []
    prev = s[0]
    count = 1
    for ch in s[1:]:
        if ch == prev:
            count += 1
        else:
            parts.append(f"{prev}{count}")
            prev = ch
            count = 1
    parts.append(f"{prev}{count}")
    return "".join(parts)


def describe(name: str, qty: int, price: float) -> str:
    return f"{name:<6}|{qty:>4}|{price:8.2f}|{qty:03d}"


def percent_fmt(name: str, n: int) -> str:
    return "%s has %5d items (%x)" % (name, n, n)


def float_str(x: float) -> str:
    return str(x) + "/" + f"{x}"


def parse_pairs(text: str) -> dict[str, int]:
    result: dict[str, int] = {}
    for part in text.split(";"):
        if "=" in part:
            key, value = part.split("=")
            result[key.strip()] = int(value)
    return result


def starts(s: str) -> bool:
    return s.startswith(("http://", "https://")) and not s.endswith("/")


def replace_all(s: str) -> str:
    return s.replace("a", "4").replace("e", "3")


def only_digits(s: str) -> bool:
    return s.isdigit()


def title_words(s: str) -> str:
    return " ".join(w.capitalize() for w in s.split())


def count_sub(s: str, sub: str) -> int:
    return s.count(sub)


def to_int(s: str) -> int:
    return int(s)


def to_float(s: str) -> float:
    return float(s)


def categories(s: str) -> list[str]:
    import unicodedata

    return [unicodedata.category(c) for c in s]


def path_parts(p: str) -> list[str]:
    import os.path

    head, tail = os.path.split(p)
    root, ext = os.path.splitext(p)
    return [head, tail, root, ext, os.path.basename(p), os.path.dirname(p), os.path.normpath(p), str(os.path.isabs(p))]


def path_join(a: str, b: str, c: str) -> str:
    from os import path

    return path.join(a, b, c)


def hex_value(s: str) -> int:
    return int(s, 16)


def binary_value(s: str) -> int:
    return int(s, 2)


def weighted_digits(number: str) -> int:
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    return sum(w * int(n) for w, n in zip(weights, number)) % 11


def mirrored(s: str) -> str:
    out = ""
    for c in reversed(s):
        out += c
    return out + "|" + "".join(reversed(s))
