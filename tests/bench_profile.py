"""Where a button tap goes: `python -m tests.bench_profile [TAPS]`.

Opens the main menu, then taps the region cards on it in turn (each tap edits the message)
through the real dispatcher under cProfile, and prints the bot's and aiogram's functions
with the most cumulative time.
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

from bot.app import build_bot, create_app
from bot.config import Settings
from bot.local_session import LocalTelegram
from tests.bench_mixed import TAP, Player

TOP = 15
OURS = ("/bot/", "/aiogram/")
# The frames every update passes through on its way to the handler: their cumulative time is
# the whole update's, so the second list leaves them out to show what the handler costs.
CHAIN = (
    "aiogram/dispatcher/",
    "aiogram/fsm/middleware.py",
    "aiogram/utils/i18n/middleware.py",
    "bot/local_session.py:3",
    "bot/runtime/",
)


async def profile(taps: int) -> pstats.Stats:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None, database_path=Path(folder) / "bench.sqlite3", throttle_burst=0
        )
        app = await create_app(settings)
        try:
            session = LocalTelegram()
            player = await Player.start(
                app.dispatcher, build_bot(settings, session=session), session
            )
            for _ in range(20):  # warm-up
                await player.play(TAP, "", record=False)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(taps):
                await player.play(TAP, "", record=False)
            profiler.disable()
        finally:
            await app.close()
    return pstats.Stats(profiler)


def short(path: str) -> str:
    for part in OURS:
        if part in path:
            return path[path.rfind(part) + 1 :]
    return path.rsplit("/", 2)[-1] if "/" in path else path


def top(stats: pstats.Stats, taps: int, *, chain: bool, own: bool = False) -> list[str]:
    """The TOP functions by cumulative time (by own time with `own`): of bot/ and aiogram,
    with or without the dispatch chain; with `own`, any function."""
    rows = []
    for (path, line, name), (_, calls, mine, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{short(path)}:{line}({name})"
        if not own and not any(part in path for part in OURS):
            continue
        if not chain and any(where.startswith(part) for part in CHAIN):
            continue
        rows.append((mine if own else cumulative, calls, where))
    rows.sort(reverse=True)
    lines = [f"{'own' if own else 'cumulative':>10} {'per tap':>9} {'calls':>7}  function"]
    for seconds, calls, where in rows[:TOP]:
        lines.append(f"{seconds * 1000:7.1f} ms {seconds / taps * 1e6:6.0f} µs {calls:7d}  {where}")
    return lines


def main() -> int:
    taps = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    stats = asyncio.run(profile(taps))
    print(f"{taps} region card taps under cProfile; bot/ and aiogram, by cumulative time:")
    print(*top(stats, taps, chain=True), sep="\n")
    print("the same without the dispatch chain (what the handler costs):")
    print(*top(stats, taps, chain=False), sep="\n")
    print("any function, by own time:")
    print(*top(stats, taps, chain=False, own=True), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
