"""Arithmetic with Python semantics."""

import math

LIMIT = 100
RATE = 0.25


def floor_div(a: int, b: int) -> int:
    return a // b


def modulo(a: int, b: int) -> int:
    return a % b


def float_floor_mod(a: float, b: float) -> float:
    return a // b + a % b


def power(base: int, exp: int) -> int:
    return base ** exp


def bankers_round(x: float) -> int:
    return round(x)


def round_cents(x: float) -> float:
    return round(x, 2)


def true_div(a: int, b: int) -> float:
    return a / b


def in_range(x: int) -> bool:
    return 0 <= x < LIMIT


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(x, hi))


def with_default(n: int) -> float:
    return clamp(n * RATE) + clamp(n * RATE, hi=10.0)


def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return abs(a)


def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True


def primes_below(n: int) -> list[int]:
    sieve = [True] * n
    out = []
    for i in range(2, n):
        if sieve[i]:
            out.append(i)
            for j in range(i * i, n, i):
                sieve[j] = False
    return out


def hypotenuse(a: float, b: float) -> float:
    return math.sqrt(a * a + b * b)


def digits_sum(n: int) -> int:
    total = 0
    n = abs(n)
    while n > 0:
        total += n % 10
        n //= 10
    return total


def average(xs: list[float]) -> float:
    if not xs:
        return 0.0
    return sum(xs) / len(xs)


def mean_int(xs: list[int]) -> float:
    total = 0
    for x in xs:
        total += x
    return total / len(xs)


def sign_label(x: int) -> str:
    if x > 0:
        return "positive"
    elif x < 0:
        return "negative"
    else:
        return "zero"
