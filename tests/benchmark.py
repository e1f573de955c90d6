"""`make bench`: speed and memory of the answer path, printed (never asserted in tests).

Measures, on this machine, side by side with a bare aiogram echo bot (tests/bench_bare.py)
in one run: a mixed workload of updates in process (tests/bench_mixed.py), cold start to the
first answer and peak RSS in fresh processes (tests/bench_cold.py), each next to the goals
of issue 10. Then: start-up (database, content, dictionaries, engine), the question
engine alone (question in, answer out) over every question of the evaluation sets, long
messages of unknown words (4 096 characters), and a whole update through the real
dispatcher with the in-process Bot API stand-in, another person's /start while one sender
floods 200 such messages (throttling off and on), and the unanswered log at a million logged
questions (the admin report, one record, the purge of an expired day, and the report as it
was before the log kept counts).
"""

from __future__ import annotations

import asyncio
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiogram.types import User

from bot.app import build_bot, create_app
from bot.config import Settings
from bot.local_session import LocalChat, LocalTelegram
from bot.services.questions import QuestionDesk
from db.database import Database
from db.unanswered import DAY_SQL, RETENTION_DAYS, TOTAL_SQL, UnansweredRepository
from tests.bench_bare import bare_bot, bare_dispatcher
from tests.bench_cold import Cold, cold_start
from tests.bench_mixed import SHARES, Player, compare, table
from tests.evaluation import HELDOUT_FILES, load_heldout, load_questions

ROUNDS = 20
LONG_MESSAGES = 200
MESSAGE_LIMIT = 4096
LOGGED = 1_000_000
REASONS = ("no_topic", "not_in_news", "partial", "other_region", "off_topic")
# The report as it was before schema version 5: a GROUP BY over every row of 30 days.
OLD_REPORT_SQL = (
    "SELECT reason, text, count(*) AS times FROM unanswered WHERE asked_at >= ? "
    "GROUP BY reason, text ORDER BY times DESC, max(asked_at) DESC, max(id) DESC LIMIT ?"
)


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


def logged_questions(now: datetime) -> Iterator[tuple[str, str, str]]:
    """(moment, reason, text): a million questions over 31 days, nearly all different (the
    worst case for any grouping), the oldest day past retention."""
    rng = random.Random(8)  # noqa: S311 - made-up questions for a benchmark
    for n in range(LOGGED):
        moment = now - timedelta(seconds=rng.randrange((RETENTION_DAYS + 1) * 86_400))
        text = f"вопрос {rng.randrange(LOGGED)} о том, чего нет в новости о сотрудничестве"
        yield moment.isoformat(), REASONS[n % len(REASONS)], text


async def flood(settings: Settings, messages: list[str]) -> str:
    """How long another person's /start takes while one sender's 200 long messages of
    unknown words arrive at once (all handed to the dispatcher together, as polling does)."""
    app = await create_app(settings)
    try:
        session = LocalTelegram()
        bot = build_bot(settings, session=session)
        flooder = LocalChat(app.dispatcher, bot, session)
        other = LocalChat(app.dispatcher, bot, session, User(id=7, is_bot=False, first_name="O"))
        started = time.perf_counter()

        async def start() -> float:
            await other.send("/start")
            return (time.perf_counter() - started) * 1000

        *_, waited = await asyncio.gather(*(flooder.send(text) for text in messages), start())
        replies = sum(1 for s in session.shown if s.chat_id == flooder.chat.id)
    finally:
        await app.close()
    name = f"/start in a flood, burst {settings.throttle_burst or 'off'}"
    return f"{name:<30} {waited:8.1f} ms ({replies} replies to the {len(messages)} messages)"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def goals(ratios: dict[str, float], engine_ms: list[float], bare: Cold, this: Cold) -> list[str]:
    """The goals of issue 10 next to the figures of this run."""
    worst = min((k for k in SHARES), key=lambda k: ratios[k])
    p99 = percentile(engine_ms, 0.99)
    extra = this.rss_mib - bare.rss_mib
    slower = this.seconds / bare.seconds
    checks = [
        ("mixed workload ≥ 0.7 × bare", f"{ratios['mixed']:.2f}", ratios["mixed"] >= 0.7),
        (
            "every update type ≥ 0.5 × bare",
            f"{ratios[worst]:.2f} ({worst})",
            ratios[worst] >= 0.5,
        ),
        ("question analysis p99 ≤ 1 ms", f"{p99:.3f} ms", p99 <= 1.0),
        ("peak RSS ≤ bare + 40 MiB", f"+{extra:.1f} MiB", extra <= 40),
        ("cold start ≤ 1.3 × bare", f"{slower:.2f} ×", slower <= 1.3),
    ]
    return [f"{goal:<32} {figure:<28} {'met' if ok else 'not met'}" for goal, figure, ok in checks]


def cold_lines(bare: Cold, this: Cold) -> list[str]:
    return [
        f"{'fresh process':<26} {'bare echo':>11} {'this bot':>11} {'ratio':>7}",
        f"{'cold start to /start':<26} {bare.seconds * 1000:8.0f} ms {this.seconds * 1000:8.0f} ms"
        f" {bare.seconds / this.seconds:7.2f}",
        f"{'peak RSS':<26} {bare.rss_mib:7.1f} MiB {this.rss_mib:7.1f} MiB"
        f"  +{this.rss_mib - bare.rss_mib:.1f} MiB",
    ]


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.1f} ms"


async def unanswered_log(folder: Path) -> list[str]:
    """The unanswered log with a million logged questions, now and before."""
    now = datetime.now(UTC)
    questions = list(logged_questions(now))
    db = await Database.open(folder / "unanswered.sqlite3")
    try:
        async with db.write() as conn:
            await conn.executemany(DAY_SQL, ((m[:10], r, t) for m, r, t in questions))
            await conn.executemany(TOTAL_SQL, ((r, t, m) for m, r, t in questions))
        repo = UnansweredRepository(db)
        started = time.perf_counter()
        purge = asyncio.create_task(repo.purge(now))
        waits = []  # how long other work waits for the connection meanwhile
        while not purge.done():
            asked = time.perf_counter()
            async with db.read():
                waits.append(time.perf_counter() - asked)
        await purge
        purge_s = time.perf_counter() - started
        report_s, record_s = [], []
        for _ in range(5):
            started = time.perf_counter()
            await repo.most_frequent(now=now)
            report_s.append(time.perf_counter() - started)
        for sender in range(200):
            started = time.perf_counter()
            await repo.record(f"новый вопрос {sender % 20}", "no_topic", sender=sender, when=now)
            record_s.append(time.perf_counter() - started)
    finally:
        await db.close()
    with sqlite3.connect(folder / "old.sqlite3") as old:
        old.executescript(
            "CREATE TABLE unanswered (id INTEGER PRIMARY KEY, text TEXT NOT NULL, "
            "asked_at TEXT NOT NULL, reason TEXT NOT NULL);"
            "CREATE INDEX unanswered_by_time ON unanswered (asked_at);"
        )
        old.executemany(
            "INSERT INTO unanswered (asked_at, reason, text) VALUES (?, ?, ?)", questions
        )
        since = (now - timedelta(days=RETENTION_DAYS)).isoformat()
        old_s = []
        for _ in range(3):
            started = time.perf_counter()
            old.execute(OLD_REPORT_SQL, (since, 20)).fetchall()
            old_s.append(time.perf_counter() - started)
    old.close()
    return [
        f"{'/unanswered, 1 M logged':<30} {median_ms(report_s)}  (purge included)",
        f"{'/unanswered before (GROUP BY)':<30} {median_ms(old_s)}",
        f"{'record one question, 1 M':<30} {median_ms(record_s)}  (p50)",
        f"{'purge of the expired day':<30} {purge_s * 1000:8.1f} ms  (~{LOGGED // 31} logged), "
        f"other work waited at most {max(waits) * 1000:.1f} ms",
    ]


async def main() -> int:
    questions = [q.text for q in load_questions()]
    questions += [q.text for path in HELDOUT_FILES for q in load_heldout(path)]
    rng = random.Random(6)  # noqa: S311 - made-up words for a benchmark
    long_messages = [unknown_words(rng) for _ in range(LONG_MESSAGES)]
    with tempfile.TemporaryDirectory() as folder:
        # One person asks everything: without throttling, which would drop most of it.
        settings = Settings(
            _env_file=None, database_path=Path(folder) / "bench.sqlite3", throttle_burst=0
        )
        started = time.perf_counter()
        app = await create_app(settings)
        startup_ms = (time.perf_counter() - started) * 1000
        try:
            desk: QuestionDesk = app.dispatcher["questions"]
            engine_ms = timed(desk, questions, ROUNDS)
            long_ms = timed(desk, long_messages, 1)
            bare_session, this_session = LocalTelegram(), LocalTelegram()
            bare = await Player.start(bare_dispatcher(), bare_bot(bare_session), bare_session)
            this = await Player.start(
                app.dispatcher, build_bot(settings, session=this_session), this_session
            )
            await compare(bare, this, questions)
            mixed_lines, ratios = table(bare, this)
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
        flood_lines = [
            await flood(settings.model_copy(update={"throttle_burst": burst}), long_messages)
            for burst in (0, Settings().throttle_burst)
        ]
        memory_mib = rss_mib()  # before the log's million rows are built in memory
        # Restarts: the database already holds the content.
        cold_bare, cold_this = (
            cold_start(kind, settings.database_path) for kind in ("bare", "bot")
        )
        log_lines = await unanswered_log(Path(folder))
    print("== bare aiogram echo vs this bot, in process (p50 per update) ==")
    print(*mixed_lines, sep="\n")
    print(*cold_lines(cold_bare, cold_this), sep="\n")
    print("== goals of issue 10 ==")
    print(*goals(ratios, engine_ms, cold_bare, cold_this), sep="\n")
    print("== this bot ==")
    print(f"{'start-up (db, content, engine)':<30} {startup_ms:8.1f} ms")
    print(summary("question engine", engine_ms))
    print(summary("4 096 chars of unknown words", long_ms))
    print(summary("update via dispatcher", update_ms))
    print(*flood_lines, sep="\n")
    print(*log_lines, sep="\n")
    print(f"{'peak memory (RSS)':<30} {memory_mib:8.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
