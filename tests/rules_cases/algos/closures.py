"""Nested functions as Go closures: reading the enclosing locals, own locals, calls from comprehensions."""


def weighted(xs: list[int], k: int) -> int:
    def scale(v: int) -> int:
        return v * k

    total = 0
    for x in xs:
        total += scale(x)
    return total


def clean_words(text: str) -> list[str]:
    sep = ","

    def clean(w: str) -> str:
        t = w.strip()
        return t.lower()

    return [clean(w) for w in text.split(sep) if w.strip()]


def shadowed(n: int) -> int:
    acc = n

    def bump(v: int) -> int:
        acc = v + 1
        return acc * 2

    return bump(acc) + acc


def key_value(line: str) -> str:
    key, sep, value = line.partition("=")
    if not sep:
        return "no value for " + key
    return value + "<-" + key


def extension(name: str) -> str:
    return name.rpartition(".")[2]


def count_lines(text: str) -> int:
    return len(text.splitlines())


def last_line(text: str) -> str:
    lines = text.splitlines()
    return lines[-1] if lines else ""


def tabs(text: str) -> str:
    return text.expandtabs(4) + "|" + text.expandtabs()
