"""The Python <-> Go line map behind scroll sync: anchors at names spelt the Go way, proportional between."""

from __future__ import annotations

import random

from gotui.widgets.line_map import build_line_map, go_spellings

CART_PY = """class Cart:
    def __init__(self, customer_id: str):
        self.customer_id = customer_id
        self.items: dict[str, int] = {}
        self.prices: dict[str, int] = {}
        self.coupon: Optional[str] = None"""

CART_GO = """// Cart is the Python class Cart.
type Cart struct {
\tCustomerID string
\tItems      map[string]int
\tPrices     map[string]int
\tCoupon     *string
}

// NewCart runs Cart.__init__.
func NewCart(customerID string) *Cart {
\tc := &Cart{}
\tc.CustomerID = customerID
\tc.Items = map[string]int{}
\tc.Prices = map[string]int{}
\tc.Coupon = nil
\treturn c
}
"""

SHIPPING_PY = """def shipping_cost(subtotal_cents: int, country: str) -> int:
    if subtotal_cents >= FREE_SHIPPING_CENTS:
        return 0
    if country in ("DE", "NL", "FR"):
        return 495
    return 995"""

SHIPPING_GO = """import (
\t"slices"
)

func ShippingCost(subtotalCents int, country string) int {
\tif subtotalCents >= FreeShippingCents {
\t\treturn 0
\t}
\tif slices.Contains([]string{"DE", "NL", "FR"}, country) {
\t\treturn 495
\t}
\treturn 995
}
"""


def test_names_are_spelt_the_go_way():
    assert {"subtotalCents", "SubtotalCents"} <= go_spellings("subtotal_cents")
    assert "FreeShippingCents" in go_spellings("FREE_SHIPPING_CENTS")
    assert "CustomerID" in go_spellings("customer_id") and "customerID" in go_spellings("customer_id")


def test_statements_map_to_the_lines_they_came_from():
    m = build_line_map(SHIPPING_PY, SHIPPING_GO)
    py, go = SHIPPING_PY.splitlines(), SHIPPING_GO.splitlines()
    expect = {4: 0, 5: 1, 6: 2, 8: 3, 9: 4, 11: 5}
    for g, p in expect.items():
        assert m.go_to_python(g) == p, (go[g], py[m.go_to_python(g)])
    assert m.go_to_python(0) == 0, "the import block belongs to the def line"
    assert m.go_to_python(len(go) - 1) == len(py) - 1
    assert m.python_to_go(3) == 8 and m.python_to_go(0) == 4


def test_a_class_maps_its_constructor_onto_init():
    m = build_line_map(CART_PY, CART_GO)
    go = CART_GO.splitlines()
    assert m.go_to_python(go.index("\tc.Items = map[string]int{}")) == 3
    assert m.go_to_python(go.index("\tc.Coupon = nil")) == 5
    assert m.go_to_python(0) == 0


def test_without_anchors_the_map_is_proportional():
    m = build_line_map("a\nb\nc\nd", "w\nx\ny\nz\nq\nr\ns\nt")
    assert [m.go_to_python(g) for g in range(8)] == [0, 0, 1, 1, 2, 2, 3, 3]
    assert [m.python_to_go(p) for p in range(4)] == [0, 2, 4, 6]
    empty = build_line_map("", "")
    assert empty.go_to_python(5) == 0 and empty.python_to_go(0) == 0


def test_the_map_is_monotonic_and_in_range_whatever_the_text():
    rng = random.Random(7)
    words = ["total", "items", "n", "x", "return", "if", "for", "price", "42", "7", "cart", "sku"]
    for _ in range(200):
        py = "\n".join(" ".join(rng.choices(words, k=rng.randint(0, 5))) for _ in range(rng.randint(1, 30)))
        go = "\n".join(" ".join(rng.choices(words, k=rng.randint(0, 5))) for _ in range(rng.randint(1, 40)))
        m = build_line_map(py, go)
        n, k = len(py.splitlines()), len(go.splitlines())
        forward = [m.go_to_python(g) for g in range(k)]
        back = [m.python_to_go(p) for p in range(n)]
        assert forward == sorted(forward) and all(0 <= p < max(n, 1) for p in forward)
        assert back == sorted(back) and all(0 <= g < max(k, 1) for g in back)
        for p, g in m.anchors:
            assert m.go_to_python(g) == p and m.python_to_go(p) == g
