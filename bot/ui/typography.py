"""Russian typography of every message the bot sends: no-break spaces that keep a number
with its thousands, its unit and the word it counts, short words with the number after
them, and an em dash with the word before it («7 800 жителей», «330 тыс. т», «с 2023»,
«ХМАО — Югра»)."""

from __future__ import annotations

import re

NBSP = "\u00a0"
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_NUMBER_WORD = re.compile(r"(?<=\d) (?=(?:тыс\.|млн|млрд|₽|%|[а-яё]))", re.IGNORECASE)
_SCALE_WORD = re.compile(r"(тыс\.|млн|млрд) (?=[а-яё₽])")
_BEFORE_NUMBER = re.compile(
    r"(?<![\w-])(с|со|за|по|до|от|в|во|на|к|около|более|свыше|менее|почти) (?=\d)",
    re.IGNORECASE,
)
_BEFORE_DASH = re.compile(r"(?<=\S) (?=— )")


def typeset(text: str) -> str:
    text = _THOUSANDS.sub(NBSP, text)
    text = _NUMBER_WORD.sub(NBSP, text)
    text = _SCALE_WORD.sub(lambda m: m.group(1) + NBSP, text)
    text = _BEFORE_NUMBER.sub(lambda m: m.group(1) + NBSP, text)
    return _BEFORE_DASH.sub(NBSP, text)
