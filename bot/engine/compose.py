"""One answer of a message's sub-questions."""

from __future__ import annotations

from dataclasses import replace

from bot.engine.answer import Answer, AnswerKind, Coverage, LeadKind, Reason
from bot.engine.context import ChatContext


def combine(parts: list[Answer], context: ChatContext) -> Answer:
    """One answer of the parts: the first one's shape, the coverage of all of them. A part
    that only repeats what was shown before it («сколько контрактов у Алтая и на какую
    сумму?»: one fact answers both), and a part not understood beside parts that were, are
    left out."""
    understood = [p for p in parts if p.coverage is not Coverage.UNCLEAR]
    parts = understood or parts[:1]
    shown: set[str] = set()
    seen: set[tuple[object, ...]] = set()
    kept_parts: list[Answer] = []
    for part in parts:
        ids = {f.id for f in part.facts}
        plain = part.lead is None or part.lead.kind in (LeadKind.FACT, LeadKind.BY_REGION)
        lead = part.lead
        said = (lead.kind, lead.target, lead.word) if lead is not None else None
        same: tuple[object, ...] = (part.kind, said, part.regions, tuple(sorted(ids)), part.gaps)
        if part.kind is AnswerKind.OTHER_REGION:  # told once, whatever was asked of it
            same = (part.kind, part.others)
        if same in seen:
            continue
        if kept_parts and ids and ids <= shown and plain and part.coverage is Coverage.EXACT:
            continue
        seen.add(same)
        shown |= ids
        kept_parts.append(part)
    parts = kept_parts
    if len(parts) == 1:
        return parts[0] if parts[0].context.at else replace(parts[0], context=context)
    coverages = {p.coverage for p in parts}
    told = {Coverage.EXACT, Coverage.CORRECTION, Coverage.SMALLTALK}
    if coverages <= told:
        coverage = parts[0].coverage
    elif coverages & (told | {Coverage.PARTIAL}):
        coverage = Coverage.PARTIAL
    else:
        coverage = parts[0].coverage
    reasons = [p.reason for p in parts if p.reason is not None]
    kept = next((p.context for p in reversed(parts) if p.context.at), context)
    first = parts[0]
    return replace(
        first,
        coverage=coverage,
        reason=Reason.PARTIAL if reasons and coverage is Coverage.PARTIAL else first.reason,
        parts=tuple(parts),
        context=kept,
        regions=tuple(dict.fromkeys(r for p in parts for r in p.regions)),
    )
