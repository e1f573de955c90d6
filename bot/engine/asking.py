"""What a question asks for: how many people or contracts, what sum or tonnage, which
products or institutions, when, what it costs, how to apply, where to buy, who signed,
who heads a region, for how long."""

from __future__ import annotations

import itertools

from bot.engine import senses
from bot.engine.morph import FUNCTION_POS, Token
from bot.engine.senses import Asked


def clauses(tokens: list[Token]) -> list[list[Token]]:
    """A sentence cut where «и» starts a second question: «сколько рыбы … и сколько
    контрактов …» asks two things."""
    cuts = [0]
    for i in range(1, len(tokens) - 1):
        if tokens[i].lemma == "и" and tokens[i + 1].lemma in senses.HOW_MANY | senses.WHICH:
            cuts.append(i + 1)
    cuts.append(len(tokens))
    return [tokens[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def asked_in(clause: list[Token], products: frozenset[str], people: bool) -> Asked | None:
    """What the clause asks for, read from its question words and the words around them.
    `products`: words of the products the facts name; `people`: a demonym is in the question."""
    tokens = clause
    lemmas = [t.lemma for t in clause]
    has = set(lemmas).__contains__
    words = set(lemmas).union(*(t.parse.lemmas for t in clause))  # «стоят»: стоять or стоить

    def infinitive_after(frame: frozenset[str]) -> str | None:
        for i, lemma in enumerate(lemmas):
            if lemma in frame:
                for token in tokens[i + 1 : i + 8]:
                    if token.pos == "INFN":
                        return token.lemma
        return None

    if words & senses.COST:
        return Asked.SUM if words & senses.CONTRACT else Asked.COST
    if _which_year(lemmas):  # «в каком году подписали прежний документ»: a date, not how to
        return Asked.DATE
    verb = infinitive_after(senses.HOW | senses.WHERE | senses.MODAL)
    asking = bool(words & (senses.HOW | senses.WHERE | senses.WHICH | senses.MODAL))
    if (verb is not None and verb in senses.BUY) or (words & senses.BUY and asking):
        return Asked.WHERE_BUY
    # «какой документ действовал до соглашения»: the agreement, not papers to hand in
    previous = bool(words & senses.PREVIOUS) or "до" in words
    how_to = words & senses.HOW_TO - ({"документ"} if previous else set())
    if verb is not None or (how_to and asking):
        return Asked.HOW_TO
    if words & senses.WHO and words & senses.SIGN and not words & senses.CONTRACT:
        return Asked.WHO_SIGNED
    if words & senses.WHO and words & senses.HEAD:
        return Asked.WHO_HEADS
    if words & senses.WHEN or _which_year(lemmas):
        return Asked.DATE
    if words & senses.HOW_MANY or _phrase(lemmas, "как", "много") or _phrase(lemmas, "много", "ли"):
        return _how_many(tokens, lemmas, products, people)
    if has("срок") or _phrase(lemmas, "как", "долго"):
        return Asked.TERM
    if words & senses.MONEY:
        return Asked.SUM
    if words & senses.WEIGHT:
        return Asked.SUM if words & senses.CONTRACT else Asked.VOLUME
    which = _noun_after(tokens, senses.WHICH)
    if which in senses.INSTITUTION:
        return Asked.NAMES
    if which in senses.PRODUCT_CLASS:
        return Asked.PRODUCTS
    if words & senses.WHAT and words & senses.SUPPLY:
        return Asked.PRODUCTS
    return None


def _how_many(
    tokens: list[Token], lemmas: list[str], products: frozenset[str], people: bool
) -> Asked | None:
    """«Сколько …» of what: the noun after it (or before it) says what is counted."""
    frame = senses.HOW_MANY | {"как", "много"}
    start = next((i for i, lemma in enumerate(lemmas) if lemma in frame), 0)
    nouns = [t for t in tokens[start + 1 :] if is_noun(t) or t.lemma in senses.YEARS]
    nouns += [t for t in tokens[:start] if is_noun(t)]
    for token in nouns:
        lemma = token.lemma
        if lemma in senses.YEARS:
            return Asked.TERM
        if lemma in senses.MONEY:
            return Asked.SUM
        if lemma in senses.WEIGHT:
            return Asked.VOLUME
        if lemma in senses.CONTRACT:
            return Asked.CONTRACTS
        if lemma in products:
            return Asked.VOLUME
        if token.animate or lemma in ("человек", "люди"):
            return Asked.PEOPLE
    if people:
        return Asked.PEOPLE
    if any(t.lemma not in senses.FRAME for t in nouns):
        return Asked.COUNT  # «сколько выставок»: something no figure counts
    return None


def _noun_after(tokens: list[Token], frame: frozenset[str]) -> str | None:
    """The noun a question word asks about: «в каких (московских) больницах» → больница."""
    for i, token in enumerate(tokens):
        if token.lemma in frame:
            for after in tokens[i + 1 : i + 4]:
                if after.pos == "NOUN" or after.lemma in senses.INSTITUTION or is_noun(after):
                    return after.lemma
    return None


def _which_year(lemmas: list[str]) -> bool:
    """«в каком году», «какого числа», «в какой день»."""
    for i, lemma in enumerate(lemmas[:-1]):
        if lemma in ("какой", "который") and lemmas[i + 1] in (
            "год",
            "число",
            "день",
            "месяц",
            "период",
        ):
            return True
    return False


def _phrase(lemmas: list[str], first: str, second: str) -> bool:
    return any(a == first and b == second for a, b in itertools.pairwise(lemmas))


def is_noun(token: Token) -> bool:
    """A noun, or a word the dictionary lacks that is no function word (it may be one)."""
    if token.pos == "NOUN":
        return len(token.lemma) > 2
    return not token.known and token.pos not in FUNCTION_POS and len(token.word) > 3
