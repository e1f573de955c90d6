"""A follow-up read against what was asked before it: the chat's last question, or the
sub-question before it in the same message («…и на какую сумму?»)."""

from __future__ import annotations

from dataclasses import replace

from bot.engine import cues
from bot.engine.analysis import Query, Role
from bot.engine.ask import Ask
from bot.engine.context import ChatContext
from bot.engine.intents import Intent
from bot.engine.senses import MEASURE_OF, MOSCOW_SUBJECT, Asked

# How a question asked that a follow-up asks again: «Где больше лечились?» «А по контрактам?»
CARRIED = frozenset({Intent.COMPARE, Intent.TOTAL, Intent.CONVERT, Intent.LIST, Intent.WHO})


def follows(query: Query, ask: Ask, intent: Intent) -> bool:
    """The sub-question leans on the one before: it opens like a follow-up, converts, or
    points back, and says only part of what it asks."""
    refers = query.follow_up or intent is Intent.CONVERT or _refers_back(query)
    return refers and (_partial(ask) or _bare(query, ask) or _askless(query, ask))


def _refers_back(query: Query) -> bool:
    """Opens with a word that points at what was said: «это сколько в миллиардах?»."""
    return bool(query.tokens) and query.tokens[0].lemma in ("это", "этот", "то", "он", "они", "там")


def _bare(query: Query, ask: Ask) -> bool:
    """Asks, but names nothing it is about (a date asks of what was said): «а за какой
    период?», «а что оно предусматривает?»."""
    asks = any(t.lemma in cues.QUESTION_WORDS or t.lemma == "ли" for t in query.tokens)
    about = [a for a in ask.asks if a is not Asked.DATE]
    named = ask.regions or ask.others or ask.sectors or about or ask.topics or query.persons
    return asks and not named


def _askless(query: Query, ask: Ask) -> bool:
    """Names what and where, but not how it asks: «а продуктов из Пензы за тот же год?»."""
    asks = any(t.lemma in cues.QUESTION_WORDS or t.lemma == "ли" for t in query.tokens)
    named = ask.regions or ask.sectors or ask.topics or ask.years
    return bool(named) and not (asks or ask.asks)


def _partial(ask: Ask) -> bool:
    """Says something, but not both where and what: «а в Югре?», «а в 2024?»."""
    where = bool(ask.regions or ask.others)
    # what a question is about: a sphere or a measure; «за какой год?» asks how, not what
    what = bool(ask.sectors or [a for a in ask.asks if a in MEASURE_OF])
    return (where or what or bool(ask.years or ask.topics)) and not (where and what)


def follow(ask: Ask, context: ChatContext) -> Ask:
    """A follow-up takes from the last question what it does not say itself. The places it
    names only say which region is meant now («а в Югре?»), not which way things go."""
    mentions = [
        replace(m, role=Role.TOPIC) if m.subject != MOSCOW_SUBJECT else m
        for m in ask.query.mentions
    ]
    ask = replace(ask, query=replace(ask.query, mentions=mentions))
    regions = ask.regions or ([] if ask.others else list(context.regions))
    new_subject = bool(ask.sectors or ask.topics)
    sectors = ask.sectors if new_subject else list(context.sectors)
    topics = ask.topics if new_subject else list(context.topics)
    asks = ask.asks
    # the measure asked goes on within the same sphere: «сколько рыбы…?» «а продуктов?»
    same_sphere = not ask.sectors or set(ask.sectors) <= set(context.sectors)
    if not asks and same_sphere and context.asked:
        asks = [Asked(context.asked)]
    years, since = ask.years, ask.since
    if not years and not new_subject:
        years, since = list(context.years), context.since
    return replace(
        ask, regions=regions, sectors=sectors, topics=topics, asks=asks, years=years, since=since
    )
