"""`make bench`: speed and memory of the answer path, printed (never asserted in tests).

Measures, on this machine: start-up (database, content, dictionaries, engine), the question
engine alone (question in, answer out) over every question of the evaluation sets, long
messages of unknown words (4 096 characters), and a whole update through the real
dispatcher with the in-process Bot API stand-in.
"""

from __future__ import annotations

import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.app import build_bot, create_app
from bot.config import Settings
from bot.local_session import LocalChat, LocalTelegram
from bot.services.questions import QuestionDesk
from tests.evaluation import HELDOUT_FILES, load_heldout, load_questions

ROUNDS = 20
LONG_MESSAGES = 200
MESSAGE_LIMIT = 4096


def summary(name: str, samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))]

    return (
        f"{name:<30} n={len(ordered):>5}  p50 {statistics.median(ordered):6.3f} ms  "
        f"p95 {at(0.95):6.3f} ms  p99 {at(0.99):6.3f} ms  max {ordered[-1]:6.3f} ms"
    )


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def unknown_words(rng: random.Random) -> str:
    """A message of made-up words, as long as Telegram allows."""
    letters = "абвгдежзиклмнопрстуфхцчшщэюя"
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < MESSAGE_LIMIT:
        words.append("".join(rng.choice(letters) for _ in range(rng.randint(4, 12))))
    return " ".join(words)[:MESSAGE_LIMIT]


def timed(desk: QuestionDesk, texts: list[str], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            desk.answer(text)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


async def main() -> int:
    questions = [q.text for q in load_questions()]
    questions += [q.text for path in HELDOUT_FILES for q in load_heldout(path)]
    rng = random.Random(6)  # noqa: S311 - made-up words for a benchmark
    long_messages = [unknown_words(rng) for _ in range(LONG_MESSAGES)]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, database_path=Path(folder) / "bench.sqlite3")
        started = time.perf_counter()
        app = await create_app(settings)
        startup_ms = (time.perf_counter() - started) * 1000
        try:
            desk: QuestionDesk = app.dispatcher["questions"]
            engine_ms = timed(desk, questions, ROUNDS)
            long_ms = timed(desk, long_messages, 1)
            session = LocalTelegram()
            chat = LocalChat(app.dispatcher, build_bot(settings, session=session), session)
            update_ms = []
            for _ in range(3):
                for text in questions:
                    t0 = time.perf_counter()
                    await chat.send(text)
                    update_ms.append((time.perf_counter() - t0) * 1000)
                session.messages.clear()
                session.shown.clear()
                session.requests.clear()
        finally:
            await app.close()
    print(f"{'start-up (db, content, engine)':<30} {startup_ms:8.1f} ms")
    print(summary("question engine", engine_ms))
    print(summary("4 096 chars of unknown words", long_ms))
    print(summary("update via dispatcher", update_ms))
    print(f"{'peak memory (RSS)':<30} {rss_mib():8.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
