"""Number theory and arithmetic exercises."""

import math


def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return abs(a)


def lcm(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return abs(a * b) // gcd(a, b)


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    for d in range(2, math.isqrt(n) + 1):
        if n % d == 0:
            return False
    return True


def primes_up_to(limit: int) -> list[int]:
    if limit < 2:
        return []
    sieve = [True] * (limit + 1)
    sieve[0] = sieve[1] = False
    for i in range(2, int(limit**0.5) + 1):
        if sieve[i]:
            for j in range(i * i, limit + 1, i):
                sieve[j] = False
    return [i for i, prime in enumerate(sieve) if prime]


def digit_sum(n: int) -> int:
    return sum(int(d) for d in str(abs(n)))


def to_base(n: int, base: int) -> str:
    if not 2 <= base <= 36:
        raise ValueError(f"base must be between 2 and 36, got {base}")
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    digits = []
    while n:
        n, rem = divmod(n, base)
        digits.append(alphabet[rem])
    return sign + "".join(reversed(digits))


def fibonacci(n: int) -> int:
    if n < 0:
        raise ValueError("n must be non-negative")
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def prime_factors(n: int) -> list[int]:
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors


def collatz_steps(n: int) -> int:
    if n <= 0:
        raise ValueError("collatz is defined for positive integers")
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def is_armstrong(n: int) -> bool:
    digits = str(n)
    power = len(digits)
    return n == sum(int(d) ** power for d in digits)


def divide_with_remainder(total: int, parts: int) -> tuple[int, int]:
    return total // parts, total % parts


def median(values: list[float]) -> float:
    if not values:
        raise ValueError("median of an empty list")
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def from_binary(bits: str) -> int:
    value = 0
    for bit in bits:
        if bit not in "01":
            raise ValueError(f"invalid binary digit {bit!r}")
        value = value * 2 + int(bit)
    return value


CASES = {
    "gcd": [
        ((12, 18), 6),
        ((17, 5), 1),
        ((0, 9), 9),
        ((9, 0), 9),
        ((-12, 18), 6),
        ((0, 0), 0),
    ],
    "lcm": [
        ((4, 6), 12),
        ((21, 6), 42),
        ((0, 5), 0),
        ((-4, 6), 12),
        ((7, 7), 7),
    ],
    "is_prime": [
        ((2,), True),
        ((1,), False),
        ((0,), False),
        ((-7,), False),
        ((97,), True),
        ((91,), False),
        ((7919,), True),
        ((25,), False),
    ],
    "primes_up_to": [
        ((10,), [2, 3, 5, 7]),
        ((2,), [2]),
        ((1,), []),
        ((30,), [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]),
        ((-5,), []),
    ],
    "digit_sum": [
        ((12345,), 15),
        ((0,), 0),
        ((-987,), 24),
        ((1000000,), 1),
    ],
    "to_base": [
        ((10, 2), "1010"),
        ((255, 16), "ff"),
        ((0, 7), "0"),
        ((-255, 16), "-ff"),
        ((35, 36), "z"),
        ((5, 1), "ValueError"),
        ((5, 37), "ValueError"),
    ],
    "fibonacci": [
        ((0,), 0),
        ((1,), 1),
        ((10,), 55),
        ((50,), 12586269025),
        ((-1,), "ValueError"),
    ],
    "prime_factors": [
        ((12,), [2, 2, 3]),
        ((13,), [13]),
        ((1,), []),
        ((360,), [2, 2, 2, 3, 3, 5]),
        ((9991,), [97, 103]),
    ],
    "collatz_steps": [
        ((1,), 0),
        ((6,), 8),
        ((27,), 111),
        ((0,), "ValueError"),
        ((-3,), "ValueError"),
    ],
    "is_armstrong": [
        ((153,), True),
        ((370,), True),
        ((9474,), True),
        ((100,), False),
        ((0,), True),
        ((10,), False),
    ],
    "divide_with_remainder": [
        ((17, 5), (3, 2)),
        ((-7, 2), (-4, 1)),
        ((7, -2), (-4, -1)),
        ((0, 3), (0, 0)),
        ((5, 0), "ZeroDivisionError"),
    ],
    "median": [
        (([3.0, 1.0, 2.0],), 2.0),
        (([4.0, 1.0, 3.0, 2.0],), 2.5),
        (([5.5],), 5.5),
        (([],), "ValueError"),
        (([-1.0, -3.0],), -2.0),
    ],
    "from_binary": [
        (("1010",), 10),
        (("0",), 0),
        (("",), 0),
        (("11111111",), 255),
        (("102",), "ValueError"),
        (("1 0",), "ValueError"),
    ],
}
