"""Every screen of a full menu crawl read as an editor would (`tests/editor.py`: Russian
typography, wording, one way to each place, callback data in 64 bytes); the answers of the
evaluation sets are read the same way where they are asked, in test_questions.py.
"""

from __future__ import annotations

from collections import deque

import pytest

from bot.app import App
from bot.ui.callbacks import DATA_LIMIT
from bot.ui.typography import NBSP, typeset
from tests.editor import chat_of, check_screen, problems


def test_the_rules_catch_what_they_should() -> None:
    assert problems("более 7 800 жителей") != []
    assert problems(typeset("более 7 800 жителей (с 2023 по 2025 год)")) == []
    assert problems("ХМАО - Югра") != [] and problems("ХМАО — Югра") == []
    assert problems("«Раздел «Медицина»»") != []
    assert problems("Примечание: В источнике") != []
    assert problems("жители Алтая") != [] and problems("жители Республики Алтай") == []
    assert problems(f"330{NBSP}тыс.{NBSP}т") == []


@pytest.mark.asyncio(loop_scope="module")
async def test_a_full_crawl_of_the_menus_breaks_no_rule(shared_app: App) -> None:
    chat = chat_of(shared_app)
    seen: list[str] = []
    found: list[str] = []
    queue: deque[tuple[str, str]] = deque()  # (callback data, the message it sits on)
    done: set[str] = set()
    for command in ("/start", "/help", "/about", "/region", "/region пенза", "/region барнаул"):
        for shown in await chat.send(command):
            found += check_screen(shown, seen)
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
            found += check_screen(shown, seen)
            queue += [(b.callback_data or "", "") for row in shown.buttons for b in row]
    assert len(done) >= 60, len(done)
    assert found == []


def test_the_longest_ids_the_content_allows_fit_in_callback_data() -> None:
    from bot.ui.callbacks import Kind, Where, data_for, way_back
    from db.models import ID_PAIR_BUDGET

    region, sector = "r" * (ID_PAIR_BUDGET - 12), "s" * 12
    here = Where(Kind.REGION_SECTOR, region, sector)
    to = Where(Kind.SOURCE, region, sector)
    carried = way_back(here, (Where(Kind.OVERVIEW, sector=sector),))
    assert len(data_for(to, carried).pack().encode()) <= DATA_LIMIT
    assert data_for(to, carried).back.startswith(here.code)  # the first step always fits
