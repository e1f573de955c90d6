"""Opening sentences about people, the agreements, words of the news, the news as a whole,
a region, and the human ones: small talk, a refusal to invent, a message not understood,
and the yes or no of a checked claim."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.engine import Answer, Lead, LeadKind
from bot.engine.morph import shared_morph
from bot.services.content import Catalog
from bot.ui import text as fmt
from bot.ui.widgets import esc
from db.models import Agreement, Person


def lead_line(catalog: Catalog, answer: Answer, lead: Lead) -> str:
    kind = lead.kind
    if kind is LeadKind.VERDICT:
        return _verdict(catalog, answer, lead)
    if kind in (LeadKind.PERSON, LeadKind.PERSON_UNTOLD):
        return _person(catalog, lead)
    if kind is LeadKind.NOT_MENTIONED:
        return _("{name} is not mentioned in the news.").format(name=esc(lead.word))
    if kind is LeadKind.AREAS:
        return _areas(catalog, lead)
    if kind is LeadKind.TERM:
        agreement = _agreement(catalog, lead.word)
        return _("The term of {agreement} is {term}.").format(
            agreement=esc(agreement.genitive), term=fmt.years(agreement.term_years or 0)
        )
    if kind is LeadKind.UNTOLD:
        return _untold(catalog, lead)
    if kind is LeadKind.MEANING:
        return esc(catalog.content.terms[int(lead.word)].meaning)
    if kind is LeadKind.NOT_DEFINED:
        if not answer.facts:
            return _("The news does not explain «{word}».").format(word=esc(lead.word))
        return _("The news gives no definition of «{word}»; here is what it says:").format(
            word=esc(lead.word)
        )
    if kind is LeadKind.SUMMARY:
        return _summary(catalog)
    if kind is LeadKind.REGION:
        return "\n".join(_region(catalog, r) for r in lead.regions)
    if kind is LeadKind.SMALLTALK:
        return smalltalk(lead.target or "greeting")
    if kind is LeadKind.REFUSAL:
        return _(
            "I cannot make up, change or imagine facts: I answer only from the text of the news."
        )
    if kind is LeadKind.UNCLEAR:
        return _("I did not understand the question.")
    if kind is LeadKind.SOURCE:
        return _source(catalog, answer)
    return ""


def _verdict(catalog: Catalog, answer: Answer, lead: Lead) -> str:
    from bot.ui.leads import lead_line as base_line  # the base may be any kind of lead

    base = base_line(catalog, answer, lead.base) if lead.base is not None else ""
    if lead.target == "yes":
        if not base and answer.facts:
            base = fmt.fact_line(answer.facts[0]).removeprefix("• ")
        return " ".join([_("Yes."), base]).strip()
    if lead.target == "partly":
        return _("Not quite.")
    if lead.target == "no" and base:
        return " ".join([_("No."), base])
    return base


def _person(catalog: Catalog, lead: Lead) -> str:
    people = _people(catalog)
    if lead.word == "head":
        region = catalog.regions[lead.regions[0]]
        return _("The {title} is {name}.").format(
            title=esc(fmt.capitalise(region.head.title)), name=esc(region.head.name)
        )
    person = people[lead.word]
    if lead.kind is LeadKind.PERSON_UNTOLD:
        return _(
            "The news does not say that: of {person} it says only that this is {title}."
        ).format(person=esc(person.called("loct")), title=esc(person.title))
    lines = [_("{name} is {title}.").format(name=esc(person.name), title=esc(person.title))]
    for agreement in catalog.content.agreements:
        parties = _parties(catalog, agreement)
        if any(p.name == person.name for p in parties):
            lines.append(signed(catalog, agreement))
    return " ".join(lines)


def _people(catalog: Catalog) -> dict[str, Person]:
    people: list[Person] = [r.head for r in catalog.content.regions]
    people += [p for a in catalog.content.agreements for p in a.parties]
    return {p.surname.lower(): p for p in people}


def _parties(catalog: Catalog, agreement: Agreement) -> list[Person]:
    parties = list(agreement.parties)
    if agreement.scope == "partners":
        parties += [r.head for r in catalog.content.regions]
    return parties


def signed(catalog: Catalog, agreement: Agreement, region: str | None = None) -> str:
    names = [f"{p.title} {p.name}" for p in agreement.parties]
    if agreement.scope == "partners" and region is not None:
        head = catalog.regions[region].head
        return _("The agreement between Moscow and {region} was signed by {parties}.").format(
            region=esc(catalog.regions[region].called("ablt")),
            parties=esc(fmt.listing([*names, f"{head.title} {head.name}"])),
        )
    if agreement.scope == "partners":
        heads = [f"{r.head.name} ({r.short_name})" for r in catalog.content.regions]
        return _("{title} were signed by {parties} and the heads of the regions: {heads}.").format(
            title=esc(agreement.title),
            parties=esc(fmt.listing(names)),
            heads=esc(fmt.listing(heads)),
        )
    return _("{title} was signed by {parties}.").format(
        title=esc(agreement.title), parties=esc(fmt.listing(names))
    )


def _agreement(catalog: Catalog, agreement_id: str) -> Agreement:
    found = catalog.agreement(agreement_id)
    return found if found is not None else catalog.partners_agreement


def _areas(catalog: Catalog, lead: Lead) -> str:
    agreement = _agreement(catalog, lead.word)
    names = [area.name for area in agreement.areas]
    target = lead.target or ""
    if target == "parties":
        if lead.regions:
            return signed(catalog, agreement, lead.regions[0])
        return signed(catalog, agreement)
    if target == "count":
        partners = catalog.content.regions
        return ngettext(
            "Moscow signed {n} agreement with a region ({regions}) and, besides, {other}.",
            "Moscow signed {n} agreements with regions ({regions}) and, besides, {other}.",
            len(partners),
        ).format(
            n=len(partners),
            regions=esc(fmt.listing([r.short_name for r in partners])),
            other=esc(fmt.lower_first(_other(catalog, agreement).title)),
        )
    if target == "why":
        return esc(agreement.summary)
    if target == "previous":
        return _previous(catalog, lead.regions)
    if target.isdigit():
        return _("{area} is among the directions of {agreement}: {areas}.").format(
            area=esc(fmt.capitalise(names[int(target)])),
            agreement=esc(agreement.genitive),
            areas=esc(fmt.areas(names)),
        )
    directions = ngettext("direction", "directions", len(names))
    if target == "absent":
        return _(
            "It is not named as a direction of {agreement}; its {directions}: {areas}."
        ).format(
            agreement=esc(agreement.genitive), directions=directions, areas=esc(fmt.areas(names))
        )
    term = (
        _("term: {term}").format(term=fmt.years(agreement.term_years))
        if agreement.term_years
        else _("the term is not given in the news")
    )
    return _("{title}: its {directions} are {areas}; {term}.").format(
        title=esc(agreement.title), directions=directions, areas=esc(fmt.areas(names)), term=term
    )


def _previous(catalog: Catalog, regions: tuple[str, ...]) -> str:
    """The year of each region's previous agreement, as the news gives it."""
    chosen = [catalog.regions[r] for r in regions] or list(catalog.content.regions)
    lines = [
        _("The previous bilateral agreement between Moscow and {region} dates from {year}.").format(
            region=esc(region.called("ablt")), year=region.previous_agreement.year
        )
        for region in chosen
        if region.previous_agreement is not None
    ]
    return " ".join(lines)


def _other(catalog: Catalog, agreement: Agreement) -> Agreement:
    return next((a for a in catalog.content.agreements if a.id != agreement.id), agreement)


def _untold(catalog: Catalog, lead: Lead) -> str:
    agreement = _agreement(catalog, lead.word)
    name = esc(agreement.genitive)
    if lead.target == "term":
        with_term = next((a for a in catalog.content.agreements if a.term_years), None)
        if with_term is None:
            return _("The news does not give the term of {agreement}.").format(agreement=name)
        return _(
            "The news does not give the term of {agreement}; the term of {term} is stated only "
            "for {other}."
        ).format(
            agreement=name, term=fmt.years(with_term.term_years or 0), other=esc(with_term.genitive)
        )
    if lead.target == "until":
        if agreement.term_years:
            return _(
                "The news does not give the end date of {agreement}: it gives only the term, "
                "{term}, and not the date of signing."
            ).format(agreement=name, term=fmt.years(agreement.term_years))
        return _("The news does not give the end date of {agreement}.").format(agreement=name)
    if lead.target == "changes":
        return _changes(catalog, lead)
    return {
        "funding": _("The news gives no funding of {agreement}."),
        "place": _("The news does not give the place of signing of {agreement}."),
        "text": _("The news does not give the full text of {agreement} or where to read it."),
    }.get(lead.target or "", _("The news does not say that of {agreement}.")).format(agreement=name)


def _source(catalog: Catalog, answer: Answer) -> str:
    from bot.ui.views import source_lines  # views build screens; a lead only borrows words

    if not answer.facts:
        return _("Everything I tell comes from the news item «{title}».").format(
            title=esc(catalog.source_title)
        )
    fact = answer.facts[0]
    region = catalog.regions.get(fact.region or "")
    lines = source_lines(catalog, region, catalog.sectors[fact.sector])
    lines[0] = _("The source is the news item «{title}».").format(title=esc(catalog.source_title))
    return " ".join(lines)


def _changes(catalog: Catalog, lead: Lead) -> str:
    """How a new agreement differs from the previous one: the news says only that it
    continues it."""
    regions = [catalog.regions[r] for r in lead.regions if r in catalog.regions]
    previous = [r for r in regions if r.previous_agreement is not None]
    if not previous:
        return _("The news does not say how the new agreements differ from the previous ones.")
    region = previous[0]
    return _(
        "The news does not say how the new agreement differs from the previous one; it says "
        "only that it continues the agreement between Moscow and {region} of {year}."
    ).format(
        region=esc(region.called("ablt")),
        year=region.previous_agreement.year if region.previous_agreement else "",
    )


def _summary(catalog: Catalog) -> str:
    regional = catalog.partners_agreement
    regions = fmt.listing([r.called("ablt") for r in catalog.content.regions])
    lines = [
        _("Moscow signed agreements on cooperation with {regions} for {term}.").format(
            regions=esc(regions), term=fmt.years(regional.term_years or 0)
        )
        if regional.term_years
        else _("Moscow signed agreements on cooperation with {regions}.").format(
            regions=esc(regions)
        )
    ]
    for agreement in catalog.content.agreements:
        if agreement.scope == "federal":
            lines.append(signed(catalog, agreement))
    lines.append(_("Key figures:"))
    return " ".join(lines)


def _region(catalog: Catalog, region_id: str) -> str:
    region = catalog.regions[region_id]
    return _("Moscow and {region} cooperate in: {sectors}.").format(
        region=esc(region.name), sectors=esc(sector_list(catalog, region_id))
    )


def sector_list(catalog: Catalog, region_id: str) -> str:
    """The region's sectors in the genitive after «в сферах»: «торговли и экономики,
    медицины, …, а также НКО и волонтёров»."""
    morph = shared_morph()
    sectors = catalog.sectors_of(region_id)
    return fmt.listing(
        [s.sphere or morph.inflect(fmt.lower_first(s.title), "gent") for s in sectors]
    )


def smalltalk(kind: str) -> str:
    return {
        "thanks": _("You're welcome! Ask if you have more questions about the agreements."),
        "farewell": _("Goodbye! If you have questions about the agreements, write."),
        "how_are_you": _("Thank you, all is well. How can I help?"),
        "approval": _("Glad to help. Ask if you have more questions about the agreements."),
        "insult": _(
            "I am sorry the answer did not help. I answer only from the news on the agreements; "
            "try asking differently, for example:"
        ),
    }.get(kind, "")
