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

from bot.engine.answer import Answer, AnswerKind, Coverage, Lead, LeadKind
from bot.engine.intents import Frame

_VERDICTS = {
    Coverage.EXACT: "yes",
    Coverage.CORRECTION: "no",
    Coverage.PARTIAL: "partly",
    Coverage.NONE: "unknown",
}


def verdict(base: Answer, frame: Frame) -> Answer:
    if base.kind is AnswerKind.OTHER_REGION or base.coverage not in _VERDICTS:
        return base
    said = _VERDICTS[base.coverage]
    if frame.negated and said in ("yes", "no"):
        said = "state"
    return replace(base, lead=Lead(LeadKind.VERDICT, target=said, base=base.lead))
