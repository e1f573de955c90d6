"""Cold start to the first answer, in a fresh process: `python -m tests.bench_cold bare|bot DB`.

The child imports what it needs only after it starts, builds the bot (the bare echo or this
one, on the database at DB), answers one /start through the in-process session and prints
the wall-clock moment of the answer and its peak RSS in KiB (VmHWM: see `peak_rss_kib`).
`cold_start` runs the children and measures from just before each process is started.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

RUNS = 3


async def first_answer(kind: str, database: Path) -> None:
    from bot.local_session import LocalChat, LocalTelegram

    session = LocalTelegram()
    if kind == "bare":
        from tests.bench_bare import bare_bot, bare_dispatcher

        shown = await LocalChat(bare_dispatcher(), bare_bot(session), session).send("/start")
    else:
        from bot.app import build_bot, create_app
        from bot.config import Settings

        settings = Settings(_env_file=None, database_path=database, throttle_burst=0)
        app = await create_app(settings)
        try:
            chat = LocalChat(app.dispatcher, build_bot(settings, session=session), session)
            shown = await chat.send("/start")
        finally:
            await app.close()
    answered = time.time()
    if not shown:
        raise SystemExit("no answer to /start")
    print(json.dumps({"answered": answered, "rss_kib": peak_rss_kib()}))


def peak_rss_kib() -> int:
    """Peak RSS of this process image. ru_maxrss also counts the parent's memory at the fork
    (Linux keeps it across exec), so the kernel's VmHWM of the new image is read instead."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@dataclass
class Cold:
    seconds: float  # median, from process start to the answer
    rss_mib: float  # median peak RSS


def cold_start(kind: str, database: Path) -> Cold:
    runs: list[tuple[float, float]] = []
    for _ in range(RUNS):
        started = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench_cold", kind, str(database)],
            capture_output=True,
            text=True,
            check=True,
        )
        report = json.loads(done.stdout.strip().splitlines()[-1])
        runs.append((report["answered"] - started, report["rss_kib"] / 1024))
    return Cold(statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))


if __name__ == "__main__":
    asyncio.run(first_answer(sys.argv[1], Path(sys.argv[2])))
