"""The unanswered log in Redis, where every instance writes and `/unanswered` reads.

The same log as `db.unanswered` (the same masking, spelling, caps and retention), kept as:
- `unanswered:day:<day>`: a sorted set per UTC day, question → times asked that day
  (`<reason>\\n<question>`), expiring by itself when the day is past retention;
- `unanswered:seen`: question → the minute it was last asked, for the report's order;
  questions not asked since the oldest day kept are dropped from it when recording;
- `unanswered:sender:<day>:<HMAC>`: how many questions a sender logged today, expiring at
  midnight, under the same keyed daily hash as in SQLite; the salt is `unanswered:salt`,
  created by whichever instance needs it first (`SET NX`).
Recording is one script (atomic); the report sums the days kept with `ZUNIONSTORE`.
Recording never fails the update it comes from.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, date, datetime, time, timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError

from db.shared import FailOpen
from db.unanswered import (
    PER_SENDER_DAY,
    RETENTION_DAYS,
    cutoff_day,
    mask_personal,
    normalise,
    sender_key,
)

log = logging.getLogger(__name__)

PREFIX = "unanswered:"
SEEN = PREFIX + "seen"
SALT = PREFIX + "salt"
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
# In the report a question scores times × RANK + the minute it was last asked (since
# EPOCH): most asked first, then latest first, exact in a double until the 2080s.
RANK = 1 << 25

_RECORD = """
local asked = redis.call('INCR', KEYS[1])
if asked == 1 then redis.call('EXPIREAT', KEYS[1], ARGV[1]) end
if asked > tonumber(ARGV[2]) then return 0 end
redis.call('ZINCRBY', KEYS[2], 1, ARGV[3])
redis.call('EXPIREAT', KEYS[2], ARGV[4])
redis.call('ZADD', KEYS[3], 'GT', ARGV[5], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[6])
redis.call('EXPIREAT', KEYS[3], ARGV[4])
return 1
"""


def day_key(day: date) -> str:
    return f"{PREFIX}day:{day.isoformat()}"


def _midnight(day: date) -> int:
    """The Unix time at which `day` ends."""
    return int(datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC).timestamp())


def _minute(moment: datetime) -> int:
    return int((moment - EPOCH).total_seconds() // 60)


class RedisUnansweredLog:
    def __init__(self, redis: Redis, fail_open: FailOpen) -> None:
        self._redis = redis
        self._fail_open = fail_open
        self._record = redis.register_script(_RECORD)
        self._salt: bytes | None = None

    async def record(
        self, text: str, reason: str, *, sender: int, when: datetime | None = None
    ) -> bool:
        """Log a question; True if it was stored. A failing Redis is logged, never raised."""
        question = normalise(mask_personal(text))
        if not question:
            return False
        now = (when or datetime.now(UTC)).astimezone(UTC)
        stored = await self._fail_open.call(
            "logging an unanswered question",
            lambda: self._store(question, reason, sender, now),
            False,
        )
        if not stored:
            log.debug("unanswered question not logged (daily cap of its sender, or a failure)")
        return stored

    async def _store(self, question: str, reason: str, sender: int, now: datetime) -> bool:
        day = now.date()
        keep_until = _midnight(day + timedelta(days=RETENTION_DAYS))
        oldest = datetime.combine(date.fromisoformat(cutoff_day(now)), time(), tzinfo=UTC)
        key = sender_key(await self._salt_of(), day, sender)
        stored = await self._record(
            keys=[f"{PREFIX}sender:{day.isoformat()}:{key}", day_key(day), SEEN],
            args=[
                _midnight(day),
                PER_SENDER_DAY,
                f"{reason}\n{question}",
                keep_until,
                _minute(now),
                _minute(oldest),
            ],
        )
        return bool(stored)

    async def most_frequent(
        self, limit: int = 20, now: datetime | None = None
    ) -> list[tuple[str, str, int]]:
        """(reason, question, times) for the most asked questions of the days kept, most
        frequent and latest first (as `UnansweredRepository.most_frequent`)."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        first = date.fromisoformat(cutoff_day(now))
        days = [first + timedelta(days=n) for n in range((now.date() - first).days + 1)]
        weights = {day_key(day): RANK for day in days} | {SEEN: 1}
        ranked = f"{PREFIX}report:{secrets.token_hex(8)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zunionstore(ranked, weights)
            pipe.zrevrangebyscore(ranked, "+inf", RANK, start=0, num=limit, withscores=True)
            pipe.delete(ranked)
            _, rows, _ = await pipe.execute()
        report = []
        for member, score in rows:
            reason, _, question = member.decode().partition("\n")
            report.append((reason, question, int(score) // RANK))
        return report

    async def _salt_of(self) -> bytes:
        """The HMAC key every instance uses, created by the first one that needs it."""
        if self._salt is None:
            await self._redis.set(SALT, secrets.token_hex(32), nx=True)
            value = await self._redis.get(SALT)
            if not isinstance(value, bytes):
                raise RedisError("the salt of the unanswered log vanished")
            self._salt = bytes.fromhex(value.decode())
        return self._salt
