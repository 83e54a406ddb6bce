"""Regular expressions (re.sub with templates and lambdas, re.search/match/fullmatch as tests),
isinstance() on static types, tuple(), imports inside functions."""

import math
import re
from typing import Pattern

VOWELS = re.compile(r"[aeiou]+", re.IGNORECASE)
WORD = r"[a-z]+"
DIGITS = "[0-9]{%d}" % 2
TZ_REGEX = (
    r"(?P<sign>[+-])" r"(?P<hour>[0-9]{2})"
)
TZ_RE = re.compile(TZ_REGEX)  # patterns put together from constants: folded to one literal
OFFSET_RE = re.compile(r"(?P<name>Z|(?P<sign>[+-])(?P<hour>[0-9]{2})(:?(?P<min>[0-9]{2}))?)?$")
PAIR = re.compile(f"({WORD})=({DIGITS})")
TEMPLATE = r"^{prefix}(?:\.({ident}))?$"
DOTTED = re.compile(TEMPLATE.format(prefix="v", ident=PAIR.pattern), re.ASCII)
ROMAN = re.compile("""
    ^M{0,3}
    (CM|CD|D?C{0,3})
    $""", re.VERBOSE)


def underscore(word: str) -> str:
    word = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", word)
    word = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", word)
    return word.replace("-", "_").lower()


def camelize(text: str) -> str:
    return re.sub(r"(?:^|_)(.)", lambda m: m.group(1).upper(), text)


def strip_id(word: str) -> str:
    return re.sub(r"_id$", "", word)


def squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def swap_pairs(text: str) -> str:
    return re.sub(r"(?P<k>\w+)=(?P<v>\w+)", r"\g<v>=\g<k>", text)


def dollars(text: str) -> str:
    return re.sub(r"USD ?", "$", text, flags=re.IGNORECASE)


def whole_words(text: str) -> str:
    return re.sub(r"\bcat\b", "dog", text, flags=re.ASCII)


def digit_runs(text: str) -> str:
    return re.sub(r"\d+", lambda m: "<" + m.group() + ">", text)


def kind(text: str) -> str:
    if re.fullmatch(r"\d+(?:\.\d+)*", text):
        return "version"
    if re.match(r"[A-Z]", text) is not None:
        return "title"
    if not re.search(r"\S", text):
        return "blank"
    return "other"


def check_int(n: int) -> str:
    if not isinstance(n, int):
        return "not an int"
    if isinstance(n, (str, float)):
        return "impossible"
    return "int"


def tuple_sum(xs: list[int]) -> int:
    t = tuple(x * 2 for x in xs)
    return sum(t) + len(t)


def floor_sqrt(x: float) -> int:
    import math

    return math.floor(math.sqrt(x))


def hide_vowels(text: str) -> str:
    return VOWELS.sub("*", text)


def looks_roman(text: str) -> bool:
    if ROMAN.search(text):
        return True
    return False


def finite(x: float) -> bool:
    return math.isfinite(x)


def count_digits(text: str) -> int:
    _, n = re.subn(r"\d", "#", text)
    return n


def mask_counted(text: str) -> str:
    masked, n = re.subn(r"[aeiou]", lambda m: m.group().upper(), text)
    return masked + ":" + str(n)


def slug_chars(text: str) -> str:
    # a negated class with an item it holds (`_`): the complement of the rest of \w
    return re.sub(r"[\W_]+", "-", text)


def keep_letters_digits(text: str) -> str:
    return re.sub(r"[^\W_]+", "", text)


def tz_ok(s: str) -> bool:
    return TZ_RE.match(s) is not None


def swap_pairs_const(s: str) -> str:
    return PAIR.sub(r"\2=\1", s)


def dotted(s: str) -> bool:
    return DOTTED.match(s) is not None


def word_bang(s: str) -> bool:
    return re.search(WORD + "!", s) is not None


def offset(text: str) -> int:
    # groupdict() read by its names: the match's groups; int(group or 0) of a group that may not take part
    match = OFFSET_RE.match(text)
    if match:
        groups = match.groupdict()
        sign = -1 if groups["sign"] == "-" else 1
        return sign * (int(groups["hour"] or 0) * 60 + int(groups.get("min") or 0))
    raise ValueError("not an offset: " + text)


IDENTIFIER = re.compile(r"0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*", re.ASCII)
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _all_parts(value: str, pattern: Pattern[str]) -> bool:
    """A pattern handed on as a value (semver's _validate_identifiers)."""
    for part in value.split("."):
        if not pattern.fullmatch(part):
            return False
    return True


def valid_prerelease(value: str) -> bool:
    return _all_parts(value, IDENTIFIER)


def _lead(text: str, pattern: Pattern[str]) -> str:
    m = pattern.match(text)
    if m is None:
        return ""
    return m.group()


def leading_number(text: str) -> str:
    return _lead(text, NUMBER)


def _first(text: str, pattern: Pattern[str]) -> str:
    m = pattern.search(text)
    return m.group() if m else ""


def first_number(text: str) -> str:
    return _first(text, NUMBER)
