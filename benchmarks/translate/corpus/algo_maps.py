"""Dictionary, matrix and small parsing exercises."""

from collections import defaultdict

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN_NUMERALS = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def char_frequency(text: str) -> dict[str, int]:
    freq: dict[str, int] = {}
    for ch in text:
        if ch.isspace():
            continue
        freq[ch] = freq.get(ch, 0) + 1
    return freq


def group_by_length(words: list[str]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = defaultdict(list)
    for word in words:
        groups[len(word)].append(word)
    return dict(groups)


def invert(mapping: dict[str, int]) -> dict[int, str]:
    inverted = {}
    for key, value in mapping.items():
        if value in inverted:
            raise ValueError(f"duplicate value {value} for {inverted[value]!r} and {key!r}")
        inverted[value] = key
    return inverted


def group_anagrams(words: list[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())


def merge_counts(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    merged = dict(a)
    for key, n in b.items():
        merged[key] = merged.get(key, 0) + n
    return {k: v for k, v in merged.items() if v != 0}


def transpose(matrix: list[list[int]]) -> list[list[int]]:
    return [list(row) for row in zip(*matrix)]


def mat_mul(a: list[list[int]], b: list[list[int]]) -> list[list[int]]:
    if not a or not b or len(a[0]) != len(b):
        raise ValueError("incompatible shapes")
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def diagonal_sums(matrix: list[list[int]]) -> tuple[int, int]:
    n = len(matrix)
    main = sum(matrix[i][i] for i in range(n))
    anti = sum(matrix[i][n - 1 - i] for i in range(n))
    return main, anti


def roman_to_int(numeral: str) -> int:
    if not numeral:
        raise ValueError("empty numeral")
    total = 0
    for i, ch in enumerate(numeral):
        if ch not in ROMAN_VALUES:
            raise ValueError(f"invalid roman digit {ch!r}")
        value = ROMAN_VALUES[ch]
        if i + 1 < len(numeral) and ROMAN_VALUES.get(numeral[i + 1], 0) > value:
            total -= value
        else:
            total += value
    return total


def int_to_roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError(f"{n} cannot be written in roman numerals")
    parts = []
    for value, symbol in ROMAN_NUMERALS:
        count, n = divmod(n, value)
        parts.append(symbol * count)
    return "".join(parts)


def parse_int(text: str) -> int:
    s = text.strip()
    if not s:
        raise ValueError("empty string")
    sign = 1
    if s[0] in "+-":
        if s[0] == "-":
            sign = -1
        s = s[1:]
    if not s or not all(c in "0123456789" for c in s):
        raise ValueError(f"invalid integer: {text!r}")
    value = 0
    for c in s:
        value = value * 10 + (ord(c) - ord("0"))
    return sign * value


def parse_key_values(text: str) -> dict[str, str]:
    result = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise ValueError(f"missing '=' in {part!r}")
        key, value = part.split("=", 1)
        result[key.strip()] = value.strip()
    return result


def is_valid_ipv4(address: str) -> bool:
    parts = address.split(".")
    if len(parts) != 4:
        return False
    for part in parts:
        if not part.isdigit() or len(part) > 3:
            return False
        if part != "0" and part.startswith("0"):
            return False
        if int(part) > 255:
            return False
    return True


CASES = {
    "char_frequency": [
        (("hello",), {"h": 1, "e": 1, "l": 2, "o": 1}),
        (("a a\tA",), {"a": 2, "A": 1}),
        (("",), {}),
        (("   ",), {}),
    ],
    "group_by_length": [
        ((["a", "bb", "cc", "d", "eee"],), {1: ["a", "d"], 2: ["bb", "cc"], 3: ["eee"]}),
        (([],), {}),
        ((["same", "size"],), {4: ["same", "size"]}),
        ((["", "x"],), {0: [""], 1: ["x"]}),
    ],
    "invert": [
        (({"a": 1, "b": 2},), {1: "a", 2: "b"}),
        (({},), {}),
        (({"a": 1, "b": 1},), "ValueError"),
        (({"x": -5},), {-5: "x"}),
    ],
    "group_anagrams": [
        ((["eat", "tea", "tan", "ate", "nat", "bat"],), [["eat", "tea", "ate"], ["tan", "nat"], ["bat"]]),
        (([],), []),
        ((["a"],), [["a"]]),
        ((["ab", "ba", "abc", "cab", "bca", "z"],), [["ab", "ba"], ["abc", "cab", "bca"], ["z"]]),
    ],
    "merge_counts": [
        (({"a": 1, "b": 2}, {"b": 3, "c": 4}), {"a": 1, "b": 5, "c": 4}),
        (({}, {}), {}),
        (({"a": 2}, {"a": -2}), {}),
        (({"x": 1}, {}), {"x": 1}),
    ],
    "transpose": [
        (([[1, 2, 3], [4, 5, 6]],), [[1, 4], [2, 5], [3, 6]]),
        (([[1]],), [[1]]),
        (([],), []),
        (([[1, 2]],), [[1], [2]]),
    ],
    "mat_mul": [
        (([[1, 2], [3, 4]], [[5, 6], [7, 8]]), [[19, 22], [43, 50]]),
        (([[1, 2, 3]], [[1], [2], [3]]), [[14]]),
        (([[2]], [[3]]), [[6]]),
        (([[1, 2]], [[1, 2]]), "ValueError"),
        (([], [[1]]), "ValueError"),
    ],
    "diagonal_sums": [
        (([[1, 2, 3], [4, 5, 6], [7, 8, 9]],), (15, 15)),
        (([[1, 2], [3, 4]],), (5, 5)),
        (([[7]],), (7, 7)),
        (([],), (0, 0)),
        (([[1, 0], [0, 0]],), (1, 0)),
    ],
    "roman_to_int": [
        (("III",), 3),
        (("IV",), 4),
        (("MCMXCIV",), 1994),
        (("LVIII",), 58),
        (("",), "ValueError"),
        (("ABC",), "ValueError"),
        (("MMXXIV",), 2024),
    ],
    "int_to_roman": [
        ((3,), "III"),
        ((1994,), "MCMXCIV"),
        ((3999,), "MMMCMXCIX"),
        ((0,), "ValueError"),
        ((4000,), "ValueError"),
        ((44,), "XLIV"),
    ],
    "parse_int": [
        (("42",), 42),
        (("  -17 ",), -17),
        (("+8",), 8),
        (("",), "ValueError"),
        (("-",), "ValueError"),
        (("12a",), "ValueError"),
        (("007",), 7),
        (("1 2",), "ValueError"),
    ],
    "parse_key_values": [
        (("a=1; b=2",), {"a": "1", "b": "2"}),
        (("name = John Smith ;",), {"name": "John Smith"}),
        (("",), {}),
        (("url=x=y",), {"url": "x=y"}),
        (("a=1; broken",), "ValueError"),
        (("k=",), {"k": ""}),
    ],
    "is_valid_ipv4": [
        (("192.168.0.1",), True),
        (("255.255.255.255",), True),
        (("256.1.1.1",), False),
        (("1.2.3",), False),
        (("01.2.3.4",), False),
        (("0.0.0.0",), True),
        (("a.b.c.d",), False),
        (("1.2.3.4.",), False),
    ],
}
