"""Russian rendering of figures, periods and facts (numbers via Babel, words via gettext)."""

from __future__ import annotations

import re
import string
from html import escape, unescape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from babel.numbers import format_decimal

from db.models import Fact, Figure, Period

LOCALE = "ru"


def number(value: float) -> str:
    """7800 -> «7 800» (no-break space), 2.8 -> «2,8»."""
    return str(format_decimal(value, locale=LOCALE, group_separator=True))


def figure(fig: Figure, *, genitive: bool = False) -> str:
    """A figure as a Russian phrase with the right plural form, the amount abbreviated
    (billions, millions, thousands of tonnes) and «more than» where the source says so;
    `genitive` after «против», «для»: «271 контракта»."""
    value = fig.value
    if fig.unit == "contract":
        n = int(value)  # counts are whole numbers (checked by the content model)
        if fig.more_than:
            return ngettext("more than {n} contract", "more than {n} contracts", n).format(
                n=number(n)
            )
        if genitive:
            return ngettext("{n} contract (of)", "{n} contracts (of)", n).format(n=number(n))
        return ngettext("{n} contract", "{n} contracts", n).format(n=number(n))
    if fig.unit == "person":
        n = int(value)
        if fig.more_than:
            return ngettext("more than {n} resident", "more than {n} residents", n).format(
                n=number(n)
            )
        if genitive:
            return ngettext("{n} resident (of)", "{n} residents (of)", n).format(n=number(n))
        return ngettext("{n} resident", "{n} residents", n).format(n=number(n))
    if fig.unit == "rub":
        if value >= 1e9:
            phrase = _("{n} bn RUB").format(n=number(value / 1e9))
        elif value >= 1e6:
            phrase = _("{n} mln RUB").format(n=number(value / 1e6))
        elif value >= 1e3:
            phrase = _("{n} thousand RUB").format(n=number(value / 1e3))
        else:
            phrase = _("{n} RUB").format(n=number(value))
    else:  # tonnes
        if value >= 1e3 and value % 1e3 == 0:
            phrase = _("{n} thousand tonnes").format(n=number(value / 1e3))
        else:
            # A fraction takes the form of 2 («2,5 тонны»); whole numbers their own.
            n = int(value) if value.is_integer() else 2
            phrase = ngettext("{n} tonne", "{n} tonnes", n).format(n=number(value))
    return _("more than {figure}").format(figure=phrase) if fig.more_than else phrase


def period(per: Period | None) -> str:
    if per is None:
        return _("period not stated in the source")
    if per.kind == "since":
        return _("since {year}").format(year=per.start)
    if per.kind == "year":
        return _("in {year}").format(year=per.start)
    return _("from {start} to {end}").format(start=per.start, end=per.end)


def years(n: int) -> str:
    return ngettext("{n} year", "{n} years", n).format(n=number(n))


def fact_sentence(fact: Fact) -> str:
    """The fact's text with its figures filled in, HTML-escaped, first letter capitalised."""
    rendered = {name: figure(fig) for name, fig in fact.figures.items()}
    pieces = []
    for literal, name, _spec, _conv in string.Formatter().parse(fact.text):
        pieces.append(escape(literal, quote=False))
        if name:
            pieces.append(f"<b>{escape(rendered[name], quote=False)}</b>")
    sentence = "".join(pieces)
    if sentence.startswith("<b>"):
        return "<b>" + sentence[3:4].upper() + sentence[4:]
    return sentence[:1].upper() + sentence[1:]


def fact_line(fact: Fact) -> str:
    """A bullet: the fact and, when it has figures, their period. Notes on errors of the
    source are shown on «Источник» only, never beside a figure."""
    line = "• " + fact_sentence(fact)
    if fact.figures:
        stop = "." if line.endswith(".") else ""
        line = (
            line.removesuffix(".") + f" <i>({escape(period(fact.period), quote=False)})</i>{stop}"
        )
    return line


def clip(text: str, limit: int) -> str:
    """Shorten user text for echoing: at most `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """«Медицина» → «медицина» in a list; «НКО и волонтёры» stays as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def listing(items: list[str]) -> str:
    """«A, B и C»; «A, B, а также C и D» where the last one holds an «и» of its own."""
    if len(items) < 2:
        return "".join(items)
    if " и " in items[-1]:
        return _("{items}, as well as {last}").format(items=", ".join(items[:-1]), last=items[-1])
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def areas(names: list[str]) -> str:
    """Directions listed once with the word they share: «торгово-экономическое,
    научно-техническое и культурное сотрудничество»."""
    last = {name.rsplit(" ", 1)[-1] for name in names if " " in name}
    if len(names) > 1 and len(last) == 1 and all(" " in name for name in names):
        word = last.pop()
        return f"{listing([name.rsplit(' ', 1)[0] for name in names])} {word}"
    return listing(names)


def plain(html: str) -> str:
    """Telegram HTML as the person reads it: tags dropped, entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html))
