"""Who someone is: the people the news names (their title, their region, the agreements
they signed) and the people it does not mention."""

from __future__ import annotations

from bot.engine.answer import Answer, AnswerKind, Coverage, Lead, LeadKind, Reason
from bot.engine.ask import Ask
from bot.engine.senses import Asked

# What a question about a person may ask that the news never gives: an age, a date, a count.
UNTOLD = frozenset({Asked.TERM, Asked.DATE, Asked.COUNT, Asked.COST, Asked.PEOPLE})
# Words of asking about a role, which the news does give: «какую должность занимает».
ROLE_WORDS = frozenset({"должность", "пост", "роль", "работа", "человек", "занятие", "статус"})


def who(ask: Ask) -> Answer:
    """The first person named: who they are in the news; a stranger: not mentioned."""
    query = ask.query
    if query.persons:
        key = query.persons[0]
        kind = LeadKind.PERSON_UNTOLD if _untold(ask) else LeadKind.PERSON
        coverage = Coverage.NONE if kind is LeadKind.PERSON_UNTOLD else Coverage.EXACT
        return Answer(
            AnswerKind.PERSON,
            coverage,
            lead=Lead(kind, word=key),
            reason=Reason.NOT_IN_NEWS if coverage is Coverage.NONE else None,
        )
    return not_mentioned(ask)


def not_mentioned(ask: Ask) -> Answer:
    return Answer(
        AnswerKind.PERSON,
        Coverage.NONE,
        lead=Lead(LeadKind.NOT_MENTIONED, word=ask.query.strangers[0]),
        reason=Reason.OFF_TOPIC,
    )


def asks_untold(ask: Ask) -> bool:
    """A question about a person's age, birth or the like: «Сколько лет Собянину?»."""
    return bool(ask.query.persons) and _untold(ask)


def _untold(ask: Ask) -> bool:
    query = ask.query
    if "agreement" in query.intents or query.signing or ask.named or query.sectors:
        return False
    return bool(set(ask.asks) & UNTOLD) or bool(set(query.nouns) - ROLE_WORDS)
