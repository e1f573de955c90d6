"""What an editor checks on a screen the person sees: Russian typography, wording, one way
to each place, callback data within Telegram's 64 bytes."""

from __future__ import annotations

import re

from bot.app import App, build_bot
from bot.local_session import LocalChat, LocalTelegram, Shown
from bot.ui.callbacks import DATA_LIMIT, NavCB, RegionCB, SectorCB, SourceCB, where_of

RULES = {
    "a number and its word or unit need a no-break space": re.compile(r"\d [а-яёА-ЯЁ₽%]"),
    "thousands need a no-break space": re.compile(r"\d \d{3}(?!\d)"),
    "a short word before a number needs a no-break space": re.compile(
        r"(?<![\w-])(?:с|со|за|по|до|от|более|свыше|около) \d", re.IGNORECASE
    ),
    "a dash between words is an em dash with spaces": re.compile(r" [-–] |\w—\w"),
    "a range of years takes an en dash": re.compile(r"\d{4}[-—]\d{4}"),
    "quotes are «ёлочки»": re.compile(r'"'),
    "quotes inside quotes are „лапки“": re.compile(r"«[^»\n]*«"),
    "no double colon in a sentence": re.compile(r":[^.\n«]*: "),
    "notes on the source belong on «Источник» without a sign": re.compile("⚠"),
    "«Республика Алтай», never a bare «Алтай»": re.compile(
        r"(?<!Республика )(?<!Республики )(?<!Республике )(?<!Республику )(?<!Республикой )"
        r"(?<!Горный )\bАлта[йяюе]\b"
    ),
}
FORBIDDEN = (
    "вылечились",
    "ездят",
    "славится",
    "создадут",
    "должны прийти",
    "Федеральное соглашение",
    "не выезжая",
    "встречаются",
    "везут в Москву еду",
    "делают общие проекты",
    "свежее меню",
    "я на связи",
    "Точно об этом сведений у меня нет",
    "вам нужен этот регион",
    "все регионы",
    "Примечание к источнику",
    "Мы ",
    " мы ",
    "источник не приводит",
)
# A capital letter after a colon only for a name: «Партнёры Москвы…: Республика Алтай».
NAMES_AFTER_COLON = re.compile(
    r": (?!Республик|Пензенск|Ханты-Мансийск|ХМАО|Андрей|Олег|Руслан|Сергей|Марат|Москв|"
    r"Собянин|Новость)[А-ЯЁ]"
)


def problems(text: str) -> list[str]:
    found = [
        f"{rule}: …{m.group()}…" for rule, pattern in RULES.items() for m in pattern.finditer(text)
    ]
    found += [f"wording: «{word}»" for word in FORBIDDEN if word in text]
    found += [f"a capital after a colon: …{m.group()}…" for m in NAMES_AFTER_COLON.finditer(text)]
    return found


def chat_of(app: App) -> LocalChat:
    session = LocalTelegram()
    return LocalChat(app.dispatcher, build_bot(app.settings, session=session), session)


def check_screen(shown: Shown, seen: list[str]) -> list[str]:
    """What is wrong on one screen: its text, its buttons, its callback data."""
    found = [f"{p} — in: {shown.text[:60]!r}" for p in problems(shown.text)]
    places = []
    for button in (b for row in shown.buttons for b in row):
        data = button.callback_data or ""
        if len(data.encode()) > DATA_LIMIT:
            found.append(f"callback data over {DATA_LIMIT} bytes: {data}")
        if "отрасл" in button.text:
            found.append(f"«отрасль» on a button: {button.text}")
        for kind in (NavCB, RegionCB, SectorCB, SourceCB):
            try:
                places.append(where_of(kind.unpack(data)))
                break
            except (TypeError, ValueError):
                continue
    if len(places) != len(set(places)):
        found.append(f"two buttons lead to one place: {shown.button_texts}")
    seen.append(shown.text)
    return found
