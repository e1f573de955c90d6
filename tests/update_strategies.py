"""Hypothesis strategies for updates a bot may receive: odd texts, commands, media, button
data, and group messages labelled with whether the bot must answer them."""

from __future__ import annotations

import string
from typing import Any

from aiogram.types import Chat, Contact, Location, PhotoSize, Sticker, User, Voice
from hypothesis import strategies as st

from bot.handlers import PUBLIC_COMMANDS
from bot.local_session import BOT_USER
from bot.ui.callbacks import Kind, Where, data_for

US = str(BOT_USER.username)

# Texts: odd Unicode pieces, words the bot knows, markup, and any code point but surrogates.
PIECES = st.sampled_from(
    [
        *("\u200f", "\u202e", "\u200d", "\u200b", "\u0301\u0308", "\ufeff", "\x00", "\x1b"),
        *("\r\n", "\t", "\u2028", "👨‍👩‍👧‍👦", "🇷🇺", "𝔘𝔫𝔦", "\U0010fffd", "<b>", "</i>", "&amp;"),
        *("&#0;", "\\", "пенза", "Сколько пензенцев лечились в Москве?", "а в Югре?", "хмао"),
        *("Алтай", "контракты", "2024", "99999999999999999999999", " ", "@otherbot", "/"),
    ]
)
ANY_CHAR = st.characters(codec="utf-8")  # every code point but the surrogates
WORDS = st.lists(st.one_of(PIECES, st.text(ANY_CHAR, max_size=12)), max_size=10).map("".join)
HUGE = st.tuples(WORDS.filter(bool), st.integers(4096, 4600)).map(
    lambda unit_size: (unit_size[0] * unit_size[1])[: unit_size[1]]
)
TEXTS = st.one_of(*[WORDS] * 8, HUGE)  # one in nine is 4 096 characters or more
NAME_CHAR = ANY_CHAR.filter(lambda c: not c.isspace() and c != "@")
NAMES = st.one_of(
    st.sampled_from(["start", "help", "about", "region", "reload", "unanswered", "", "Start"]),
    st.text(string.ascii_letters + string.digits + "_", max_size=40),
    st.text(NAME_CHAR, max_size=20),
)
ARGS = st.one_of(st.just(""), TEXTS.map(lambda text: " " + text))
OUR_MENTION = st.sampled_from([US, US.upper(), US.title()]).map(lambda name: "@" + name)
OTHER_MENTION = st.one_of(
    st.sampled_from(["@otherbot", "@moscow_regions_bot_2", "@moscow", "@moscow_regions"]),
    st.text(string.ascii_letters + "_", min_size=1, max_size=32).map(lambda name: "@" + name),
).filter(lambda mention: mention.lower() != "@" + US.lower())


def command(
    mention: st.SearchStrategy[str], names: st.SearchStrategy[str] = NAMES
) -> st.SearchStrategy[str]:
    return st.builds(lambda name, at, args: f"/{name}{at}{args}", names, mention, ARGS)


# Without a mention, a command in a group is ours only if it is one of our public ones.
PUBLIC_NAMES = st.sampled_from([*PUBLIC_COMMANDS, "Start", "HELP"])
OTHER_NAMES = NAMES.filter(lambda name: name.lower() not in PUBLIC_COMMANDS)


COMMANDS = command(st.one_of(st.just(""), OUR_MENTION, OTHER_MENTION))
PHOTO = [PhotoSize(file_id="p", file_unique_id="p", width=1, height=1)]
# Messages without text, one of each kind people send.
MEDIA_SAMPLES: list[dict[str, Any]] = [
    {
        "sticker": Sticker(
            file_id="s",
            file_unique_id="s",
            type="regular",
            width=1,
            height=1,
            is_animated=False,
            is_video=False,
        )
    },
    {"photo": PHOTO},
    {"voice": Voice(file_id="v", file_unique_id="v", duration=1)},
    {"location": Location(latitude=55.75, longitude=37.62)},
    {"contact": Contact(phone_number="+70000000000", first_name="Иван")},
]
MEDIA = st.sampled_from(MEDIA_SAMPLES)


def as_text(texts: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A text message, or a photo with the text as its caption."""
    return st.one_of(
        texts.map(lambda text: {"text": text}),
        texts.map(lambda text: {"text": text}),
        texts.map(lambda text: {"photo": PHOTO, "caption": text}),
    )


CONTENT = st.one_of(as_text(TEXTS), as_text(COMMANDS), MEDIA)
GROUP = Chat(id=-1007, type="supergroup", title="Группа")
REPLIES = [None, "bot", "person"]
ANNA = User(id=100, is_bot=False, first_name="Анна")
PEOPLE = st.integers(100, 104).map(lambda uid: User(id=uid, is_bot=False, first_name="Анна"))


# Button data: our prefixes with wrong, empty, huge or odd fields, real-looking addresses
# with a way back that leads nowhere, anything at all, and none (a game button).
FIELDS = st.one_of(
    st.sampled_from(["", "home", "regions", "penza", "altai", "hmao", "medicine", "h", "q"]),
    st.sampled_from(["Q", "c.penza", "x.penza.medicine~h", "r.penza.medicine~c.penza", "~", "."]),
    st.integers(-(10**30), 10**30).map(str),
    WORDS,
)
FORGED = st.builds(
    lambda prefix, fields: ":".join([prefix, *fields]),
    st.sampled_from(["nav", "reg", "sec", "src", "NAV", ""]),
    st.lists(FIELDS, max_size=5),
)
IDS = st.sampled_from(["penza", "altai", "hmao", "medicine", "trade", "sport", "mars", "x" * 30])
STEPS = st.one_of(
    st.sampled_from(["h", "p", "m", "a", "e", "q", "Q", "zz", "c", "r.penza"]),
    st.builds("{}.{}".format, st.sampled_from(["c", "s"]), IDS),
    st.builds("{}.{}.{}".format, st.sampled_from(["r", "x"]), IDS, IDS),
)


def packed(where: Where, back: str) -> str:
    """The data of a button that opens `where`; a forged one where no button could."""
    try:
        return data_for(where, back).pack()
    except ValueError:  # an id too long for 64 bytes: no screen would make this button
        return f"reg:{where.region}:{where.sector}:{back}"


ADDRESSES = st.builds(
    packed,
    st.one_of(
        st.builds(Where, st.sampled_from([Kind.HOME, Kind.PICKER, Kind.SECTORS, Kind.ABOUT])),
        st.builds(Where, st.just(Kind.CARD), IDS),
        st.builds(Where, st.sampled_from([Kind.REGION_SECTOR, Kind.SOURCE]), IDS, IDS),
        st.builds(Where, st.just(Kind.OVERVIEW), st.just(""), IDS),
    ),
    st.lists(STEPS, max_size=3).map("~".join),
)
CALLBACK_DATA = st.one_of(FORGED, FORGED, ADDRESSES, ADDRESSES, WORDS, st.none())
TARGETS = st.sampled_from(["stored", "unknown", "inaccessible", "inline", "group"])


# Group messages, each with whether the bot must answer it (bot/handlers/groups.py).
def is_chatter(text: str) -> bool:
    return not text.startswith("/") and f"@{US}" not in text.lower()


def unattached(text: str, at_start: bool) -> bool:
    """Text that cannot be read as part of a username next to a mention."""
    edge = text[:1] if at_start else text[-1:]
    return not edge or not (edge.isascii() and (edge.isalnum() or edge == "_"))


CHATTER = st.one_of(as_text(TEXTS.filter(is_chatter)), MEDIA)
MENTIONS = st.builds(
    lambda before, mention, after: f"{before}{mention}{after}",
    WORDS.filter(lambda text: not text.startswith("/") and unattached(text, False)),
    OUR_MENTION,
    WORDS.filter(lambda text: unattached(text, True)),
)
ADDRESSED_TO_US = st.one_of(
    st.tuples(as_text(command(OUR_MENTION)), st.sampled_from(REPLIES)),
    st.tuples(as_text(command(st.just(""), PUBLIC_NAMES)), st.sampled_from(REPLIES)),
    st.tuples(as_text(MENTIONS), st.sampled_from(REPLIES)),
    st.tuples(CHATTER, st.just("bot")),
)
NOT_TO_US = st.one_of(
    st.tuples(as_text(command(OTHER_MENTION)), st.sampled_from(REPLIES)),
    st.tuples(as_text(command(st.just(""), OTHER_NAMES)), st.sampled_from(REPLIES)),
    st.tuples(CHATTER, st.sampled_from([None, "person"])),
)
GROUP_MESSAGES = st.one_of(
    st.tuples(st.just(True), ADDRESSED_TO_US), st.tuples(st.just(False), NOT_TO_US)
)
