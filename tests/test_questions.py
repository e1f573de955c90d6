"""Free-text questions through the real dispatcher, and the question service below it."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from aiogram.utils.i18n import I18n

from bot.app import App
from bot.local_session import LocalChat
from bot.services.questions import AnswerKind, QuestionDesk, fts_query
from db.unanswered import UnansweredRepository
from tests.evaluation import Question, ask_all, load_questions

QUESTIONS = load_questions()


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.text[:60] for q in QUESTIONS])
async def test_evaluation_question(app: App, question: Question) -> None:
    [result] = await ask_all(app, [question])
    assert result.ok, f"{question.text!r}: {result.problems}\n{result.shown}"


def test_evaluation_set_is_large_and_varied() -> None:
    assert len(QUESTIONS) >= 80
    categories = {q.category for q in QUESTIONS}
    assert {"case_forms", "demonym", "typos", "latin", "two_regions", "unknown"} <= categories


async def test_answer_buttons_lead_on(chat: LocalChat) -> None:
    [answer] = await chat.send("Сколько рыбы привезли из Югры?")
    assert "200 тыс. тонн рыбы" in answer.text
    assert "271" not in answer.text  # only the fact asked about
    assert answer.button_texts == [
        "📎 Источник",
        "ХМАО – Югра · 💼 Торговля и экономика",
        "📍 ХМАО – Югра: обзор",
        "🏠 Главное меню",
    ]
    source = await chat.click("📎 Источник")
    assert "абзацы 17, 18" in source[0].text
    sector = await chat.click("« Назад")  # the source leads back to the whole sector view
    assert sector[0].text.startswith("Ханты-Мансийский автономный округ – Югра · 💼")
    [answer] = await chat.send("Сколько рыбы привезли из Югры?")
    card = await chat.click("📍 ХМАО – Югра: обзор")
    assert card[0].text.startswith("Ханты-Мансийский автономный округ – Югра\n")


async def test_two_regions_are_separated(chat: LocalChat) -> None:
    [answer] = await chat.send("сравни Пензу и Югру по медицине")
    text = answer.text
    penza = text.index("Пензенская область · 🏥 Медицина")
    hmao = text.index("Ханты-Мансийский автономный округ – Югра · 🏥 Медицина")
    assert penza < text.index("7\u00a0800") < hmao < text.index("4\u00a0100")
    assert "300 жителей" not in text


async def test_no_facts_is_said_honestly(chat: LocalChat) -> None:
    [answer] = await chat.send("спорт в Югре")
    assert answer.text == (
        "В источнике нет сведений об отрасли «Спорт» для Ханты-Мансийского автономного "
        "округа – Югры."
    )
    assert answer.button_texts[0] == "📍 ХМАО – Югра: обзор"
    assert "🏥 Медицина" in answer.button_texts


async def test_altai_krai_never_gets_altai_republic_figures(chat: LocalChat) -> None:
    for text in ("Сколько жителей Алтайского края лечились в Москве?", "барнаул контракты"):
        [answer] = await chat.send(text)
        assert answer.text.startswith("Алтайский край — другой регион")
        assert "300" not in answer.text and "114" not in answer.text


@pytest.mark.parametrize(
    "text",
    [
        'пенза " AND медицина',
        "пенза*",
        "NEAR(пенза медицина)",
        "пенза -медицина",
        '"""',
        "контракты OR AND NOT",
        "^пенза: {рыба}",
    ],
)
async def test_fts_syntax_in_questions_is_harmless(chat: LocalChat, text: str) -> None:
    shown = await chat.send(text)
    assert [s.kind for s in shown] == ["send"]


def test_fts_query_quotes_every_term() -> None:
    assert fts_query(["рыба", 'a"b', "near", "", "рыба"]) == '"рыба" OR "a""b" OR "near"'
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    db.execute("INSERT INTO t VALUES ('a\"b near рыба')")
    assert db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts_query(['a"b']),)).fetchone()
    assert fts_query([]) == ""


async def test_desk_rebuilds_after_a_content_reload(app: App, i18n: I18n) -> None:
    desk: QuestionDesk = app.dispatcher["questions"]
    first = desk.service()
    assert desk.service() is first
    await app.content.sync_with_file(app.settings.content_path, force=True)
    assert desk.service() is not first
    assert desk.answer("Пенза больницы").kind is AnswerKind.FACTS


async def test_unanswered_questions_are_logged_without_user(app: App, chat: LocalChat) -> None:
    await chat.send("Какая погода в Барселоне?")
    await chat.send("какая  погода в барселоне?")
    await chat.send("Сколько пензенцев лечились в Москве?")  # answered: not logged
    rows = await app.dispatcher["unanswered"].most_frequent()
    assert rows == [("какая погода в барселоне?", 2)]
    async with app.conn.execute("PRAGMA table_info(unanswered)") as cursor:
        columns = [row[1] for row in await cursor.fetchall()]
    assert columns == ["id", "text", "asked_at"]


async def test_unanswered_window_is_thirty_days(app: App) -> None:
    repo = UnansweredRepository(app.conn)
    now = datetime(2026, 11, 27, tzinfo=UTC)
    await repo.record("старый вопрос", when=now - timedelta(days=31))
    for _ in range(3):
        await repo.record("частый вопрос", when=now - timedelta(days=1))
    await repo.record("редкий вопрос", when=now - timedelta(days=2))
    assert await repo.most_frequent(now=now) == [("частый вопрос", 3), ("редкий вопрос", 1)]


async def test_unanswered_command_is_for_admins(chat: LocalChat, admin_chat: LocalChat) -> None:
    await chat.send("курс <b>биткоина</b>")
    [listing] = await admin_chat.send("/unanswered")
    assert listing.text == "Вопросы без ответа за 30 дней\n1 × курс <b>биткоина</b>"
    assert "&lt;b&gt;" in listing.html
    [refused] = await chat.send("/unanswered")
    assert "Команды /unanswered я не знаю." in refused.text


async def test_unanswered_empty(admin_chat: LocalChat) -> None:
    [listing] = await admin_chat.send("/unanswered")
    assert listing.text == "За последние 30 дней все вопросы получили ответ."


async def test_examples_in_the_unknown_answer_are_answerable(chat: LocalChat, app: App) -> None:
    [unknown] = await chat.send("абракадабра")
    examples = [line[2:] for line in unknown.text.splitlines() if line.startswith("• ")]
    assert len(examples) == 3
    desk: QuestionDesk = app.dispatcher["questions"]
    with app.i18n.context():
        kinds = [desk.answer(example).kind for example in examples]
    assert AnswerKind.UNKNOWN not in kinds


async def test_region_with_an_off_topic_question_says_so(chat: LocalChat) -> None:
    [answer] = await chat.send("погода в Пензе")
    assert answer.text.startswith("Точно об этом сведений у меня нет — вот что я знаю о регионе.")
    assert "Пензенская область\n" in answer.text
    [summary] = await chat.send("Пенза в цифрах")
    assert summary.text.startswith("Пензенская область\n")


async def test_topic_across_sectors_is_grouped(chat: LocalChat) -> None:
    [answer] = await chat.send("какие проекты идут?")
    assert "Пензенская область · 🎭 Культура" in answer.text
    assert "Пензенская область · 🤝 НКО и волонтёры" in answer.text
    assert answer.button_texts == [
        "Пензенская область · 🎭 Культура",
        "Пензенская область · 🤝 НКО и волонтёры",
        "🏠 Главное меню",
    ]


async def test_partner_and_its_look_alike_get_the_difference(chat: LocalChat) -> None:
    [answer] = await chat.send("Республика Алтай или Алтайский край, в чём разница?")
    assert answer.text.startswith("Алтайский край — другой регион")
    [facts] = await chat.send("Республика Алтай, а не Алтайский край: больницы")
    assert "Более 300 жителей республики" in facts.text
