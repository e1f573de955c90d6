"""Question sets asked through the real dispatcher, each question in a chat of its own.

- Regression sets (`tests/questions*.toml`): the shape of every answer (kind, regions,
  sector) and what it must or must not show. The code was tuned on them: they must stay
  at 100 % and are run as tests (`tests/test_questions.py`).
- Held-out sets (`tests/heldout/*.toml`), written by people who saw neither the code nor
  the content file: how far the reply answers (exact, partial, no answer, not a partner,
  correction) and what it must or must not show. They measure understanding and are
  reported as they are, never asserted.

`make eval` (`python -m tests.evaluation`) prints every set separately, per category.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiogram.types import User

from bot.app import App, build_bot, create_app
from bot.config import Settings
from bot.engine import Answer, ChatContext
from bot.local_session import LocalChat, LocalTelegram, Shown
from bot.services.questions import QuestionDesk

HERE = Path(__file__).parent
QUESTION_FILES = sorted(HERE.glob("questions*.toml"))
HELDOUT_FILES = sorted((HERE / "heldout").glob("*.toml"))
# A held-out `expect` and the coverage it stands for (compared by value, so that an engine
# that has no such coverage simply fails those questions).
EXPECTED_COVERAGE = {
    "exact": "exact",
    "partial": "partial",
    "no_answer": "none",
    "not_partner": "not_partner",
    "correction": "correction",
    "smalltalk": "smalltalk",
    "unclear": "unclear",
}
_users = itertools.count(10_000)


@dataclass(frozen=True)
class Question:
    """A regression question: the shape of its answer and what it shows."""

    text: str
    category: str
    kind: str
    regions: list[str]
    sector: str
    contains: list[str]
    absent: list[str]


@dataclass(frozen=True)
class HeldOut:
    """A held-out question: how far the reply should answer, and what it shows."""

    text: str
    category: str
    expect: str
    previous: str
    must: list[str]
    must_not: list[str]
    first: list[str] = field(default_factory=list)  # in the reply's first line


@dataclass
class Result:
    text: str
    category: str
    answer: Answer
    shown: str
    problems: list[str] = field(default_factory=list)
    screens: list[Shown] = field(default_factory=list)  # what the person saw, as sent

    @property
    def ok(self) -> bool:
        return not self.problems


def _entries(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as file:
        entries: list[dict[str, Any]] = tomllib.load(file)["questions"]
    return entries


def load_questions(paths: list[Path] = QUESTION_FILES) -> list[Question]:
    return [Question(**entry) for path in paths for entry in _entries(path)]


def load_heldout(path: Path) -> list[HeldOut]:
    return [HeldOut(**entry) for entry in _entries(path)]


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def judge(question: Question, answer: Answer, shown: str) -> list[str]:
    """What is wrong with this answer to a regression question; empty when it is right."""
    problems = []
    text = _plain(shown)
    if answer.kind != question.kind:
        problems.append(f"kind {answer.kind} instead of {question.kind}")
    if set(answer.regions) != set(question.regions):
        problems.append(f"regions {list(answer.regions)} instead of {question.regions}")
    if (answer.sector or "") != question.sector and question.kind not in ("agreement",):
        problems.append(f"sector {answer.sector!r} instead of {question.sector!r}")
    problems += [f"missing «{part}»" for part in question.contains if part not in text]
    problems += [f"shows «{part}»" for part in question.absent if part in text]
    return problems


def _has(text: str, part: str) -> bool:
    """`part` is in `text`; «a|b» is either."""
    return any(choice in text for choice in part.split("|"))


def first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


def judge_heldout(question: HeldOut, answer: Answer, shown: str) -> list[str]:
    problems = []
    text = _plain(shown)
    expected = EXPECTED_COVERAGE[question.expect]
    if str(answer.coverage) != expected:
        problems.append(f"{answer.coverage} instead of {expected}")
    opening = first_line(text)
    problems += [f"first line lacks «{part}»" for part in question.first if not _has(opening, part)]
    problems += [f"missing «{part}»" for part in question.must if not _has(text, part)]
    problems += [f"shows «{part}»" for part in question.must_not if _has(text, part)]
    return problems


async def _ask(app: App, texts: list[str]) -> tuple[Answer, list[Shown]]:
    """Ask `texts` in order in a new chat; the reply to the last one, as answer and screens."""
    session = LocalTelegram()
    user = User(id=next(_users), is_bot=False, first_name="Eval", language_code="ru")
    chat = LocalChat(app.dispatcher, build_bot(app.settings, session=session), session, user=user)
    desk: QuestionDesk = app.dispatcher["questions"]
    context = ChatContext()
    shown = []
    for text in texts:
        shown = await chat.send(text)
        answer = desk.answer(text, context)
        context = answer.context
    return answer, shown


async def ask_all(app: App, questions: list[Question]) -> list[Result]:
    results = []
    for question in questions:
        answer, screens = await _ask(app, [question.text])
        shown = "\n".join(s.text for s in screens)
        problems = judge(question, answer, shown)
        results.append(Result(question.text, question.category, answer, shown, problems, screens))
    return results


async def ask_heldout(app: App, questions: list[HeldOut]) -> list[Result]:
    results = []
    for question in questions:
        texts = [question.previous, question.text] if question.previous else [question.text]
        answer, screens = await _ask(app, texts)
        shown = "\n".join(s.text for s in screens)
        problems = judge_heldout(question, answer, shown)
        results.append(Result(question.text, question.category, answer, shown, problems, screens))
    return results


def table(results: list[Result]) -> str:
    by_category: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_category[result.category].append(result)
    rows = [f"{'category':<28} {'right':>5} {'of':>4} {'accuracy':>9}"]
    for category, items in sorted(by_category.items()):
        right = sum(r.ok for r in items)
        rows.append(f"{category:<28} {right:>5} {len(items):>4} {right / len(items):>9.1%}")
    right = sum(r.ok for r in results)
    rows.append(f"{'all':<28} {right:>5} {len(results):>4} {right / len(results):>9.1%}")
    return "\n".join(rows)


def _report(title: str, results: list[Result], *, failures: bool) -> None:
    print(f"\n== {title}")
    if failures:
        for result in results:
            if not result.ok:
                print(f"✗ [{result.category}] {result.text}")
                for problem in result.problems:
                    print(f"    {problem}")
    print(table(results))


async def main(argv: list[str]) -> int:
    """`--failures`: list the held-out misses; other arguments name the held-out sets to ask
    (`set3`), and then the regression sets are left out."""
    show_heldout_failures = "--failures" in argv
    chosen = [a for a in argv if not a.startswith("--")]
    heldout = [p for p in HELDOUT_FILES if not chosen or p.stem in chosen]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, database_path=Path(folder) / "eval.sqlite3")
        app = await create_app(settings)
        try:
            started = time.perf_counter()
            regression = [] if chosen else await ask_all(app, load_questions())
            if regression:
                _report(f"regression sets ({len(QUESTION_FILES)} files)", regression, failures=True)
            for path in heldout:
                results = await ask_heldout(app, load_heldout(path))
                _report(f"held-out {path.name}", results, failures=show_heldout_failures)
            elapsed = time.perf_counter() - started
        finally:
            await app.close()
    print(f"\nasked through the dispatcher in {elapsed:.2f} s")
    return 0 if all(r.ok for r in regression) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
