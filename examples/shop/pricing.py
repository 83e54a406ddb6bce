"""Prices are integers in cents; VAT rates are per country."""

VAT_RATES = {"DE": 19, "FR": 20, "NL": 21, "GB": 20}
DEFAULT_VAT = 20


def vat_rate(country: str) -> int:
    return VAT_RATES.get(country.upper(), DEFAULT_VAT)


def gross_price(net_cents: int, country: str) -> int:
    rate = vat_rate(country)
    return round(net_cents * (100 + rate) / 100)


def apply_discount(price_cents: int, percent: int) -> int:
    if percent < 0 or percent > 100:
        raise ValueError("discount out of range")
    return price_cents - price_cents * percent // 100


def split_evenly(total_cents: int, parts: int) -> list[int]:
    base = total_cents // parts
    rest = total_cents % parts
    return [base + 1 if i < rest else base for i in range(parts)]


def format_price(cents: int, currency: str = "EUR") -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d} {currency}"


def bulk_discount(quantity: int) -> int:
    if quantity >= 100:
        return 15
    elif quantity >= 20:
        return 10
    elif quantity >= 5:
        return 5
    return 0
