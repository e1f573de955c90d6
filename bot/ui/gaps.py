"""Sentences that say what the news does not give, what it corrects, and which places are
not partners: the first lines of an answer that cannot answer in full."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.engine import Asked, Correction, Gap, GapKind, OtherPlace
from bot.engine.morph import shared_morph
from bot.services.content import Catalog
from bot.ui import text as fmt
from bot.ui.talk import signed
from bot.ui.widgets import esc


def opening_line(catalog: Catalog, gaps: tuple[Gap, ...]) -> str:
    """One sentence of what the news does not give: the first gap, with the products of
    the same kind joined («по сыру и мясу»), never two such sentences stacked."""
    first = gaps[0]
    if first.kind is GapKind.PRODUCT:
        products = list(dict.fromkeys(g.value for g in gaps if g.kind is GapKind.PRODUCT))
        if len(products) > 1:
            named = fmt.listing([shared_morph().inflect(p, "datv") for p in products])
            return _(
                "The news gives no separate figures for {products}; they are part of the total:"
            ).format(products=esc(named))
    return gap_line(catalog, first)


def gap_line(catalog: Catalog, gap: Gap) -> str:
    region = catalog.regions.get(gap.region or "")
    kind = gap.kind
    if kind is GapKind.SIGNING_DATE:
        return _("The news does not give the date the agreements were signed.")
    if kind is GapKind.PREVIOUS and region is not None:
        return _("The news mentions no previous agreement between Moscow and {region}.").format(
            region=esc(region.genitive)
        )
    if kind is GapKind.YEAR:
        return _("The news gives no figure for {year} alone, only for the whole period:").format(
            year=esc(gap.value)
        )
    if kind is GapKind.PERIOD:
        return _("The news gives no figure for exactly that period, only for its own:")
    if kind is GapKind.YEAR_OUTSIDE and gap.value.startswith("<"):  # «до 2023 года»
        return _(
            "The news gives no figures for the time before {year}, only for another period:"
        ).format(year=esc(gap.value[1:]))
    if kind is GapKind.YEAR_OUTSIDE and "–" in gap.value:
        return _(
            "The news gives no figures for the years {years}, only for another period:"
        ).format(years=esc(gap.value))
    if kind is GapKind.YEAR_OUTSIDE:
        return _("The news gives no figures for {year}, only for another period:").format(
            year=esc(gap.value)
        )
    if kind is GapKind.NO_PERIOD and "–" in gap.value:
        return _(
            "The news does not say which period this figure covers, so there is no figure "
            "for the years {years} alone:"
        ).format(years=esc(gap.value))
    if kind is GapKind.NO_PERIOD:
        return _(
            "The news does not say which period this figure covers, so there is no figure "
            "for {year} alone:"
        ).format(year=esc(gap.value))
    if kind is GapKind.PRODUCT:  # «по сахару»
        line = _("The news gives no separate figure for {product}; it is part of the total:")
        return line.format(product=esc(shared_morph().inflect(gap.value, "datv")))
    if kind is GapKind.SUBSET:
        return _("The news gives no figure for exactly that, only the overall one:")
    if kind is GapKind.TOWN and region is not None:
        return _(
            "The news gives no figures for {town} separately; what follows covers {region} as "
            "a whole."
        ).format(
            town=esc(shared_morph().inflect(gap.value, "datv")), region=esc(region.called("datv"))
        )
    if kind is GapKind.DISTRICT and region is not None:
        return _(
            "{district} is a federal district; of its regions only {region} is a partner of "
            "Moscow, and what follows is about that region."
        ).format(district=esc(gap.value), region=esc(region.name))
    if kind is GapKind.NATIONWIDE and region is not None:
        return _(
            "The news says nothing of {region} in particular here: this part is about the "
            "regions of Russia in general."
        ).format(region=esc(region.called("loct")))
    if kind is GapKind.EXCEPT and region is not None:  # «кроме рыбы»
        return _("Besides {word}, the news names nothing of the kind for {region}.").format(
            word=esc(shared_morph().inflect(gap.value, "gent")), region=esc(region.genitive)
        )
    if kind is GapKind.WHY:
        return _("The news does not explain why; here is what it says:")
    if kind is GapKind.CLAIM and gap.value == "cured":
        return _("The news says these people were treated; it does not say they were cured:")
    if kind is GapKind.CLAIM and gap.value == "future":
        return _("The news does not say what will be; here is what it does say:")
    if kind is GapKind.CLAIM:
        return _("The news does not say that; here is what it does say:")
    if kind is GapKind.COUNT:
        return _("The news does not give the number of contracts, only their total sum:")
    if kind is GapKind.MEASURE:
        return _measure_line(gap.value, region.genitive if region else None)
    if kind is GapKind.ASKED:
        return _asked_line(gap.value)
    if kind is GapKind.DIRECTION:
        return _("The news has no figures in that direction; it reports the opposite one:")
    if kind is GapKind.SECTOR and region is not None:
        sector = catalog.sectors[gap.sector or ""]
        return _("The news says nothing about «{sector}» for {region}.").format(
            sector=esc(sector.title), region=esc(region.genitive)
        )
    if kind is GapKind.TOPIC and region is not None:  # «о рыбе применительно к …»
        line = _("The news says nothing {about} for {region}.").format(
            about=about(gap.value), region=esc(region.called("datv"))
        )
        return fmt.capitalise(line)
    return _("There is nothing about this in the news.")


def about(words: str) -> str:
    """«о рыбе», «об опыте»: what something is about, in the prepositional."""
    quoted = words.startswith("«") and words.endswith("»")
    inflected = shared_morph().inflect(words.strip("«»"), "loct")
    inflected = f"«{inflected}»" if quoted else inflected
    if inflected[:1].lower() in "аоуэи":
        return _("about {topic} (before a vowel)").format(topic=esc(inflected))
    return _("about {topic}").format(topic=esc(inflected))


def _measure_line(asked: str, region: str | None) -> str:
    what = {
        Asked.PEOPLE: _("The number of people"),
        Asked.CONTRACTS: _("The number of contracts"),
        Asked.SUM: _("A sum of money"),
        Asked.VOLUME: _("A tonnage"),
    }.get(Asked(asked), _("Such a figure"))
    if region is None:
        return _("{what} on this is not given in the news.").format(what=what)
    return _("{what} on this for {region} is not given in the news.").format(
        what=what, region=esc(region)
    )


def _asked_line(asked: str) -> str:
    return {
        Asked.COST: _("The news does not give any cost or price."),
        Asked.NAMES: _("The news does not name particular institutions or companies."),
        Asked.HOW_TO: _("The news does not say how to apply, sign up or take part."),
        Asked.WHERE_BUY: _("The news does not say where to buy anything."),
        Asked.DATE: _("The news gives no dates for this."),
        Asked.COUNT: _("The news does not count that."),
    }.get(Asked(asked), _("The news does not give that."))


def other_lines(catalog: Catalog, others: tuple[OtherPlace, ...]) -> list[str]:
    """One line for each place that is not a partner, and who the partners are."""
    lines = []
    for place in others:
        if place.kind == "district":
            lines.append(
                _("No region of the {district} is a party to these agreements.").format(
                    district=esc(place.name)
                )
            )
        elif place.kind == "town" and place.within:
            lines.append(
                _("{town} ({subject}) is not in a partner region of these agreements.").format(
                    town=esc(place.name), subject=esc(place.within)
                )
            )
        else:
            lines.append(
                _("{region} is not a party to these agreements.").format(region=esc(place.name))
            )
        confused = catalog.regions.get(place.confused_with or "")
        if confused is not None:
            lines.append(
                _("Perhaps you mean {region}: it is a different region.").format(
                    region=esc(confused.called("accs"))
                )
            )
    partners = fmt.listing([r.short_name for r in catalog.content.regions])
    lines.append(
        _("Moscow's partners in these agreements: {partners}.").format(partners=esc(partners))
    )
    return lines


def correction_line(catalog: Catalog, correction: Correction, persons: dict[str, str]) -> str:
    """`persons`: surname key → «title name» of everyone the content names."""
    region = catalog.regions.get(correction.region or "")
    person = persons.get(correction.person or "", "")
    if correction.kind == "head" and region is not None:
        return _("No: {person}. {title} is {head}.").format(
            person=esc(person),
            title=esc(fmt.capitalise(region.head.title)),
            head=esc(region.head.name),
        )
    if correction.kind == "title":
        return _("No: {person}.").format(person=esc(person))
    if correction.kind == "signatory" and region is not None:
        mayor = catalog.partners_agreement.parties[0]
        return _(
            "No: {person} is a party to a different agreement. The agreement between Moscow "
            "and {region} was signed by {mayor} and {head}."
        ).format(
            person=esc(person),
            region=esc(region.genitive),
            mayor=esc(f"{mayor.title} {mayor.name}"),
            head=esc(f"{region.head.title} {region.head.name}"),
        )
    if correction.kind == "signatory":
        agreement = catalog.agreement(correction.agreement or "") or catalog.partners_agreement
        return (
            _("No: {person} is a party to a different agreement.").format(person=esc(person))
            + " "
            + signed(catalog, agreement)
        )
    if correction.kind == "term":
        term = catalog.partners_agreement.term_years or 0
        return _("No: the agreements are signed for {term}.").format(term=fmt.years(term))
    if correction.kind == "previous_year" and region is not None:
        return _(
            "{year} is the year of the previous agreement between Moscow and {region}; the "
            "news does not give the date the new one was signed."
        ).format(year=int(correction.claimed or 0), region=esc(region.genitive))
    if correction.kind == "previous_wrong" and region is not None:
        previous = region.previous_agreement
        return _(
            "No: the previous bilateral agreement between Moscow and {region} dates from {year}."
        ).format(region=esc(region.called("ablt")), year=previous.year if previous else "")
    if correction.kind == "district" and region is not None:
        return _("No: {region} is in the {district}.").format(
            region=esc(region.name), district=esc(correction.place or "")
        )
    if correction.kind == "scope" and region is not None:
        return _(
            "No: the news compares {region} only with the regions that are in the {district}."
        ).format(region=esc(region.name), district=esc(correction.place or ""))
    if correction.kind == "kind" and region is not None and correction.kinds:
        own, claimed = correction.kinds
        return _("No: {region} is a {own}, not a {claimed}.").format(
            region=esc(region.name), own=_kind_word(own), claimed=_kind_word(claimed)
        )
    if correction.kind == "stranger":
        return _("No: {name} is not mentioned in the news.").format(
            name=esc(correction.person or "")
        )
    fact = correction.fact
    if fact is not None and correction.figure in fact.figures:
        figure = fact.figures[correction.figure or ""]
        return _("No: the news gives {figure} ({period}).").format(
            figure=esc(fmt.figure(figure) + (f" {figure.of}" if figure.of else "")),
            period=esc(fmt.period(fact.period)),
        )
    if fact is None and region is not None:  # «алтай поставил 330 тысяч тонн?»
        return _("No: the news gives no such figure for {region}.").format(
            region=esc(region.called("gent"))
        )
    return _("No, the news gives a different figure:")


def _kind_word(kind: str) -> str:
    """A kind of subject as a word: «республика», «край»."""
    words = {
        "republic": _("republic"),
        "krai": _("krai"),
        "oblast": _("oblast"),
        "autonomous_okrug": _("autonomous okrug"),
    }
    return words.get(kind, kind)
