"""The question engine below Telegram: no aiogram, no gettext, plain data in and out."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.config import DEFAULT_CONTENT, PROJECT_ROOT
from bot.engine import Asked, ChatContext, Engine, OtherPlace
from bot.engine.analysis import Claim, Role
from bot.engine.context import TTL_SECONDS
from db.loader import read_content_file
from db.places import read_gazetteer

CONTENT = read_content_file(DEFAULT_CONTENT).content
PLACES = read_gazetteer()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(CONTENT, PLACES)


def test_the_engine_imports_no_aiogram() -> None:
    code = (
        "import sys; import bot.engine; "
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('aiogram', 'babel')]; "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gazetteer_covers_every_federal_subject() -> None:
    assert len(PLACES.subjects) == 89
    assert len(PLACES.districts) == 8
    partners = {r.subject for r in CONTENT.regions}
    assert partners <= {s.id for s in PLACES.subjects}
    assert sum(len(s.towns) for s in PLACES.subjects if s.id in partners) >= 100
    assert {s.id: s.confused_with for s in PLACES.subjects if s.confused_with} == {
        "altai-krai": "altai",
        "yanao": "hmao",
    }


def test_every_town_of_a_partner_is_that_partner(engine: Engine) -> None:
    for region in CONTENT.regions:
        for town in PLACES.subject(region.subject).towns:
            assert engine.find_region(town) == region.id, town


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Свердловская область", "Свердловская область"),
        ("свердловские предприятия", "Свердловская область"),
        ("кубанские фермеры", "Краснодарский край"),
        ("петербуржцы", "Санкт-Петербург"),
        ("казанцы", "Республика Татарстан"),
        ("Подмосковье", "Московская область"),
        ("Екатеринбург", "Екатеринбург"),
        ("Барнаул", "Барнаул"),
        ("Ямал", "Ямало-Ненецкий автономный округ"),
    ],
)
def test_other_places_are_known_as_not_partners(engine: Engine, text: str, name: str) -> None:
    found = engine.find_region(text)
    assert isinstance(found, OtherPlace) and found.name == name


def test_content_aliases_name_places_of_their_region(engine: Engine) -> None:
    """No word stands for a region unless it names a place in it."""
    for region in CONTENT.regions:
        for alias in region.aliases:
            query = engine.analyser.read(alias)
            subjects = {m.subject for m in query.mentions}
            assert subjects == {region.subject}, alias
    pfo = engine.analyser.read("ПФО")
    assert [m.sense.kind for m in pfo.mentions] == ["district"]


def test_a_town_named_like_a_common_word_needs_a_capital(engine: Engine) -> None:
    assert engine.find_region("Заречный") == "penza"
    assert engine.find_region("заречный парк") is None
    assert engine.find_region("Турочак") == "altai"  # a district centre, not Турчак


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Сколько пензенцев лечились в Москве?", Asked.PEOPLE),
        ("Сколько контрактов у Югры?", Asked.CONTRACTS),
        ("На какую сумму контракты Алтая?", Asked.SUM),
        ("Сколько тонн рыбы привезли?", Asked.VOLUME),
        ("Сколько рыбы поставила Югра?", Asked.VOLUME),
        ("Какие продукты поставляет Пенза?", Asked.PRODUCTS),
        ("В каких больницах лечились?", Asked.NAMES),
        ("Когда подписали соглашение?", Asked.DATE),
        ("Сколько стоит лечение?", Asked.COST),
        ("Как записаться на лечение?", Asked.HOW_TO),
        ("Где купить алтайский сыр?", Asked.WHERE_BUY),
        ("Кто подписал соглашение?", Asked.WHO_SIGNED),
        ("Кто губернатор Пензенской области?", Asked.WHO_HEADS),
        ("На сколько лет заключены соглашения?", Asked.TERM),
        ("Сколько выставок привезли?", Asked.COUNT),
    ],
)
def test_what_is_asked(engine: Engine, text: str, asked: Asked) -> None:
    assert engine.analyser.read(text).asked is asked


def test_two_things_asked_in_one_sentence(engine: Engine) -> None:
    query = engine.analyser.read("Сколько рыбы ушло в Москву и сколько контрактов заключили?")
    assert query.asks == [Asked.VOLUME, Asked.CONTRACTS]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Сколько москвичей лечилось в Пензе?", {"moscow": Role.MOVER, "penza": Role.PLACE}),
        ("Что Москва поставляет в Югру?", {"moscow": Role.MOVER, "hmao": Role.HOST}),
        ("Сколько рыбы привезли из Югры в Москву?", {"hmao": Role.MOVER, "moscow": Role.HOST}),
        ("жители Пензы в московских больницах", {"penza": Role.MOVER, "moscow": Role.PLACE}),
        ("московские больницы приняли пензенцев", {"moscow": Role.HOST, "penza": Role.MOVER}),
        ("Что известно о Пензе?", {"penza": Role.TOPIC}),
    ],
)
def test_roles_of_places(engine: Engine, text: str, roles: dict[str, Role]) -> None:
    query = engine.analyser.read(text)
    assert {m.subject: m.role for m in query.mentions} == roles


def test_years_terms_and_stated_figures(engine: Engine) -> None:
    query = engine.analyser.read("С 2023-2025 годы 7,8 тысяч человек, соглашение на 10 лет")
    assert query.years == [2023, 2025]
    assert query.claims == [Claim(7800.0, "person", "eq")]
    assert query.term_claim == 10


def test_follow_up_reads_against_the_context(engine: Engine) -> None:
    first = engine.answer("Сколько человек из Пензы лечились в Москве?", now=1000.0)
    assert first.context.regions == ("penza",) and first.context.sectors == ("medicine",)
    follow = engine.answer("а в Югре?", first.context, now=1000.0 + TTL_SECONDS - 1)
    assert [f.id for f in follow.facts] == ["hmao-medicine-patients"]
    late = engine.answer("а в Югре?", first.context, now=1000.0 + TTL_SECONDS + 1)
    assert not late.facts and late.regions == ("hmao",)


def test_nothing_recognised_keeps_the_context(engine: Engine) -> None:
    first = engine.answer("Сколько пензенцев лечились в Москве?", now=5.0)
    assert engine.answer("спасибо", first.context, now=6.0).context == first.context
    assert engine.answer("абвгд", first.context, now=6.0).context == first.context


def test_context_is_plain_data() -> None:
    context = ChatContext(("hmao",), ("medicine",), ("trade|0",), "people", (2024,), True, 12.5)
    assert ChatContext.from_dict(context.to_dict()) == context
    assert ChatContext.from_dict({"regions": 5, "years": ["x"]}) == ChatContext()
    assert ChatContext.from_dict(None) == ChatContext()
    assert not ChatContext().fresh(0.0)


def test_a_long_message_of_unknown_words_is_read_in_part(engine: Engine) -> None:
    words = " ".join(f"слово{n}абв" for n in range(800))
    query = engine.analyser.read(words[:4096])
    assert query.words <= 80
    assert not query.mentions and not query.sectors
