"""The unit or rate a question asks a figure in: «в миллиардах», «в год», «в среднем»,
«на один контракт»."""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine import cues
from bot.engine.morph import Token
from bot.engine.phrases import has_phrase


def convert_target(tokens: Sequence[Token], lemmas: Sequence[str]) -> str | None:
    """The unit or rate a figure is asked in: «в миллиардах», «в год», «в среднем»."""
    for i, token in enumerate(tokens):
        before = lemmas[i - 1] if i > 0 else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        unit = cues.UNITS.get(token.lemma)
        if unit == "currency":
            return unit
        if unit is not None and before in ("в", "во") and token.number is None:
            return unit
        if token.lemma in cues.SHARE or token.surface == "%":
            return "percent"
        rate = cues.RATE_WORDS.get(token.lemma)
        if rate == "average" and before not in ("в",) and token.lemma == "среднее":
            rate = None
        if rate is not None:
            if rate == "average" and _per_contract(lemmas):
                return "per_contract"
            if rate != "average" or not _rate_noun(tokens, lemmas):
                return rate
        rate = cues.RATE_NOUNS.get(token.lemma)
        numbered = (i > 0 and tokens[i - 1].number is not None) or (
            after is not None and after.number is not None
        )
        named = i > 1 and lemmas[i - 2] in ("какой", "этот", "тот", "прошлый", "один")
        rated = rate is not None and before in ("в", "за", "каждый", "раз")
        if rated and not numbered and not named:
            return rate
    if has_phrase(lemmas, ("на", "один", "контракт")) or has_phrase(lemmas, ("на", "контракт")):
        return "per_contract"
    if any(has_phrase(lemmas, ("на", w)) for w in ("человек", "житель", "душа", "каждый")):
        return "per_person"
    return None


def _rate_noun(tokens: Sequence[Token], lemmas: Sequence[str]) -> bool:
    """«в среднем в год»: the rate noun says more than «в среднем»."""
    return any(
        lemma in cues.RATE_NOUNS and i > 0 and lemmas[i - 1] in ("в", "за")
        for i, lemma in enumerate(lemmas)
    )


def _per_contract(lemmas: Sequence[str]) -> bool:
    return "контракт" in lemmas or "госконтракт" in lemmas
