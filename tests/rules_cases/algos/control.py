"""Control flow around errors: handlers that fall through, raising conditions, nested try."""


class Invalid(Exception):
    pass


class TooBig(Invalid):
    pass


def check(n: int) -> int:
    if n < 0:
        raise Invalid(f"negative: {n}")
    if n > 100:
        raise TooBig("too big")
    return n


def is_valid(n: int) -> bool:
    return check(n) >= 0


def total_valid(xs: list[int]) -> int:
    total = 0
    skipped = 0
    for x in xs:
        try:
            v = check(x)
        except TooBig:
            skipped += 100
            continue
        except Invalid:
            skipped += 1
            v = 0
        total += v
    return total * 1000 + skipped


def first_valid(xs: list[int]) -> int:
    i = 0
    while i < len(xs) and not is_valid(xs[i]):
        i += 1
    return i


def count_until_invalid(xs: list[int]) -> int:
    n = 0
    while is_valid(xs[n]):
        n += 1
        if n == len(xs):
            break
    return n


def grade(n: int) -> str:
    if n == 0:
        return "zero"
    elif check(n) > 50:
        return "big"
    elif n % 2 == 0:
        return "even"
    return "odd"


def safe_classify(n: int) -> str:
    try:
        label = grade(n)
    except TooBig as e:
        label = "error: " + str(e)
    except Invalid:
        label = "invalid"
    else:
        label = label.upper()
    return label


def parse_all(texts: list[str]) -> list[int]:
    out = []
    for t in texts:
        try:
            out.append(int(t))
        except ValueError:
            out.append(-1)
    return out


def reraise(n: int) -> int:
    try:
        return check(n) * 2
    except TooBig:
        raise
    except Invalid:
        return -1


def nested(a: str, b: str) -> int:
    try:
        x = int(a)
        try:
            y = int(b)
        except ValueError:
            y = 0
        return x + y
    except ValueError:
        return -100
