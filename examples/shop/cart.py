"""A shopping cart keyed by SKU."""

from typing import Optional

from .pricing import apply_discount, bulk_discount


class Cart:
    def __init__(self, customer_id: str):
        self.customer_id = customer_id
        self.items: dict[str, int] = {}
        self.prices: dict[str, int] = {}
        self.coupon: Optional[str] = None

    def add_item(self, sku: str, price_cents: int, quantity: int = 1) -> None:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        self.items[sku] = self.items.get(sku, 0) + quantity
        self.prices[sku] = price_cents

    def remove_item(self, sku: str) -> bool:
        if sku not in self.items:
            return False
        del self.items[sku]
        del self.prices[sku]
        return True

    def quantity(self, sku: str) -> int:
        return self.items.get(sku, 0)

    def subtotal(self) -> int:
        total = 0
        for sku, qty in self.items.items():
            price = apply_discount(self.prices[sku], bulk_discount(qty))
            total += price * qty
        return total

    def is_empty(self) -> bool:
        return not self.items


def merge_carts(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    merged = dict(a)
    for sku, qty in b.items():
        merged[sku] = merged.get(sku, 0) + qty
    return merged


def most_expensive(prices: dict[str, int]) -> Optional[str]:
    if not prices:
        return None
    return max(prices, key=lambda sku: prices[sku])
