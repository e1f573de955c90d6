"""In a group the bot answers only commands addressed to it, mentions and replies to its own
messages; admin commands work in private chats only; buttons keep working everywhere."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from aiogram.types import Chat, Message, PhotoSize, Update, User

from bot.local_session import BOT_USER, LocalChat, Shown

QUESTION = "Сколько пензенцев лечились в Москве?"
MENU_TITLE = "Москва и регионы-партнёры"
CHATTER = [
    "привет всем",
    "кто идёт обедать?",
    QUESTION,  # a question to the group, not to the bot
    "а в Югре?",
    "пенза",
    "🙂",
    "написал @someone_else, он знает",
    "почта moscow_regions_bot@example.com",  # not a mention
    "@moscow_regions_botanic тоже не мы",
]
# Another bot's command, with its mention or without (`/weather` is not one of ours).
FOR_OTHER_BOTS = ["/start@otherbot", "/help@other_bot", "/region@otherbot пенза", "/x@y"]
FOR_OTHER_BOTS += ["/weather", "/reload", "/unanswered"]


def sent_to(shown: list[Shown], chat: LocalChat) -> list[Shown]:
    assert all(s.chat_id == chat.chat.id for s in shown if s.kind != "answer"), shown
    return [s for s in shown if s.kind == "send"]


@pytest.fixture(params=["group", "supergroup"])
def group(chat: LocalChat, request: pytest.FixtureRequest) -> LocalChat:
    return chat.in_group(chat_id=-1001, kind=request.param)


async def test_chatter_in_a_group_is_ignored_and_not_logged(
    group: LocalChat, chat: LocalChat, admin_chat: LocalChat
) -> None:
    for text in CHATTER:
        assert await group.send(text) == [], text
    assert (
        await group.send(photo=[PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)])
        == []
    )
    await chat.send("фывапролд жэ")  # the same person in private: logged
    [report] = await admin_chat.send("/unanswered")
    assert "фывапролд" in report.plain
    assert not any(text in report.plain.lower() for text in ("привет всем", "обедать"))


@pytest.mark.parametrize("text", FOR_OTHER_BOTS)
async def test_commands_for_other_bots_are_ignored(group: LocalChat, text: str) -> None:
    assert await group.send(text) == []


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("/start", MENU_TITLE),
        ("/start@moscow_regions_bot", MENU_TITLE),
        ("/help@Moscow_Regions_Bot", "Как пользоваться ботом"),
        ("/region@moscow_regions_bot пенза", "Пензенская область\n"),
        ("/region хмао", "Ханты-Мансийский автономный округ — Югра"),
        ("/weather@moscow_regions_bot", "Команды /weather нет."),
    ],
)
async def test_commands_to_the_bot_are_answered_in_the_group(
    group: LocalChat, text: str, opening: str
) -> None:
    [reply] = sent_to(await group.send(text), group)
    assert opening in reply.plain


async def test_a_command_in_a_caption_is_answered(group: LocalChat) -> None:
    photo = [PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)]
    [reply] = sent_to(
        await group.send(photo=photo, caption="/region@moscow_regions_bot пенза"), group
    )
    assert reply.plain.startswith("Пензенская область\n")


@pytest.mark.parametrize(
    "text",
    [
        f"@moscow_regions_bot {QUESTION}",
        f"@Moscow_Regions_Bot, {QUESTION}",
        f"{QUESTION[:-1]} @moscow_regions_bot?",
        f"{QUESTION} @moscow_regions_bot",
    ],
)
async def test_a_mention_is_dropped_and_the_question_answered(
    group: LocalChat, chat: LocalChat, text: str
) -> None:
    [private] = await chat.send(QUESTION)
    [reply] = sent_to(await group.send(text), group)
    assert reply.plain == private.plain


async def test_a_bare_mention_opens_the_main_menu(group: LocalChat) -> None:
    [reply] = sent_to(await group.send("@moscow_regions_bot"), group)
    assert MENU_TITLE in reply.plain
    assert reply.button_texts[:3] == ["Республика Алтай", "Пензенская область", "ХМАО — Югра"]


async def test_a_reply_to_the_bot_is_answered_a_reply_to_others_is_not(
    group: LocalChat, chat: LocalChat
) -> None:
    [private] = await chat.send(QUESTION)
    await group.send("/start")
    ours = group.last_message()
    [reply] = sent_to(await group.send(QUESTION, reply_to_message=ours), group)
    assert reply.plain == private.plain
    someone = Message(
        message_id=group.session.next_message_id(),
        date=datetime.now(UTC),
        chat=group.chat,
        from_user=User(id=5, is_bot=False, first_name="Пётр"),
        text="где обедаем?",
    )
    assert await group.send(QUESTION, reply_to_message=someone) == []


async def test_buttons_work_in_a_group(group: LocalChat) -> None:
    await group.send("/start@moscow_regions_bot")
    shown = await group.click("Пензенская область")
    assert [s.kind for s in shown] == ["edit"]
    assert shown[0].chat_id == group.chat.id
    assert shown[0].plain.startswith("Пензенская область\n")
    assert sum(1 for r in group.session.requests if r.__api_method__ == "answerCallbackQuery") == 1


@pytest.mark.parametrize(
    ("command", "in_private"),
    [
        ("/unanswered", "фывапролд"),
        ("/reload", "Содержание обновлено"),
    ],
)
async def test_admin_commands_do_not_work_in_a_group_even_for_an_admin(
    admin_chat: LocalChat, command: str, in_private: str
) -> None:
    await admin_chat.send("фывапролд жэ")  # something the report would list
    group = admin_chat.in_group(chat_id=-1002)
    assert await group.send(command) == []  # not a public command: another bot's, maybe
    [reply] = sent_to(await group.send(f"{command}@moscow_regions_bot"), group)
    assert f"Команды {command} нет." in reply.plain  # as for anyone: no report, no reload
    assert in_private not in reply.plain
    [private] = await admin_chat.send(command)  # in a private chat the command works
    assert in_private in private.plain


async def test_channel_posts_are_ignored(chat: LocalChat) -> None:
    channel = Chat(id=-1003, type="channel", title="Канал")
    for text in ["/start", "@moscow_regions_bot пенза", QUESTION]:
        post = Message(message_id=1, date=datetime.now(UTC), chat=channel, text=text)
        assert await chat.feed(Update(update_id=1, channel_post=post)) == []
        assert await chat.feed(Update(update_id=2, message=post)) == []


async def test_the_local_bot_has_a_username(chat: LocalChat) -> None:
    me = await chat.bot.me()
    assert me.username == BOT_USER.username
    assert me.id == chat.bot.id
