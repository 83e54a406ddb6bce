"""Orders: numbering, totals, shipping and status changes."""

import json
from datetime import datetime

from .pricing import gross_price

STATUSES = ["new", "paid", "shipped", "delivered", "cancelled"]
FREE_SHIPPING_CENTS = 5000


def order_number(year: int, seq: int) -> str:
    return "SO-%d-%06d" % (year, seq)


def parse_order_number(text: str) -> tuple[int, int]:
    prefix, year, seq = text.split("-")
    if prefix != "SO":
        raise ValueError("not an order number: " + text)
    return int(year), int(seq)


def shipping_cost(subtotal_cents: int, country: str) -> int:
    if subtotal_cents >= FREE_SHIPPING_CENTS:
        return 0
    if country in ("DE", "NL", "FR"):
        return 495
    return 995


def order_total(lines: list[tuple[int, int]], country: str) -> int:
    subtotal = sum(price * qty for price, qty in lines)
    return gross_price(subtotal, country) + shipping_cost(subtotal, country)


def can_transition(current: str, new: str) -> bool:
    if new == "cancelled":
        return current in ("new", "paid")
    try:
        return STATUSES.index(new) == STATUSES.index(current) + 1
    except ValueError:
        return False


def initials(name: str) -> str:
    return "".join(part[0].upper() for part in name.split() if part)


def summary(order: dict) -> str:
    items = order.get("items") or []
    note = order.get("note")
    text = f"{len(items)} item(s) for {order['customer']}"
    if note is not None:
        text += f" ({note})"
    return text


def to_json(order: dict) -> str:
    order = dict(order, exported_at=datetime.now().isoformat())
    return json.dumps(order, sort_keys=True)
