"""Amounts of money as people read them: grouped, with the decimals of the
active locale ("2,500.00 USD" in English, "2.500,00 USD" in German)."""

from decimal import Decimal

from django.utils.formats import number_format


def money_text(amount, currency, *, whole=False):
    """`amount` with its currency. Two decimals always, or with `whole` none
    when there are no cents (a budget reads "2,000 USD")."""
    amount = Decimal(amount)
    decimals = 0 if whole and amount == amount.to_integral_value() else 2
    return f"{number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)} {currency}"
