"""Prices, VAT, discounts and coupons for the web shop. All amounts are integer cents."""

from typing import Optional

VAT_RATES = {"DE": 19, "FR": 20, "NL": 21, "AT": 20, "LU": 17}
DEFAULT_VAT_RATE = 20
REDUCED_VAT_CATEGORIES = {"books", "food"}
REDUCED_VAT_RATE = 7

COUPONS = {
    # code: (percent off, minimum cart in cents, last valid day)
    "WELCOME10": (10, 0, "2099-12-31"),
    "SUMMER25": (25, 5000, "2024-08-31"),
    "BIGSPENDER": (15, 20000, "2099-12-31"),
}

BULK_TIERS = [(100, 15), (50, 10), (10, 5)]  # (minimum quantity, percent off), best first


def vat_rate(country: str, category: str) -> int:
    if category in REDUCED_VAT_CATEGORIES:
        return REDUCED_VAT_RATE
    return VAT_RATES.get(country.upper(), DEFAULT_VAT_RATE)


def gross_price(net_cents: int, country: str, category: str = "general") -> int:
    rate = vat_rate(country, category)
    return round(net_cents * (100 + rate) / 100)


def vat_included(gross_cents: int, rate_percent: int) -> int:
    net = round(gross_cents * 100 / (100 + rate_percent))
    return gross_cents - net


def apply_discount(price_cents: int, percent: float) -> int:
    if not 0 <= percent <= 100:
        raise ValueError(f"discount must be between 0 and 100, got {percent}")
    return price_cents - int(price_cents * percent / 100)


def format_price(cents: int, currency: str = "EUR") -> str:
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units:,}.{rest:02d} {currency}"


def parse_price(text: str) -> int:
    cleaned = text.strip().replace("€", "").replace(",", ".").strip()
    if cleaned.count(".") > 1:
        raise ValueError(f"cannot read price {text!r}")
    if "." in cleaned:
        whole, frac = cleaned.split(".")
        if len(frac) > 2:
            raise ValueError(f"too many decimals in {text!r}")
        frac = frac.ljust(2, "0")
    else:
        whole, frac = cleaned, "00"
    if not whole.isdigit() or not frac.isdigit():
        raise ValueError(f"cannot read price {text!r}")
    return int(whole) * 100 + int(frac)


def coupon_discount(code: str, cart_cents: int, today: str) -> int:
    key = code.strip().upper()
    if key not in COUPONS:
        raise ValueError(f"unknown coupon {code!r}")
    percent, minimum, last_day = COUPONS[key]
    if today > last_day:
        raise ValueError(f"coupon {key} expired on {last_day}")
    if cart_cents < minimum:
        raise ValueError(f"coupon {key} needs a cart of at least {minimum} cents")
    return cart_cents * percent // 100


def best_coupon(codes: list[str], cart_cents: int, today: str) -> Optional[str]:
    best_code = None
    best_amount = 0
    for code in codes:
        try:
            amount = coupon_discount(code, cart_cents, today)
        except ValueError:
            continue
        if amount > best_amount:
            best_code, best_amount = code, amount
    return best_code


def bulk_unit_price(unit_cents: int, quantity: int) -> int:
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    for min_qty, percent in BULK_TIERS:
        if quantity >= min_qty:
            return unit_cents * (100 - percent) // 100
    return unit_cents


def line_taxes(lines: list[tuple[int, int]], rate: float) -> list[int]:
    return [round(price * qty * rate) for price, qty in lines]


def price_range_label(prices: list[int]) -> str:
    if not prices:
        return "no prices"
    low, high = min(prices), max(prices)
    if low == high:
        return format_price(low)
    return f"{format_price(low)} - {format_price(high)}"


CASES = {
    "vat_rate": [
        (("DE", "general"), 19),
        (("de", "electronics"), 19),
        (("NL", "books"), 7),
        (("US", "general"), 20),
        (("LU", "food"), 7),
    ],
    "gross_price": [
        ((1000, "DE"), 1190),
        ((150, "DE"), 178),
        ((50, "DE"), 60),
        ((999, "NL", "general"), 1209),
        ((1999, "FR", "books"), 2139),
        ((0, "AT"), 0),
        ((250, "XX"), 300),
    ],
    "vat_included": [
        ((1190, 19), 190),
        ((1000, 20), 167),
        ((0, 19), 0),
        ((107, 7), 7),
        ((121, 21), 21),
    ],
    "apply_discount": [
        ((1000, 10), 900),
        ((999, 15), 850),
        ((1000, 0), 1000),
        ((1000, 100), 0),
        ((1234, 33.3), 824),
        ((1000, 101), "ValueError"),
        ((1000, -5), "ValueError"),
    ],
    "format_price": [
        ((123456,), "1,234.56 EUR"),
        ((5,), "0.05 EUR"),
        ((-250, "USD"), "-2.50 USD"),
        ((100000000, "EUR"), "1,000,000.00 EUR"),
        ((0,), "0.00 EUR"),
    ],
    "parse_price": [
        (("12.34",), 1234),
        (("12,5 €",), 1250),
        (("7",), 700),
        (("  0.99 ",), 99),
        (("1.2.3",), "ValueError"),
        (("12.345",), "ValueError"),
        (("abc",), "ValueError"),
        (("-5",), "ValueError"),
    ],
    "coupon_discount": [
        (("WELCOME10", 5000, "2024-06-01"), 500),
        ((" summer25 ", 8000, "2024-07-15"), 2000),
        (("SUMMER25", 8000, "2024-09-01"), "ValueError"),
        (("SUMMER25", 4999, "2024-07-15"), "ValueError"),
        (("NOPE", 1000, "2024-01-01"), "ValueError"),
        (("BIGSPENDER", 20001, "2025-01-01"), 3000),
    ],
    "best_coupon": [
        ((["WELCOME10", "SUMMER25"], 8000, "2024-07-01"), "SUMMER25"),
        ((["WELCOME10", "SUMMER25"], 8000, "2024-09-01"), "WELCOME10"),
        ((["NOPE"], 8000, "2024-07-01"), None),
        (([], 8000, "2024-07-01"), None),
        ((["BIGSPENDER", "WELCOME10"], 30000, "2024-01-01"), "BIGSPENDER"),
        ((["WELCOME10"], 5, "2024-01-01"), None),
    ],
    "bulk_unit_price": [
        ((1000, 1), 1000),
        ((1000, 10), 950),
        ((1000, 75), 900),
        ((999, 100), 849),
        ((1000, 0), "ValueError"),
    ],
    "line_taxes": [
        (([(1000, 2), (250, 1)], 0.19), [380, 48]),
        (([], 0.2), []),
        (([(50, 1)], 0.05), [2]),
        (([(150, 1)], 0.01), [2]),
        (([(333, 3)], 0.07), [70]),
    ],
    "price_range_label": [
        (([1999, 499, 2500],), "4.99 EUR - 25.00 EUR"),
        (([100, 100],), "1.00 EUR"),
        (([],), "no prices"),
        (([123456],), "1,234.56 EUR"),
    ],
}
