"""
How a treatment's facts are written for readers: a range with its unit
("15–30 minutes", "1 session") and a price with its currency ("£250").
"""

from decimal import Decimal

from django.utils.translation import ngettext

CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "AUD": "A$", "CAD": "C$"}

UNITS = {
    "minutes": lambda n: ngettext("%(count)s minute", "%(count)s minutes", n),
    "weeks": lambda n: ngettext("%(count)s week", "%(count)s weeks", n),
    "sessions": lambda n: ngettext("%(count)s session", "%(count)s sessions", n),
}


def format_range(low, high, unit):
    """'15–30 minutes' for a range, '20 minutes' for one value (either end may be empty)."""
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        value = low if low is not None else high
        return UNITS[unit](value) % {"count": value}
    return UNITS[unit](high) % {"count": f"{low}\u2013{high}"}


def format_price(amount, currency):
    amount = amount.quantize(Decimal("1")) if amount == amount.to_integral() else amount
    number = f"{amount:,}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"
