"""A claim checked: the answer it rests on, opened by yes, no or in part.

The claim is evaluated as a question of its own (a figure, a comparison, a list, a
person's role); the verdict follows from how far the news answers it: in full → yes; it
contradicts the claim → no, with the right fact; in part → in part; not at all → the news
does not say (never «no»: what the news does not mention may still be so). A claim asked
with a negation («разве Пенза не лидер?») gets the fact stated, without yes or no, which
would be ambiguous in Russian.
"""

from __future__ import annotations

from dataclasses import replace

from bot.engine.answer import Answer, AnswerKind, Coverage, Gap, GapKind, Lead, LeadKind, Reason
from bot.engine.intents import Frame

_VERDICTS = {
    Coverage.EXACT: "yes",
    Coverage.CORRECTION: "no",
    Coverage.PARTIAL: "partly",
    Coverage.NONE: "unknown",
}


def verdict(
    base: Answer,
    frame: Frame,
    unexplained: bool = False,
    claimed: str | None = None,
    *,
    future: bool = False,
) -> Answer:
    """`unexplained`: the claim has words the answer's facts do not speak of («московские
    налоги идут на лечение…?»): the facts do not confirm it, so it is not a yes.
    `claimed`: for a comparison, the region the claim puts first («у ХМАО меньше, чем у
    Алтая?», «почему Пенза поставляет больше?»). `future`: the claim is of what will be;
    the news tells what was done or intended."""
    if base.kind is AnswerKind.OTHER_REGION or base.coverage not in _VERDICTS:
        return base
    told = base.coverage in (Coverage.EXACT, Coverage.PARTIAL)
    if future and told and not unexplained:  # what was done or intended, not what will be
        return replace(
            base, coverage=Coverage.PARTIAL, gaps=(Gap(GapKind.CLAIM, "future"),), lead=None,
            reason=Reason.PARTIAL,
        )  # fmt: skip
    narrower = any(g.kind is GapKind.SUBSET for g in base.gaps)  # not named in the news
    if (unexplained or narrower) and base.coverage in (Coverage.EXACT, Coverage.PARTIAL):
        return replace(
            base,
            coverage=Coverage.NONE,
            gaps=(Gap(GapKind.CLAIM),),
            lead=None,
            reason=Reason.NOT_IN_NEWS,
        )
    said = _VERDICTS[base.coverage]
    lead = base.lead
    if claimed is not None and lead is not None and lead.kind is LeadKind.COMPARE:
        holds = lead.items[0].region == claimed  # the items are in the order asked
        said = "yes" if holds else "no"
        base = replace(base, coverage=Coverage.EXACT if holds else Coverage.CORRECTION)
    if frame.negated and said in ("yes", "no"):
        said = "state"
    if lead is not None and lead.kind is LeadKind.UNTOLD:
        said = "state"  # «действует до 2030 года?»: what the news does and does not give
    if any(g.kind is GapKind.TOWN for g in base.gaps):
        said = "state"  # «Сургут участвует?»: through its region; the town line says so
    return replace(base, lead=Lead(LeadKind.VERDICT, target=said, base=base.lead))
