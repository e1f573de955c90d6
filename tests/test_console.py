"""The console chat (`python -m bot console`): what the person sees for each typed line."""

from __future__ import annotations

import io
import itertools
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.config import PROJECT_ROOT, Settings
from bot.console import RULE, run_console

GREETING = (
    "Чат с ботом в консоли. Пишите текст или команду; номер нажимает кнопку; "
    "пустая строка или Ctrl+D — выход.\n"
)
EXAMPLES = (
    "• Сколько пензенцев лечились в Москве?\n"
    "• Сколько рыбы Югра поставила в Москву?\n"
    "• Кто из регионов участвует в «Московских сезонах»?\n"
)
MAIN_MENU_BUTTONS = (
    "[1] Республика Алтай\n"
    "[2] Пензенская область\n"
    "[3] ХМАО — Югра\n"
    "[4] 📊 По сферам\n"
    "[5] 📄 О соглашениях\n"
    "[6] ❓ Помощь\n"
)
MENU_TAIL = MAIN_MENU_BUTTONS + "> "
NEW = f"{RULE}\nбот:\n"
EDITED = f"{RULE}\nбот (сообщение изменено):\n"
HELLO = (
    "Здравствуйте! Задайте вопрос о сотрудничестве Москвы с регионами-партнёрами, например:\n"
    "• Сколько пензенцев лечились в Москве?\n"
    "• Сколько рыбы Югра поставила в Москву?\n"
    "• Кто из регионов участвует в «Московских сезонах»?\n\nВыберите раздел в меню:\n"
)
PENZA_PATIENTS = (
    "• Более 7 800 жителей Пензенской области прошли лечение в московских больницах "
    "(с 2023 по 2025 год)."
)


class Script:
    """Plays the person: returns the scripted lines one by one, then None (Ctrl+D).

    Before each line it notes how much the bot had printed, so `replies[i]` is exactly
    what the console printed after line i was typed (`replies[0]` is the greeting part).
    """

    def __init__(self, lines: list[str], out: io.StringIO) -> None:
        self.lines = list(lines)
        self.out = out
        self.marks: list[int] = []

    async def read_line(self) -> str | None:
        self.marks.append(len(self.out.getvalue()))
        return self.lines.pop(0) if self.lines else None

    @property
    def replies(self) -> list[str]:
        """What was printed, no-break spaces read as spaces (typography is checked apart)."""
        text = self.out.getvalue().replace("\u00a0", " ")
        bounds = [0, *self.marks, len(text)]
        return [text[start:end] for start, end in itertools.pairwise(bounds)]


Run = Callable[[list[str]], Awaitable[Script]]


def _runner(settings: Settings) -> Run:
    async def run(lines: list[str]) -> Script:
        out = io.StringIO()
        script = Script(lines, out)
        await run_console(settings, read_line=script.read_line, out=out)
        return script

    return run


async def test_greeting_and_numbered_main_menu(settings: Settings) -> None:
    script = await _runner(settings)([])
    first = script.replies[0]
    assert first.startswith(GREETING + NEW + "Москва и регионы-партнёры\n\n")
    assert first.endswith("задайте вопрос своими словами, например:\n" + EXAMPLES + MENU_TAIL)
    assert first.count(RULE) == 1


async def test_button_number_redraws_the_message_as_edited(settings: Settings) -> None:
    script = await _runner(settings)(["2"])
    penza = script.replies[1]
    assert penza.startswith(EDITED + "Пензенская область\n\n")
    assert "\nбот:\n" not in penza
    assert penza.count(RULE) == 1
    assert PENZA_PATIENTS in penza
    assert "7\u00a0800" in script.out.getvalue()  # the console prints what Telegram shows
    assert "губернатор Пензенской области Олег Мельниченко" in penza
    assert penza.endswith(
        "[1] 💼 Торговля и экономика   [2] 🏥 Медицина\n"
        "[3] 🎓 Образование   [4] 🎭 Культура\n"
        "[5] ⚽ Спорт   [6] 🤝 НКО и волонтёры\n"
        "[7] 📎 Источник\n"
        "[8] 🏠 Главное меню\n"
        "> "
    )


async def test_button_numbers_follow_the_last_drawn_message(settings: Settings) -> None:
    # 1 → Altai card; on it, 2 is «🏥 Медицина».
    script = await _runner(settings)(["1", "2"])
    altai, medicine = script.replies[1], script.replies[2]
    assert altai.startswith(EDITED + "Республика Алтай\n\n")
    assert "Новое соглашение продолжает прежнее двустороннее соглашение 2020 года." in altai
    assert medicine.startswith(EDITED + "Республика Алтай · 🏥 Медицина\n\n")
    assert (
        "• Более 300 жителей Республики Алтай получили лечение в московских больницах "
        "(с 2023 года).\n" in medicine
    )


async def test_button_number_out_of_range(settings: Settings) -> None:
    script = await _runner(settings)(["99", "0", "2"])
    assert script.replies[1] == "Кнопки 99 нет.\n> "
    assert script.replies[2] == "Кнопки 0 нет.\n> "
    # The buttons are still there: 2 still taps «Пензенская область».
    assert script.replies[3].startswith(EDITED + "Пензенская область\n\n")


async def test_region_command_prints_a_new_message(settings: Settings) -> None:
    script = await _runner(settings)(["/region хмао"])
    card = script.replies[1]
    assert card.startswith(NEW + "Ханты-Мансийский автономный округ — Югра\n\n")
    assert "бот (сообщение изменено)" not in card
    assert (
        "🤝 Соглашение подписали мэр Москвы Сергей Собянин и губернатор "
        "Ханты-Мансийского автономного округа — Югры Руслан Кухарук.\n" in card
    )
    assert "🔁 Новое соглашение продолжает прежнее двустороннее соглашение 2018 года.\n" in card
    assert "Более 4 100 жителей ХМАО — Югры прошли лечение в медицинских учреждениях Москвы" in card
    assert "271 контракт по столичному госзаказу на общую сумму более 242 млн ₽" in card
    assert "7\u00a0800" not in card
    # The new message's buttons replace the old ones.
    assert "[1] 💼 Торговля и экономика   [2] 🏥 Медицина\n" in card


async def test_greeting_gets_examples_with_main_menu(settings: Settings) -> None:
    script = await _runner(settings)(["привет"])
    assert script.replies[1] == NEW + HELLO + MAIN_MENU_BUTTONS + "> "


async def test_a_question_in_the_console(settings: Settings) -> None:
    script = await _runner(settings)(["Сколько пензенцев лечились в Москве?"])
    assert PENZA_PATIENTS.removeprefix("• ") in script.replies[1]
    assert "[1] 📎 Источник" in script.replies[1]


async def test_empty_line_ends_the_loop(settings: Settings) -> None:
    script = await _runner(settings)(["", "2"])
    assert len(script.marks) == 1  # nothing read after the empty line
    assert script.lines == ["2"]
    assert script.replies[-1] == "\n"
    assert script.out.getvalue().endswith(MAIN_MENU_BUTTONS + "> \n")
    assert EDITED not in script.out.getvalue()


async def test_whitespace_only_line_also_ends_the_loop(settings: Settings) -> None:
    script = await _runner(settings)(["   ", "2"])
    assert script.lines == ["2"]
    assert script.replies[-1] == "\n"


async def test_eof_ends_the_loop(settings: Settings) -> None:
    script = await _runner(settings)(["2"])
    assert len(script.marks) == 2  # "2", then None
    assert script.replies[-1] == "\n"
    assert script.out.getvalue().endswith("[7] 📎 Источник\n[8] 🏠 Главное меню\n> \n")


def test_python_m_bot_console_subprocess(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "CONTENT_PATH"}}
    database = tmp_path / "db" / "bot.sqlite3"
    env.update(DATABASE_PATH=str(database), PYTHONIOENCODING="utf-8", LOG_LEVEL="INFO")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        cwd=PROJECT_ROOT,
        env=env,
        input="1\n\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.replace("\u00a0", " ")
    assert out.startswith(GREETING + NEW + "Москва и регионы-партнёры\n")
    assert MAIN_MENU_BUTTONS + "> " in out
    assert EDITED + "Республика Алтай\n\n" in out
    assert "Предприятия Республики Алтай заключили 114 контрактов" in out
    assert out.endswith("[5] 📎 Источник\n[6] 🏠 Главное меню\n> \n")
    assert out.count(RULE) == 2
    assert "Traceback" not in result.stderr
    assert database.is_file()


def test_terminal_text_styles_bold_and_italics() -> None:
    from bot.console import terminal_text

    html = "<b>Пенза</b> &amp; <i>(с 2023 года)</i> <a href='x'>ссылка</a>"
    assert terminal_text(html) == "\x1b[1mПенза\x1b[0m & \x1b[3m(с 2023 года)\x1b[0m ссылка"
