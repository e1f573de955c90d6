"""What a chat asked last, so that «а в Югре?» is read against it.

The context is plain data (`to_dict` / `from_dict`): the bot keeps it in aiogram's FSM
storage, in memory or in Redis alike, and forgets it after `TTL_SECONDS`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

TTL_SECONDS = 30 * 60


@dataclass(frozen=True, slots=True)
class ChatContext:
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    asked: str | None = None
    years: tuple[int, ...] = ()
    since: bool = False
    at: float = 0.0  # when it was asked (seconds since the epoch)
    intent: str | None = None  # how it was asked, when not for a value: compare, total, …

    @property
    def empty(self) -> bool:
        return not (self.regions or self.sectors or self.topics or self.asked)

    def fresh(self, now: float) -> bool:
        return not self.empty and 0 <= now - self.at <= TTL_SECONDS

    def to_dict(self) -> dict[str, Any]:
        """As `dataclasses.asdict` (the fields are flat and immutable), without its deep copy."""
        return {name: getattr(self, name) for name in _FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ChatContext:
        """Whatever the storage holds; anything malformed reads as no context."""
        if not isinstance(data, dict):
            return cls()
        try:
            return cls(
                regions=tuple(str(r) for r in data.get("regions", ())),
                sectors=tuple(str(s) for s in data.get("sectors", ())),
                topics=tuple(str(t) for t in data.get("topics", ())),
                asked=None if data.get("asked") is None else str(data["asked"]),
                years=tuple(int(y) for y in data.get("years", ())),
                since=bool(data.get("since", False)),
                at=float(data.get("at", 0.0)),
                intent=None if data.get("intent") is None else str(data["intent"]),
            )
        except (TypeError, ValueError):
            return cls()


_FIELDS = tuple(f.name for f in fields(ChatContext))
