"""Stock levels per warehouse."""

from collections import defaultdict


class OutOfStock(Exception):
    pass


def total_stock(levels: dict[str, int]) -> int:
    return sum(levels.values())


def reserve(levels: dict[str, int], sku: str, quantity: int) -> int:
    available = levels[sku]
    if available < quantity:
        raise OutOfStock(sku)
    levels[sku] = available - quantity
    return levels[sku]


def low_stock(levels: dict[str, int], threshold: int = 5) -> list[str]:
    return sorted(sku for sku, n in levels.items() if n < threshold)


def restock_plan(levels: dict[str, int], target: int) -> dict[str, int]:
    plan = {}
    for sku, n in levels.items():
        if n < target:
            plan[sku] = target - n
    return plan


def by_warehouse(rows: list[tuple[str, str, int]]) -> dict[str, dict[str, int]]:
    result = defaultdict(dict)
    for warehouse, sku, n in rows:
        result[warehouse][sku] = n
    return dict(result)


def pick_warehouse(stock: dict[str, int], quantity: int):
    for warehouse, n in stock.items():
        if n >= quantity:
            return warehouse
