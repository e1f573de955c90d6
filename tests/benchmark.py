"""`make bench`: speed and memory of the answer path, printed (never asserted in tests).

Measures, on this machine: start-up (database, content, dictionaries, index), the question
service alone (question in, answer out) and a whole update through the real dispatcher
with the in-process Bot API stand-in, over every question of the evaluation sets.
"""

from __future__ import annotations

import asyncio
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
from tests.evaluation import load_questions

ROUNDS = 20


def summary(name: str, samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return (
        f"{name:<28} n={len(ordered):>5}  median {statistics.median(ordered):6.3f} ms  "
        f"p95 {p95:6.3f} ms  max {ordered[-1]:6.3f} ms"
    )


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main() -> int:
    questions = [q.text for q in load_questions()]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, database_path=Path(folder) / "bench.sqlite3")
        started = time.perf_counter()
        app = await create_app(settings)
        startup_ms = (time.perf_counter() - started) * 1000
        try:
            desk: QuestionDesk = app.dispatcher["questions"]
            service_ms = []
            with app.i18n.context():
                for _ in range(ROUNDS):
                    for text in questions:
                        t0 = time.perf_counter()
                        desk.answer(text)
                        service_ms.append((time.perf_counter() - t0) * 1000)
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
    print(f"{'start-up (db, content, index)':<28} {startup_ms:8.1f} ms")
    print(summary("question service", service_ms))
    print(summary("update via dispatcher", update_ms))
    print(f"{'peak memory (RSS)':<28} {rss_mib():8.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
