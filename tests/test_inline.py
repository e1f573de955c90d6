"""Inline mode through the real dispatcher: what a person typing `@<bot> …` in some chat is
offered, and what the chosen article sends there."""

from __future__ import annotations

import pytest
from aiogram.methods import AnswerInlineQuery
from aiogram.types import InlineQueryResultArticle, InputTextMessageContent

from bot.local_session import BOT_USER, LocalChat, visible_text
from bot.services.questions import QuestionDesk

LINK = f"https://t.me/{BOT_USER.username}"


def articles(answer: AnswerInlineQuery | None) -> list[InlineQueryResultArticle]:
    """The results, checked the way every answer must be: shared, cached, with the button
    that opens the bot, at most ten articles with unique ids."""
    assert answer is not None
    assert (answer.cache_time, answer.is_personal) == (300, False)
    assert answer.button is not None and answer.button.text == "Открыть бота"
    assert answer.button.start_parameter == "inline"
    results = [r for r in answer.results if isinstance(r, InlineQueryResultArticle)]
    assert len(results) == len(answer.results) <= 10
    assert len({r.id for r in results}) == len(results)
    return results


def sent_text(article: InlineQueryResultArticle) -> str:
    """What the chat receives when the article is chosen, as the person reads it."""
    content = article.input_message_content
    assert isinstance(content, InputTextMessageContent)
    assert content.parse_mode == "HTML"
    return visible_text(content.message_text, "HTML").replace("\u00a0", " ")


async def test_a_region_offers_its_card_then_its_sectors(chat: LocalChat) -> None:
    results = articles(await chat.inline("пенза"))
    assert [r.id for r in results] == [
        "penza",
        "penza-trade",
        "penza-medicine",
        "penza-education",
        "penza-culture",
        "penza-sport",
        "penza-ngo",
    ]
    card = results[0]
    assert card.title == "Пензенская область и Москва: соглашение в цифрах"
    assert card.description and card.description.startswith("🤝 Соглашение подписали")
    text = sent_text(card)
    assert text.startswith("Пензенская область\n")
    assert "Более 7 800 жителей Пензенской области прошли лечение" in text
    assert "Выберите сферу" not in text  # no buttons go with it: no prompt to tap them
    assert text.endswith("\n\nСпросите бота: @moscow_regions_bot")
    content = card.input_message_content
    assert isinstance(content, InputTextMessageContent)
    assert f'<a href="{LINK}?start=penza">@moscow_regions_bot</a>' in content.message_text
    assert card.reply_markup is not None
    [[button]] = card.reply_markup.inline_keyboard
    assert (button.text, button.url) == ("Открыть в боте", f"{LINK}?start=penza")


async def test_a_sector_offers_the_comparison_and_each_region(chat: LocalChat) -> None:
    results = articles(await chat.inline("медицина"))
    assert [r.id for r in results] == [
        "compare-medicine",
        "altai-medicine",
        "penza-medicine",
        "hmao-medicine",
    ]
    comparison = sent_text(results[0])
    assert comparison.startswith("🏥 Медицина: регионы-партнёры\n")
    for figure in ("Более 300 жителей", "Более 7 800 жителей", "Более 4 100 жителей"):
        assert figure in comparison
    assert "(с 2023 по 2025 год)" in sent_text(results[2])


async def test_a_question_gets_the_answer_the_chat_gets(chat: LocalChat) -> None:
    question = "сколько пензенцев лечились в москве"
    [article] = articles(await chat.inline(question))
    assert article.title == "Сколько пензенцев лечились в москве"
    [in_chat] = await chat.send(question)
    assert sent_text(article) == f"{in_chat.plain}\n\nСпросите бота: @moscow_regions_bot"
    assert "Более 7 800 жителей" in sent_text(article)


async def test_a_place_that_is_not_a_partner_is_said_so(chat: LocalChat) -> None:
    [article] = articles(await chat.inline("барнаул"))
    assert "не относится к регионам-партнёрам" in sent_text(article)


async def test_an_empty_query_offers_the_regions_and_the_agreements(chat: LocalChat) -> None:
    for query in ("", "   "):
        results = articles(await chat.inline(query))
        assert [r.id for r in results] == ["altai", "penza", "hmao", "about"]
        assert results[3].title == "Соглашения Москвы с регионами-партнёрами"
        assert sent_text(results[3]).startswith("📄 О соглашениях\n")


@pytest.mark.parametrize(
    "query",
    [
        "asdfgh",
        "привет",
        "метро",  # outside the agreements: nothing worth sending
        "😀" * 64,
        "<b>&amp;</b>",
        "\u200b\u0000",
        "x" * 256,
    ],
)
async def test_junk_gets_no_articles_and_the_button(chat: LocalChat, query: str) -> None:
    assert articles(await chat.inline(query)) == []


@pytest.mark.parametrize(
    "query",
    ["пенза " * 40, "сколько " + "пензенцев " * 30 + "😀" * 20, "югра рыба 2023 <i>"],
)
async def test_long_and_odd_queries_still_fit(chat: LocalChat, query: str) -> None:
    """The stand-in refuses texts over 4 096 characters, bad HTML and repeated ids."""
    for article in articles(await chat.inline(query)):
        assert 0 < len(sent_text(article)) <= 4096


async def test_a_failure_answers_with_no_articles(
    chat: LocalChat, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: QuestionDesk, question: str, context: object = None) -> None:
        raise RuntimeError("engine down")

    monkeypatch.setattr(QuestionDesk, "answer", broken)
    assert articles(await chat.inline("пенза")) == []
    assert len(articles(await chat.inline(""))) == 4  # the empty query needs no engine
