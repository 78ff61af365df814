"""An independent writer of French numbers, to check the readers on any integer."""

from __future__ import annotations

_UNITS = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize").split()
_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def _below_100(n: int) -> str:
    if n < 17:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    if n >= 80:
        return "quatre-vingts" if n == 80 else "quatre-vingt-" + _below_100(n - 80)
    if n >= 70:
        return "soixante et onze" if n == 71 else "soixante-" + _below_100(n - 60)
    tens, unit = _TENS[n // 10 * 10], n % 10
    return tens if unit == 0 else f"{tens} et un" if unit == 1 else f"{tens}-{_UNITS[unit]}"


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if hundreds == 0 else "cent" if hundreds == 1 else _UNITS[hundreds] + (" cents" if rest == 0 else " cent")
    return " ".join(p for p in (head, _below_100(rest) if rest else "") if p)


def french(n: int) -> str:
    """``n`` (0 ≤ n < 10^12) in French words, traditional spelling: 71 → « soixante et onze »."""
    if n == 0:
        return "zéro"
    parts = []
    for scale, name in ((10**9, "milliard"), (10**6, "million")):
        count, n = divmod(n, scale)
        if count:
            parts.append(f"{_below_1000(count)} {name}{'s' if count > 1 else ''}")
    thousands, n = divmod(n, 1000)
    if thousands:
        words = _below_1000(thousands)
        words = words[:-1] if words.endswith(("cents", "vingts")) else words  # « deux cent mille »
        parts.append("mille" if thousands == 1 else words + " mille")
    if n:
        parts.append(_below_1000(n))
    return " ".join(parts)
