"""Every screen of a full menu crawl and every answer of the evaluation sets, read as an
editor would: Russian typography, wording, one way to each place, callback data in 64 bytes.
"""

from __future__ import annotations

import re
from collections import deque

import pytest

from bot.app import App, build_bot
from bot.local_session import LocalChat, LocalTelegram, Shown
from bot.ui.callbacks import DATA_LIMIT, NavCB, RegionCB, SectorCB, SourceCB, where_of
from bot.ui.typography import NBSP, typeset
from tests.evaluation import HELDOUT_FILES, load_heldout, load_questions

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


def test_the_rules_catch_what_they_should() -> None:
    assert problems("более 7 800 жителей") != []
    assert problems(typeset("более 7 800 жителей (с 2023 по 2025 год)")) == []
    assert problems("ХМАО - Югра") != [] and problems("ХМАО — Югра") == []
    assert problems("«Раздел «Медицина»»") != []
    assert problems("Примечание: В источнике") != []
    assert problems("жители Алтая") != [] and problems("жители Республики Алтай") == []
    assert problems(f"330{NBSP}тыс.{NBSP}т") == []


def _chat(app: App) -> LocalChat:
    session = LocalTelegram()
    return LocalChat(app.dispatcher, build_bot(app.settings, session=session), session)


def _check_screen(shown: Shown, seen: list[str]) -> list[str]:
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


@pytest.mark.asyncio(loop_scope="module")
async def test_a_full_crawl_of_the_menus_breaks_no_rule(shared_app: App) -> None:
    chat = _chat(shared_app)
    seen: list[str] = []
    found: list[str] = []
    queue: deque[tuple[str, str]] = deque()  # (callback data, the message it sits on)
    done: set[str] = set()
    for command in ("/start", "/help", "/about", "/region", "/region пенза", "/region барнаул"):
        for shown in await chat.send(command):
            found += _check_screen(shown, seen)
            queue += [(b.callback_data or "", "") for row in shown.buttons for b in row]
    while queue:
        data, _ = queue.popleft()
        if data in done:
            continue
        done.add(data)
        for shown in await chat.press(data):
            if shown.kind == "answer":
                found += [f"{p} — in a pop-up" for p in problems(shown.text)]
                continue
            found += _check_screen(shown, seen)
            queue += [(b.callback_data or "", "") for row in shown.buttons for b in row]
    assert len(done) >= 60, len(done)
    assert found == []


@pytest.mark.asyncio(loop_scope="module")
async def test_every_evaluation_answer_breaks_no_rule(shared_app: App) -> None:
    texts = [q.text for q in load_questions()]
    texts += [q.text for path in HELDOUT_FILES for q in load_heldout(path)]
    found: list[str] = []
    seen: list[str] = []
    for text in texts:
        chat = _chat(shared_app)
        for shown in await chat.send(text):
            found += [f"{text!r}: {p}" for p in _check_screen(shown, seen)]
    assert len(seen) >= 800
    assert found == [], "\n".join(found[:20])


def test_the_longest_ids_the_content_allows_fit_in_callback_data() -> None:
    from bot.ui.callbacks import Kind, Where, data_for, way_back
    from db.models import ID_PAIR_BUDGET

    region, sector = "r" * (ID_PAIR_BUDGET - 12), "s" * 12
    here = Where(Kind.REGION_SECTOR, region, sector)
    to = Where(Kind.SOURCE, region, sector)
    carried = way_back(here, (Where(Kind.OVERVIEW, sector=sector),))
    assert len(data_for(to, carried).pack().encode()) <= DATA_LIMIT
    assert data_for(to, carried).back.startswith(here.code)  # the first step always fits
