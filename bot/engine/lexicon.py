"""Every word the engine recognises, built once per content version: places from the
gazetteer, regions, sectors, topics, people and intents from the content file."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine import senses
from bot.engine.morph import Morph
from bot.engine.phrases import PhraseTable, TypoIndex
from db.models import Content, Person
from db.places import Gazetteer, Subject

INTENTS = (
    "greeting", "thanks", "farewell", "how_are_you", "approval", "insult", "capabilities",
    "agreement", "all_regions", "pretend",
)  # fmt: skip
# Intents that are small talk: a message of nothing else gets a short human reply.
SMALLTALK = ("insult", "how_are_you", "farewell", "thanks", "greeting", "approval", "capabilities")


@dataclass(frozen=True, slots=True)
class Sense:
    """What a phrase stands for.

    kind: place (a subject by name), place_adj (by its adjective), people (a demonym),
    town (key «subject|town»), district, person (key: surname), sector, topic (key
    «sector|n»), intent, term (key: its index in the glossary).
    """

    kind: str
    key: str


@dataclass(frozen=True, slots=True)
class PersonInfo:
    person: Person
    region: str | None  # the partner region the person heads
    agreements: tuple[str, ...]  # the agreements the person signed as a party


@dataclass
class Topic:
    sector: str
    words: tuple[str, ...]  # the group's words as written («рыба», «рыбный», …)
    lemmas: frozenset[str] = field(default_factory=frozenset)


class Lexicon:
    def __init__(self, content: Content, gazetteer: Gazetteer, morph: Morph) -> None:
        self.morph = morph
        self.table: PhraseTable[Sense] = PhraseTable(morph)
        self.subjects: dict[str, Subject] = {s.id: s for s in gazetteer.subjects}
        self.districts = {d.id: d for d in gazetteer.districts}
        self.partner_of: dict[str, str] = {r.subject: r.id for r in content.regions}
        self.persons: dict[str, PersonInfo] = {}
        self.topics: dict[str, Topic] = {}
        self.sector_lemmas: dict[str, frozenset[str]] = {}
        self._places(gazetteer, content)
        self._people(content)
        self._sectors(content)
        for intent in INTENTS:
            for word in getattr(content.vocabulary, intent):
                self.table.add(word, Sense("intent", intent), typos=False)
        for n, term in enumerate(content.terms):
            for word in term.words:
                self.table.add(word, Sense("term", str(n)), typos=False)
        self.stop = frozenset(
            lemma for word in content.vocabulary.stop for lemma in morph.lemmas(word)
        )
        self.approval_signs = frozenset(
            word for word in content.vocabulary.approval if not morph.tokens(word)
        )  # «👍»: no letters, so no token to match
        # Words of the products the facts name: «сколько рыбы» asks for a tonnage.
        self.products = (
            frozenset(
                lemma
                for fact in content.facts
                for product in fact.products
                for lemma in morph.lemmas(product)
                if lemma not in senses.PRODUCT_CLASS
            )
            | senses.PRODUCT_CLASS
        )
        # Forms of the words of no weight, for misspellings of them («облость», «скока»).
        # The post each person holds, as the first word of their title («губернатор»).
        self.posts = {key: morph.lemmas(p.person.title)[0] for key, p in self.persons.items()}
        # The words of each agreement's areas, by agreement and place in its list.
        self.area_words = {
            (agreement.id, n): frozenset(
                lemma for word in area.words for lemma in morph.lemmas(word)
            )
            for agreement in content.agreements
            for n, area in enumerate(agreement.areas)
        }
        self._weightless = TypoIndex(
            form for lemma in self.stop | senses.FRAME for form in morph.word_forms(lemma)
        )
        self.table.seal()

    def _places(self, gazetteer: Gazetteer, content: Content) -> None:
        add = self.table.add
        generic = {"федеральный", "округ"}
        self.district_words = {
            d.id: frozenset(w for n in d.names for w in self.morph.lemmas(n)) - generic
            for d in gazetteer.districts
        }
        for district in gazetteer.districts:
            for name in district.names:
                add(name, Sense("district", district.id), place=True, typos=False)
        for subject in gazetteer.subjects:
            partner = subject.id in self.partner_of
            for name in subject.names:
                add(name, Sense("place", subject.id), place=True, name=True)
            for adjective in subject.adjectives:
                add(adjective, Sense("place_adj", subject.id), place=True)
            for demonym in subject.demonyms:
                add(demonym, Sense("people", subject.id), place=True)
            for town in subject.towns:
                add(
                    town,
                    Sense("town", f"{subject.id}|{town}"),
                    place=True,
                    name=True,
                    typos=partner,
                )
            for adjective in subject.town_adjectives:
                town = _closest_town(adjective, subject.towns)
                add(adjective, Sense("town", f"{subject.id}|{town}"), place=True, typos=False)
        for region in content.regions:
            for alias in region.aliases:
                add(alias, Sense("place", region.subject), place=True, typos=False)
        for word in senses.MOSCOW:
            kind = "place_adj" if word.endswith("ский") or word.endswith("ный") else "place"
            add(word, Sense(kind, senses.MOSCOW_SUBJECT), typos=False)

    def _people(self, content: Content) -> None:
        """Heads of the partner regions and the parties of the agreements, by surname."""
        partners = content.partners_agreement.id
        people: list[tuple[Person, str | None, str]] = [
            (region.head, region.id, partners) for region in content.regions
        ]
        people += [(p, None, a.id) for a in content.agreements for p in a.parties]
        for person, region, agreement in people:
            key = person.surname.lower()
            known = self.persons.get(key)
            agreements = (*known.agreements, agreement) if known else (agreement,)
            self.persons[key] = PersonInfo(
                person,
                region or (known.region if known else None),
                tuple(dict.fromkeys(agreements)),
            )
            for alias in (person.name, person.surname):
                self.table.add(alias, Sense("person", key))

    def _sectors(self, content: Content) -> None:
        lemmas = self.morph.lemmas
        for sector in content.sectors:
            general = {lemma for word in [sector.title, *sector.aliases] for lemma in lemmas(word)}
            self.sector_lemmas[sector.id] = frozenset(general)
            for word in [sector.title, *sector.aliases]:
                self.table.add(word, Sense("sector", sector.id))
            for stem in sector.stems:
                self.table.add_prefix(stem, Sense("sector", sector.id))
            for n, group in enumerate(sector.topics):
                words = tuple(w.strip() for w in group.split("|") if w.strip())
                key = f"{sector.id}|{n}"
                self.topics[key] = Topic(
                    sector.id, words, frozenset(lemma for w in words for lemma in lemmas(w))
                )
                for word in words:
                    self.table.add(word, Sense("topic", key))

    def is_weightless(self, word: str) -> bool:
        """A word the dictionary lacks is a misspelt word of no weight («облость»)."""
        return self._weightless.closest(word) is not None

    def place_name(self, sense: Sense) -> str:
        """The name to print for a place sense: the subject's or the town's."""
        if sense.kind == "district":
            return self.districts[sense.key].name
        if sense.kind == "town":
            return sense.key.split("|", 1)[1]
        return self.subjects[sense.key].name

    def subject_of(self, sense: Sense) -> str | None:
        if sense.kind in ("place", "place_adj", "people"):
            return sense.key
        if sense.kind == "town":
            return sense.key.split("|", 1)[0]
        return None


def _closest_town(adjective: str, towns: list[str]) -> str:
    """The town an adjective comes from: the one sharing the longest beginning with it."""

    def shared(town: str) -> int:
        n = 0
        for a, b in zip(adjective.lower(), town.lower(), strict=False):
            if a != b:
                break
            n += 1
        return n

    return max(towns, key=shared)
