"""The evaluation set `tests/questions.toml`, asked through the real dispatcher.

`make eval` (`python -m tests.evaluation`) prints the accuracy per category; the test suite
asks every question as a test of its own (`tests/test_questions.py`).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.app import App, build_bot, create_app
from bot.config import Settings
from bot.local_session import LocalChat, LocalTelegram
from bot.services.questions import Answer, QuestionDesk

QUESTION_FILES = sorted(Path(__file__).parent.glob("questions*.toml"))


@dataclass(frozen=True)
class Question:
    text: str
    category: str
    kind: str
    regions: list[str]
    sector: str
    contains: list[str]
    absent: list[str]


@dataclass
class Result:
    question: Question
    answer: Answer
    shown: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_questions(paths: list[Path] = QUESTION_FILES) -> list[Question]:
    questions = []
    for path in paths:
        with path.open("rb") as file:
            raw: dict[str, Any] = tomllib.load(file)
        questions += [Question(**entry) for entry in raw["questions"]]
    return questions


def judge(question: Question, answer: Answer, shown: str) -> list[str]:
    """What is wrong with this answer to this question; empty when it is right."""
    problems = []
    text = shown.replace("\u00a0", " ").replace("\u202f", " ")
    if answer.kind != question.kind:
        problems.append(f"kind {answer.kind} instead of {question.kind}")
    if set(answer.regions) != set(question.regions):
        problems.append(f"regions {list(answer.regions)} instead of {question.regions}")
    if (answer.sector or "") != question.sector and question.kind not in ("agreement",):
        problems.append(f"sector {answer.sector!r} instead of {question.sector!r}")
    problems += [f"missing «{part}»" for part in question.contains if part not in text]
    problems += [f"shows «{part}»" for part in question.absent if part in text]
    return problems


async def ask_all(app: App, questions: list[Question]) -> list[Result]:
    session = LocalTelegram()
    chat = LocalChat(app.dispatcher, build_bot(app.settings, session=session), session)
    desk: QuestionDesk = app.dispatcher["questions"]
    results = []
    for question in questions:
        shown = await chat.send(question.text)
        with app.i18n.context():
            answer = desk.answer(question.text)
        text = "\n".join(s.text for s in shown)
        results.append(Result(question, answer, text, judge(question, answer, text)))
    return results


def table(results: list[Result]) -> str:
    by_category: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_category[result.question.category].append(result)
    rows = [f"{'category':<14} {'right':>5} {'of':>4} {'accuracy':>9}"]
    for category, items in sorted(by_category.items()):
        right = sum(r.ok for r in items)
        rows.append(f"{category:<14} {right:>5} {len(items):>4} {right / len(items):>9.1%}")
    right = sum(r.ok for r in results)
    rows.append(f"{'all':<14} {right:>5} {len(results):>4} {right / len(results):>9.1%}")
    return "\n".join(rows)


async def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, database_path=Path(folder) / "eval.sqlite3")
        app = await create_app(settings)
        try:
            started = time.perf_counter()
            results = await ask_all(app, load_questions())
            elapsed = time.perf_counter() - started
        finally:
            await app.close()
    for result in results:
        if not result.ok:
            print(f"✗ [{result.question.category}] {result.question.text}")
            for problem in result.problems:
                print(f"    {problem}")
    print(table(results))
    print(f"{len(results)} questions through the dispatcher in {elapsed:.2f} s")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
