"""A small retail backend: carts, pricing, inventory and orders."""
