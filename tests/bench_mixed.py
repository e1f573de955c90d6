"""The mixed workload of `make bench`: this bot against a bare aiogram echo bot, in one run.

Both are fed the same sequence of updates through the same in-process session type: button
taps that edit a message, /start, /region and free-text questions in realistic proportions.
The two bots take turns, round after round, so that the machine's drift hits both alike.
"""

from __future__ import annotations

import itertools
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher
from aiogram.types import Message

from bot.local_session import LocalChat, LocalTelegram

TAP, START, REGION, QUESTION = "button tap (edit)", "/start", "/region", "free-text question"
SHARES = {TAP: 30, START: 20, REGION: 10, QUESTION: 40}  # of every 100 updates
REGIONS = ("пенза", "хмао", "алтай")
ROUNDS = 6  # the first is a warm-up
PER_ROUND = 500


@dataclass
class Player:
    """One bot with a person talking to it, and the message whose button the person taps."""

    chat: LocalChat
    taps: list[str]  # callback data of the buttons the person taps, in turn
    target: Message | None = None
    tapped: int = 0
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    async def start(cls, dispatcher: Dispatcher, bot: Bot, session: LocalTelegram) -> Player:
        chat = LocalChat(dispatcher, bot, session)
        (menu,) = await chat.send("/start")
        datas = [b.callback_data for row in menu.buttons for b in row if b.callback_data]
        cards = [d for d in datas if d.startswith("reg:")] or ["a", "b", "c"]
        player = cls(chat, cards)
        player.target = chat.last_message()
        return player

    async def play(self, kind: str, text: str, record: bool) -> None:
        session = self.chat.session
        started = time.perf_counter()
        if kind == TAP:
            self.tapped += 1  # the next button in turn: the message always changes
            await self.chat.press(self.taps[self.tapped % len(self.taps)], self.current())
        else:
            await self.chat.send(text)
        if record:
            self.samples[kind].append(time.perf_counter() - started)
        if len(session.shown) > 100:  # keep the session small: only the tapped message
            key = (self.chat.chat.id, self.current().message_id)
            kept = session.messages[key]
            session.messages.clear()
            session.messages[key] = kept
            session.shown.clear()
            session.requests.clear()
            session.answered_queries.clear()

    def current(self) -> Message:
        assert self.target is not None
        return self.chat.session.messages[(self.chat.chat.id, self.target.message_id)]


def workload(questions: list[str], count: int, rng: random.Random) -> list[tuple[str, str]]:
    """`count` updates in the proportions of SHARES, shuffled: (kind, text)."""
    kinds = [kind for kind, share in SHARES.items() for _ in range(share)]
    plan = [kinds[n % len(kinds)] for n in range(count)]
    rng.shuffle(plan)
    regions, asked = itertools.cycle(REGIONS), itertools.cycle(questions)

    def text(kind: str) -> str:
        if kind == REGION:
            return f"/region {next(regions)}"
        return next(asked) if kind == QUESTION else "/start" if kind == START else ""

    return [(kind, text(kind)) for kind in plan]


async def compare(bare: Player, this: Player, questions: list[str]) -> None:
    rng = random.Random(10)  # noqa: S311 - the order of a benchmark's updates
    shuffled = random.Random(11).sample(questions, len(questions))  # noqa: S311
    for round_ in range(ROUNDS):
        plan = workload(shuffled, PER_ROUND, rng)
        for player in (bare, this) if round_ % 2 else (this, bare):
            for kind, text in plan:
                await player.play(kind, text, record=round_ > 0)


def p50_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


def mixed_us(player: Player) -> float:
    """The mean cost of an update of the mix: each type's p50 weighted by its share."""
    return sum(p50_us(player.samples[k]) * share for k, share in SHARES.items()) / 100


def table(bare: Player, this: Player) -> tuple[list[str], dict[str, float]]:
    """The printed lines and the ratios (bare time / this bot's time; 1.0: as cheap as bare)."""
    lines = [f"{'update (share)':<26} {'bare echo':>11} {'this bot':>11} {'ratio':>7}"]
    ratios: dict[str, float] = {}
    for kind, share in SHARES.items():
        b, t = p50_us(bare.samples[kind]), p50_us(this.samples[kind])
        ratios[kind] = b / t
        name = f"{kind} ({share} %)"
        lines.append(f"{name:<26} {b:8.0f} µs {t:8.0f} µs {ratios[kind]:7.2f}")
    b, t = mixed_us(bare), mixed_us(this)
    ratios["mixed"] = b / t
    lines.append(f"{'mixed (weighted p50)':<26} {b:8.0f} µs {t:8.0f} µs {ratios['mixed']:7.2f}")
    n = len(this.samples[TAP]) + sum(len(this.samples[k]) for k in SHARES if k != TAP)
    lines.append(f"({n} updates per bot over {ROUNDS - 1} rounds, after a warm-up round)")
    return lines, ratios
