"""A question read: the places it names and in what role, the sector or topic, the thing
asked, the years, the figures it states, and the words nothing recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from bot.engine import cues, senses
from bot.engine.asking import asked_in, clauses, is_noun
from bot.engine.lexicon import Lexicon, Sense
from bot.engine.morph import Budget, Token
from bot.engine.senses import Asked

MAX_WORDS = 80  # words of a question that are read; a longer message adds nothing
MAX_LOOKUPS = 8  # unknown words compared with the words of no weight, per question
MAX_GUESSES = 8  # unknown words analysed by analogy (the slow part of pymorphy3)
_SENTENCE_END = re.compile(r"[!?;\n]+|\.\s+(?=[A-ZА-ЯЁ])")
_NUMBER_WORDS = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "пятнадцать": 15, "двадцать": 20,
}  # fmt: skip
_PLACE_KINDS = frozenset({"place", "place_adj", "people", "town", "district"})
# A sector named only by a verb («привозили», «лечились») gives way to one named by a noun:
# «какие выставки привозили» is about culture, not trade.
_VERB_POS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
# Words that carry what a claim says (not how it asks): checked against what the news says.
_CONTENT_POS = _VERB_POS | {"NOUN", "ADJF", "ADJS"}
_PRONOMINAL = frozenset(
    {"такой", "этот", "тот", "свой", "наш", "ваш", "мой", "твой", "который", "какой", "весь",
     "сам", "самый", "другой", "каждый", "любой", "иной", "некоторый", "один",
     # the relation a claim states of a party, which the news' list of parties answers
     "участвовать", "являться", "относиться", "принадлежать", "состоять"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure a question states: «300 контрактов», «больше 7 тысяч человек»."""

    value: float
    unit: str | None = None  # contract | person | tonne | rub, when a word says which
    relation: str = "eq"  # eq | gt («больше 7000») | lt («меньше») | about («около»)


class Role(StrEnum):
    """What a named place is in the question."""

    MOVER = "mover"  # whose people, companies, goods or museums: «пензенцы», «из Пензы»
    HOST = "host"  # where something goes or is given: «в Москву», «в московских больницах»
    PLACE = "place"  # «в Пензе»: where, loosely
    TOPIC = "topic"  # named otherwise: «о Пензе», «с Пензой»
    BACKGROUND = "background"  # named in a sentence around the question: «Я из Сургута.»


@dataclass(frozen=True, slots=True)
class Mention:
    sense: Sense
    subject: str | None  # the federal subject (None for a federal district)
    role: Role
    sentence: int


@dataclass
class Query:
    text: str
    mentions: list[Mention] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # topic keys («trade|2»)
    persons: list[str] = field(default_factory=list)
    intents: set[str] = field(default_factory=set)
    intent_words: set[str] = field(default_factory=set)  # lemmas of the phrases of intents
    asks: list[Asked] = field(default_factory=list)  # in the order the sentences ask them
    signing: bool = False  # speaks of signing: «подписали», «заключили»
    previous: bool = False  # speaks of a previous agreement: «прежнее», «предыдущее»
    years: list[int] = field(default_factory=list)
    since: bool = False  # a year after «с»: «с 2023 года», from that year on
    until: bool = False  # a year after «до»: «до 2023 года», the time before it
    claims: list[Claim] = field(default_factory=list)  # figures the question states
    term_claim: int | None = None  # «на 10 лет»
    nouns: list[str] = field(default_factory=list)  # nouns nothing recognised
    residue: list[str] = field(default_factory=list)  # content words nothing recognised
    words_known: bool = False  # some of those nouns are dictionary words («погода»)
    follow_up: bool = False  # opens like a follow-up: «а в Югре?»
    words: int = 0
    sector_sentences: dict[str, set[int]] = field(default_factory=dict)
    general_sectors: list[str] = field(default_factory=list)  # named by a general word
    strong_sectors: list[str] = field(default_factory=list)  # named by a noun or adjective
    topic_words: dict[str, str] = field(default_factory=dict)  # topic → the word used
    excluded: dict[str, str] = field(default_factory=dict)  # «кроме рыбы»: topic → its word
    tokens: list[Token] = field(default_factory=list)
    end: str = ""  # how its sentence ends: "?", "!", "." or ""
    terms: list[int] = field(default_factory=list)  # glossary entries named
    strangers: list[str] = field(default_factory=list)  # people the content does not know
    lone_number: float | None = None  # the message is one number and nothing else
    stated: bool = False  # a statement with a figure, to be checked («… на 649 млн рублей.»)

    def subjects(self, *roles: Role) -> list[str]:
        found = [m.subject for m in self.mentions if m.subject and (not roles or m.role in roles)]
        return list(dict.fromkeys(found))

    @property
    def asked(self) -> Asked | None:
        return self.asks[0] if self.asks else None


class Analyser:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # never a topic noun
        self._weightless = lexicon.stop | senses.FRAME | cues.META | cues.PREPOSITIONAL
        verifying = {word for phrase in cues.VERIFY_PHRASES for word in phrase}
        self._no_claim = (
            self._weightless | _PRONOMINAL | cues.AGREEMENT_WORDS | cues.COVERS | cues.CHANGES
            | senses.PREVIOUS | verifying
        )  # fmt: skip

    def read(self, text: str) -> Query:
        """The whole text as one question (`/region`, inline look-ups)."""
        query = Query(text)
        budget = Budget(MAX_GUESSES, MAX_LOOKUPS)
        left = MAX_WORDS
        for number, sentence in enumerate(_SENTENCE_END.split(text)):
            if left <= 0:
                break
            tokens = self.lexicon.morph.tokens(sentence, limit=left, budget=budget)
            left -= len(tokens)
            if number == 0 and tokens:
                query.follow_up = tokens[0].lemma in senses.FOLLOW_UP or _is_fragment(tokens)
            self._sentence(tokens, number, query, budget)
            query.words += len(tokens)
        return query

    def clause(self, tokens: list[Token], sentence: int, end: str, budget: Budget) -> Query:
        """One sub-question of a message."""
        query = Query(" ".join(t.surface for t in tokens), tokens=tokens, end=end)
        if tokens:
            query.follow_up = tokens[0].lemma in senses.FOLLOW_UP or _is_fragment(tokens)
        self._sentence(tokens, sentence, query, budget)
        query.words = len(tokens)
        if len(tokens) == 1 and tokens[0].number is not None:
            query.lone_number = tokens[0].number
        return query

    def _sentence(self, tokens: list[Token], number: int, query: Query, budget: Budget) -> None:
        used = [False] * len(tokens)
        for match in self.lexicon.table.match(tokens):
            for j in range(match.start, match.end):
                used[j] = True
            if match.meant:  # read a misspelt word as the word it stands for: «кантрактов»
                tokens[match.start] = self.lexicon.morph.tokens(match.meant)[0]
            for sense in self._best(match.targets):
                self._take(sense, tokens, match.start, match.end, number, query)
        self._numbers(tokens, query)
        query.signing = query.signing or any(t.lemma in senses.SIGN for t in tokens)
        query.previous = query.previous or any(
            t.lemma in senses.PREVIOUS or t.parse.lemmas & senses.PREVIOUS for t in tokens
        )
        people = any(m.sense.kind == "people" for m in query.mentions)
        for clause in clauses(tokens):
            asked = asked_in(clause, self.lexicon.products, people)
            if asked is not None and asked not in query.asks:
                query.asks.append(asked)
        for i, token in enumerate(tokens):
            if not used[i]:
                query.nouns += self._unknown_nouns(token, query, budget)
                if token.pos in _CONTENT_POS and not token.parse.lemmas & self._no_claim:
                    query.residue.append(token.lemma)
        query.strangers += _strangers(tokens, used)

    def _unknown_nouns(self, token: Token, query: Query, budget: Budget) -> list[str]:
        """The token as a noun nothing recognised: a hyphenated word by its parts
        («регионов-партнёров»); a misspelt word of no weight («облость») is none."""
        if "-" in token.word and not token.known:
            parts = self.lexicon.morph.tokens(token.word.replace("-", " "))
            return [noun for part in parts for noun in self._unknown_nouns(part, query, budget)]
        if not is_noun(token) or token.number is not None:
            return []
        if token.parse.lemmas & self._weightless or token.lemma in senses.FRAME:
            return []
        if not token.known and budget.lookups > 0:
            budget.lookups -= 1
            if self.lexicon.is_weightless(token.word):
                return []
        query.words_known = query.words_known or token.known
        return [token.lemma]

    def _take(
        self, sense: Sense, tokens: list[Token], start: int, end: int, sentence: int, q: Query
    ) -> None:
        kind = sense.kind
        if kind in _PLACE_KINDS:
            role = _role(sense, tokens, start, end)
            q.mentions.append(Mention(sense, self.lexicon.subject_of(sense), role, sentence))
        elif kind == "person":
            q.persons.append(sense.key)
        elif kind == "intent":
            q.intents.add(sense.key)
            q.intent_words.update(t.lemma for t in tokens[start:end])
        elif kind == "term":
            q.terms.append(int(sense.key))
        else:
            sector = sense.key.split("|", 1)[0]
            weak = end - start == 1 and tokens[start].pos in _VERB_POS
            if sector not in q.sectors:
                q.sectors.append(sector)
            if not weak and sector not in q.strong_sectors:
                q.strong_sectors.append(sector)
            q.sector_sentences.setdefault(sector, set()).add(sentence)
            # as typed (its number kept: «студентов»), a typo by the word it stands for
            typed = " ".join(t.lemma if not t.known else t.word for t in tokens[start:end])
            if kind == "topic" and start > 0 and tokens[start - 1].lemma in cues.EXCEPT:
                q.excluded[sense.key] = typed  # «что поставляет ХМАО кроме рыбы»
            elif kind == "topic" and sense.key not in q.topics:
                q.topics.append(sense.key)
                q.topic_words[sense.key] = typed
            if kind == "sector" and sector not in q.general_sectors:
                q.general_sectors.append(sector)

    def _best(self, targets: tuple[Sense, ...]) -> list[Sense]:
        """One sense for a place named in several subjects: the subject's own name over a
        town, then a partner («Радужный» of Югра over Радужный of Владимирская область)."""
        places = [t for t in targets if t.kind in _PLACE_KINDS]
        if len(places) <= 1:
            return list(targets)
        order = {"place": 0, "people": 1, "place_adj": 2, "district": 3, "town": 4}
        partners = self.lexicon.partner_of
        best = min(
            places,
            key=lambda t: (order[t.kind], self.lexicon.subject_of(t) not in partners),
        )
        return [*(t for t in targets if t.kind not in _PLACE_KINDS), best]

    def _numbers(self, tokens: list[Token], query: Query) -> None:
        """Years («в 2024 году», «2023-2025»), a term («на 10 лет») and stated figures."""
        for i, token in enumerate(tokens):
            word_value = _NUMBER_WORDS.get(token.lemma)
            if token.number is None and word_value is None:
                continue
            value = float(token.number if token.number is not None else word_value or 0)
            after = tokens[i + 1].lemma if i + 1 < len(tokens) else ""
            year = value.is_integer() and 1990 <= value <= 2100 and after not in senses.SCALE
            if after in senses.YEARS and value <= 50:
                query.term_claim = int(value)
            elif after in senses.YEARS and not year:
                continue  # «мне 70 лет»: an age, not a figure of the news
            elif year and token.number is not None:
                query.years.append(int(value))
                if i > 0 and tokens[i - 1].lemma in ("с", "со", "начиная"):
                    query.since = True
                elif i > 0 and tokens[i - 1].lemma == "до" and len(query.years) == 1:
                    query.until = True
            elif token.number is not None:
                scale = senses.SCALE.get(after, 1.0)
                unit = _unit(tokens[i + (2 if scale != 1.0 else 1) :][:1])
                before = tokens[i - 1].lemma if i > 0 else ""
                if i > 1 and before in ("чем", "менее", "более") and tokens[i - 2].lemma == "не":
                    before = "не " + before
                relation = senses.RELATIONS.get(before, "eq")
                query.claims.append(Claim(value * scale, unit, relation))


def _unit(after: list[Token]) -> str | None:
    """What a stated figure counts, from the word after it: «300 контрактов»."""
    if not after:
        return None
    token = after[0]
    unit = senses.UNIT_WORDS.get(token.lemma)
    if unit is None and token.pos == "NOUN" and token.animate:
        return "person"  # «7800 пензенцев»
    return unit


def _role(sense: Sense, tokens: list[Token], start: int, end: int) -> Role:
    before = tokens[start - 1] if start > 0 else None
    after = tokens[end] if end < len(tokens) else None
    prep = before.lemma if before is not None and before.pos == "PREP" else None
    if sense.kind == "people":
        return Role.MOVER
    cases = tokens[start].parse.cases
    if prep in senses.SOURCE_PREPS:
        return Role.MOVER
    if prep in senses.PLACE_PREPS:
        return Role.HOST if "accs" in cases and "loct" not in cases else Role.PLACE
    if prep == "у":
        return Role.MOVER
    if prep is not None:
        return Role.TOPIC
    if sense.kind == "place_adj":
        noun = after.lemma if after is not None else ""
        return Role.HOST if noun in senses.HOST else Role.MOVER
    if before is not None and before.pos == "NOUN" and "gent" in cases:  # «жители Пензы»
        if before.lemma in senses.HOST:
            return Role.HOST
        moving = before.animate or before.lemma in senses.MOVERS
        return Role.MOVER if moving else Role.TOPIC
    if "nomn" in cases:
        return Role.MOVER
    if "datv" in cases:
        return Role.HOST
    return Role.TOPIC


def _strangers(tokens: list[Token], used: list[bool]) -> list[str]:
    """People's names nothing recognised: «Путин», «Владимир Путин» (a capitalised first
    name or surname, a surname after a first name)."""
    names: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        # a capitalised word no dictionary knows, inside a sentence, is taken for a name too
        unknown = not token.known and token.upper and not token.caps and i > 0
        unknown = unknown and token.number is None
        if used[i] or not (token.parse.person or unknown) or not (token.upper or token.known):
            i += 1
            continue
        words = [token]
        while i + len(words) < len(tokens):
            nxt = tokens[i + len(words)]
            if used[i + len(words)] or not nxt.parse.person:
                break
            words.append(nxt)
        surname = any(t.parse.person == "Surn" for t in words) or unknown
        if surname and (token.upper or len(words) > 1):
            names.append(" ".join(_nominative(t).capitalize() for t in words))
        i += len(words)
    return names


def _nominative(token: Token) -> str:
    """The name as a subject: as typed when it may be one («Набиуллина»), else its normal
    form («Путину» → «путин»)."""
    return token.word if "nomn" in token.parse.cases else token.lemma


def _is_fragment(tokens: list[Token]) -> bool:
    """A few words with no verb: «Югра?», «медицина», «в 2024 году»."""
    return len(tokens) <= 3 and not any(t.pos in ("VERB", "INFN") for t in tokens)
