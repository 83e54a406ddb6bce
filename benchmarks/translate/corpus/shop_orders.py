"""Carts, shipping, stock, order numbers and loyalty points for the web shop."""

import re

SHIPPING_ZONES = {"DE": "domestic", "AT": "eu", "FR": "eu", "NL": "eu", "CH": "world", "US": "world"}
ZONE_RATES = {"domestic": (490, 100), "eu": (990, 250), "world": (1990, 600)}  # (base, per extra kg)
FREE_SHIPPING_FROM = 5000
MAX_WEIGHT_GRAMS = 31_500
LOYALTY_MULTIPLIERS = {"bronze": 1, "silver": 2, "gold": 3}
POINTS_PER_EURO_DISCOUNT = 100
ORDER_NUMBER = re.compile(r"^ORD-(\d{4})-(\d{6})$")
TRANSITIONS = {
    ("new", "pay"): "paid",
    ("new", "cancel"): "cancelled",
    ("paid", "ship"): "shipped",
    ("paid", "refund"): "refunded",
    ("shipped", "deliver"): "delivered",
}


def cart_total(items: list[tuple[str, int, int]]) -> int:
    return sum(price * qty for _, price, qty in items)


def cart_summary(items: list[tuple[str, int, int]]) -> tuple[int, int]:
    count = 0
    total = 0
    for sku, price, qty in items:
        if qty <= 0:
            raise ValueError(f"bad quantity {qty} for {sku}")
        count += qty
        total += price * qty
    return count, total


def shipping_cost(country: str, weight_grams: int, cart_cents: int) -> int:
    if weight_grams <= 0 or weight_grams > MAX_WEIGHT_GRAMS:
        raise ValueError(f"cannot ship a parcel of {weight_grams} g")
    zone = SHIPPING_ZONES.get(country)
    if zone is None:
        raise ValueError(f"we do not ship to {country}")
    if zone == "domestic" and cart_cents >= FREE_SHIPPING_FROM:
        return 0
    base, per_kg = ZONE_RATES[zone]
    kilos = -(-weight_grams // 1000)
    return base + per_kg * max(0, kilos - 1)


def format_order_number(year: int, sequence: int) -> str:
    if not 1 <= sequence <= 999_999:
        raise ValueError(f"sequence out of range: {sequence}")
    return f"ORD-{year}-{sequence:06d}"


def parse_order_number(text: str) -> tuple[int, int]:
    match = ORDER_NUMBER.match(text.strip())
    if not match:
        raise ValueError(f"not an order number: {text!r}")
    return int(match.group(1)), int(match.group(2))


def reserve_stock(stock: dict[str, int], sku: str, qty: int) -> int:
    if qty <= 0:
        raise ValueError("quantity must be positive")
    available = stock.get(sku)
    if available is None:
        raise KeyError(sku)
    if available < qty:
        raise ValueError(f"only {available} of {sku} left, {qty} requested")
    stock[sku] = available - qty
    return stock[sku]


def reserve_order(stock: dict[str, int], lines: list[tuple[str, int]]) -> dict[str, int]:
    wanted: dict[str, int] = {}
    for sku, qty in lines:
        wanted[sku] = wanted.get(sku, 0) + qty
    short = [sku for sku, qty in wanted.items() if stock.get(sku, 0) < qty]
    if short:
        raise ValueError("not enough stock for " + ", ".join(sorted(short)))
    remaining = dict(stock)
    for sku, qty in wanted.items():
        remaining[sku] -= qty
    return remaining


def loyalty_points(total_cents: int, tier: str) -> int:
    if total_cents < 0:
        raise ValueError("total must not be negative")
    return total_cents // 100 * LOYALTY_MULTIPLIERS.get(tier.lower(), 1)


def redeem_points(points: int, cart_cents: int) -> tuple[int, int]:
    euros = points // POINTS_PER_EURO_DISCOUNT
    discount = min(euros * 100, cart_cents)
    used = discount // 100 * POINTS_PER_EURO_DISCOUNT
    return discount, points - used


def split_payment(total_cents: int, parts: int) -> list[int]:
    if parts <= 0:
        raise ValueError("parts must be positive")
    share, extra = divmod(total_cents, parts)
    return [share + 1 if i < extra else share for i in range(parts)]


def invoice_lines(items: list[tuple[str, int, int]]) -> list[str]:
    lines = []
    for sku, price, qty in items:
        lines.append(f"{sku:<8}{qty:>3} x {price / 100:.2f} = {price * qty / 100:>8.2f}")
    return lines


def next_status(status: str, event: str) -> str:
    try:
        return TRANSITIONS[(status, event)]
    except KeyError:
        raise ValueError(f"cannot {event} an order that is {status}") from None


def average_order_value(totals: list[int]) -> float:
    if not totals:
        raise ValueError("no orders")
    return round(sum(totals) / len(totals) / 100, 2)


def refund_amount(paid_cents: int, days_since_delivery: int, opened: bool) -> int:
    if days_since_delivery > 30:
        return 0
    if opened:
        return paid_cents * 80 // 100
    return paid_cents


def is_valid_sku(sku: str) -> bool:
    return re.fullmatch(r"[A-Z]{3}-\d{4}", sku) is not None


def normalize_postcode(country: str, postcode: str) -> str:
    code = postcode.replace(" ", "").upper()
    if country == "NL":
        if len(code) != 6 or not code[:4].isdigit() or not code[4:].isalpha():
            raise ValueError(f"invalid Dutch postcode {postcode!r}")
        return f"{code[:4]} {code[4:]}"
    if country == "DE":
        if len(code) != 5 or not code.isdigit():
            raise ValueError(f"invalid German postcode {postcode!r}")
        return code
    return code


def low_stock_report(stock: dict[str, int], threshold: int) -> list[str]:
    low = sorted((qty, sku) for sku, qty in stock.items() if qty <= threshold)
    return [f"{sku}: {qty}" for qty, sku in low]


CASES = {
    "cart_total": [
        (([("ABC-0001", 1999, 2), ("XYZ-0002", 500, 1)],), 4498),
        (([],), 0),
        (([("A", 0, 10)],), 0),
        (([("A", 250, 4), ("B", 100, 3)],), 1300),
    ],
    "cart_summary": [
        (([("ABC-0001", 1999, 2), ("XYZ-0002", 500, 1)],), (3, 4498)),
        (([],), (0, 0)),
        (([("A", 100, 0)],), "ValueError"),
        (([("A", 100, 1), ("B", 50, -1)],), "ValueError"),
    ],
    "shipping_cost": [
        (("DE", 500, 1000), 490),
        (("DE", 2500, 6000), 0),
        (("DE", 2500, 4999), 690),
        (("FR", 1000, 100000), 990),
        (("FR", 1001, 0), 1240),
        (("US", 3000, 0), 3190),
        (("JP", 1000, 0), "ValueError"),
        (("DE", 0, 0), "ValueError"),
        (("DE", 40000, 0), "ValueError"),
    ],
    "format_order_number": [
        ((2024, 42), "ORD-2024-000042"),
        ((2025, 999999), "ORD-2025-999999"),
        ((2024, 0), "ValueError"),
        ((2024, 1000000), "ValueError"),
    ],
    "parse_order_number": [
        (("ORD-2024-000042",), (2024, 42)),
        ((" ORD-1999-123456 ",), (1999, 123456)),
        (("ORD-24-000042",), "ValueError"),
        (("ord-2024-000042",), "ValueError"),
        (("ORD-2024-0000421",), "ValueError"),
    ],
    "reserve_stock": [
        (({"A": 5, "B": 1}, "A", 2), 3),
        (({"A": 5}, "A", 5), 0),
        (({"A": 5}, "A", 6), "ValueError"),
        (({"A": 5}, "C", 1), "KeyError"),
        (({"A": 5}, "A", 0), "ValueError"),
    ],
    "reserve_order": [
        (({"A": 5, "B": 2}, [("A", 2), ("B", 1), ("A", 1)]), {"A": 2, "B": 1}),
        (({"A": 5}, []), {"A": 5}),
        (({"A": 1, "B": 0}, [("B", 1), ("A", 2)]), "ValueError"),
        (({"A": 1}, [("Z", 1)]), "ValueError"),
        (({"A": 3, "B": 4}, [("A", 3)]), {"A": 0, "B": 4}),
    ],
    "loyalty_points": [
        ((12345, "gold"), 369),
        ((12345, "Silver"), 246),
        ((99, "bronze"), 0),
        ((5000, "platinum"), 50),
        ((-1, "gold"), "ValueError"),
    ],
    "redeem_points": [
        ((250, 10000), (200, 50)),
        ((250, 150), (150, 150)),
        ((99, 10000), (0, 99)),
        ((1000, 0), (0, 1000)),
        ((0, 500), (0, 0)),
    ],
    "split_payment": [
        ((1000, 3), [334, 333, 333]),
        ((1000, 4), [250, 250, 250, 250]),
        ((1, 3), [1, 0, 0]),
        ((0, 2), [0, 0]),
        ((100, 0), "ValueError"),
    ],
    "invoice_lines": [
        (([("ABC-0001", 1999, 2)],), ["ABC-0001  2 x 19.99 =    39.98"]),
        (([("X", 5, 10), ("LONGSKU-99", 123456, 1)],),
         ["X        10 x 0.05 =     0.50", "LONGSKU-99  1 x 1234.56 =  1234.56"]),
        (([],), []),
        (([("A", 1, 100)],), ["A       100 x 0.01 =     1.00"]),
    ],
    "next_status": [
        (("new", "pay"), "paid"),
        (("paid", "ship"), "shipped"),
        (("shipped", "deliver"), "delivered"),
        (("new", "ship"), "ValueError"),
        (("delivered", "cancel"), "ValueError"),
    ],
    "average_order_value": [
        (([1000, 2000, 3000],), 20.0),
        (([999],), 9.99),
        (([1000, 1001, 1001],), 10.01),
        (([],), "ValueError"),
        (([1, 2],), 0.01),
    ],
    "refund_amount": [
        ((10000, 5, False), 10000),
        ((10000, 5, True), 8000),
        ((999, 30, True), 799),
        ((10000, 31, False), 0),
    ],
    "is_valid_sku": [
        (("ABC-1234",), True),
        (("abc-1234",), False),
        (("ABC-123",), False),
        (("ABC-12345",), False),
        (("ABCD-1234",), False),
        (("ABC-1234\n",), False),
    ],
    "normalize_postcode": [
        (("NL", "1234ab"), "1234 AB"),
        (("NL", "1234 AB"), "1234 AB"),
        (("NL", "12345A"), "ValueError"),
        (("DE", "10115"), "10115"),
        (("DE", "1011"), "ValueError"),
        (("GB", "sw1a 1aa"), "SW1A1AA"),
    ],
    "low_stock_report": [
        (({"A": 5, "B": 1, "C": 0, "D": 1}, 1), ["C: 0", "B: 1", "D: 1"]),
        (({"A": 5}, 1), []),
        (({}, 10), []),
        (({"Z": 2, "A": 2}, 2), ["A: 2", "Z: 2"]),
    ],
}
