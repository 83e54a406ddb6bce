"""Regular expressions (re.sub with templates and lambdas, re.search/match/fullmatch as tests),
isinstance() on static types, tuple(), imports inside functions."""

import math
import re

VOWELS = re.compile(r"[aeiou]+", re.IGNORECASE)
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
