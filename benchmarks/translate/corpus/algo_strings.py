"""String exercises: palindromes, anagrams, ciphers, counting, small text clean-ups."""

import re
from collections import Counter
from typing import Optional


def is_palindrome(text: str) -> bool:
    cleaned = [c.lower() for c in text if c.isalnum()]
    return cleaned == cleaned[::-1]


def are_anagrams(first: str, second: str) -> bool:
    def normalize(s: str) -> list[str]:
        return sorted(s.replace(" ", "").lower())

    return normalize(first) == normalize(second)


def run_length_encode(text: str) -> str:
    if not text:
        return ""
    parts = []
    current = text[0]
    count = 1
    for ch in text[1:]:
        if ch == current:
            count += 1
        else:
            parts.append(f"{count}{current}")
            current = ch
            count = 1
    parts.append(f"{count}{current}")
    return "".join(parts)


def run_length_decode(encoded: str) -> str:
    result = []
    digits = ""
    for ch in encoded:
        if ch.isdigit():
            digits += ch
            continue
        if not digits:
            raise ValueError(f"missing count before {ch!r}")
        result.append(ch * int(digits))
        digits = ""
    if digits:
        raise ValueError("count without a character at the end")
    return "".join(result)


def caesar_cipher(text: str, shift: int) -> str:
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)


def word_count(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for word in text.lower().split():
        word = word.strip(".,!?;:\"'")
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def reverse_words(sentence: str) -> str:
    return " ".join(reversed(sentence.split()))


def title_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split(" "))


def count_vowels(text: str) -> int:
    return sum(1 for c in text.lower() if c in "aeiou")


def first_unique_index(text: str) -> int:
    counts = Counter(text)
    for i, ch in enumerate(text):
        if counts[ch] == 1:
            return i
    return -1


def longest_common_prefix(words: list[str]) -> str:
    if not words:
        return ""
    prefix = words[0]
    for word in words[1:]:
        while not word.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def balanced_brackets(text: str) -> bool:
    closing = {")": "(", "]": "[", "}": "{"}
    stack: list[str] = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in closing:
            if not stack or stack.pop() != closing[ch]:
                return False
    return not stack


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower())
    return slug.strip("-")


def longest_word(sentence: str) -> Optional[str]:
    words = sentence.split()
    if not words:
        return None
    return max(words, key=len)


def mask_email(email: str) -> str:
    if email.count("@") != 1:
        raise ValueError(f"not an email address: {email}")
    user, domain = email.split("@")
    if len(user) <= 2:
        return "*" * len(user) + "@" + domain
    return user[0] + "*" * (len(user) - 2) + user[-1] + "@" + domain


CASES = {
    "is_palindrome": [
        (("racecar",), True),
        (("A man, a plan, a canal: Panama",), True),
        (("hello",), False),
        (("",), True),
        (("No 'x' in Nixon",), True),
        (("ab",), False),
    ],
    "are_anagrams": [
        (("listen", "silent"), True),
        (("Dormitory", "dirty room"), True),
        (("abc", "abd"), False),
        (("aab", "abb"), False),
        (("", ""), True),
    ],
    "run_length_encode": [
        (("aaabccdddd",), "3a1b2c4d"),
        (("",), ""),
        (("x",), "1x"),
        (("aaaaaaaaaaaa",), "12a"),
        (("abab",), "1a1b1a1b"),
    ],
    "run_length_decode": [
        (("3a1b2c4d",), "aaabccdddd"),
        (("12a",), "aaaaaaaaaaaa"),
        (("",), ""),
        (("a3",), "ValueError"),
        (("3",), "ValueError"),
        (("2x0y1z",), "xxz"),
    ],
    "caesar_cipher": [
        (("abc", 1), "bcd"),
        (("xyz", 3), "abc"),
        (("Hello, World!", 13), "Uryyb, Jbeyq!"),
        (("abc", -1), "zab"),
        (("Zebra", 52), "Zebra"),
        (("attack at dawn", -29), "xqqxzh xq axtk"),
    ],
    "word_count": [
        (("the cat and the hat",), {"the": 2, "cat": 1, "and": 1, "hat": 1}),
        (("Hello, hello! HELLO?",), {"hello": 3}),
        (("",), {}),
        (("  spaced   out  ",), {"spaced": 1, "out": 1}),
        (("... !!",), {}),
    ],
    "reverse_words": [
        (("hello world",), "world hello"),
        (("  a  b   c ",), "c b a"),
        (("single",), "single"),
        (("",), ""),
    ],
    "title_case": [
        (("hello world",), "Hello World"),
        (("hELLO wORLD",), "Hello World"),
        (("a  b",), "A  B"),
        (("",), ""),
        (("x",), "X"),
    ],
    "count_vowels": [
        (("hello",), 2),
        (("AEIOU",), 5),
        (("rhythm",), 0),
        (("",), 0),
        (("Programming Language",), 7),
    ],
    "first_unique_index": [
        (("leetcode",), 0),
        (("loveleetcode",), 2),
        (("aabb",), -1),
        (("",), -1),
        (("z",), 0),
    ],
    "longest_common_prefix": [
        ((["flower", "flow", "flight"],), "fl"),
        ((["dog", "racecar", "car"],), ""),
        ((["same", "same"],), "same"),
        (([],), ""),
        ((["alone"],), "alone"),
        ((["prefix", "pre", "prefixes"],), "pre"),
    ],
    "balanced_brackets": [
        (("()[]{}",), True),
        (("([{}])",), True),
        (("(]",), False),
        (("((",), False),
        (("",), True),
        (("a(b)c]",), False),
        (("}{",), False),
    ],
    "slugify": [
        (("Hello World",), "hello-world"),
        (("  Python 3.11 -- what's new?  ",), "python-3-11-what-s-new"),
        (("already-a-slug",), "already-a-slug"),
        (("!!!",), ""),
        (("Crème brûlée",), "cr-me-br-l-e"),
    ],
    "longest_word": [
        (("the quick brown fox",), "quick"),
        (("a bb cc",), "bb"),
        (("",), None),
        (("   ",), None),
        (("supercalifragilistic is long",), "supercalifragilistic"),
    ],
    "mask_email": [
        (("john@example.com",), "j**n@example.com"),
        (("ab@x.org",), "**@x.org"),
        (("alexander@shop.de",), "a*******r@shop.de"),
        (("no-at-sign",), "ValueError"),
        (("a@b@c",), "ValueError"),
        (("@empty.com",), "@empty.com"),
    ],
}
