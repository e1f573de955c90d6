"""The question as the policy reads it: a `Query` after places became regions and a
follow-up took from the chat's context what it left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.analysis import Query
from bot.engine.answer import OtherPlace
from bot.engine.senses import Asked


@dataclass
class Ask:
    """The question as the policy reads it, after a follow-up took what it left out."""

    query: Query
    regions: list[str]
    sectors: list[str]
    topics: list[str]
    asks: list[Asked]
    years: list[int]
    since: bool = False  # «с 2024 года»: from that year on
    until: bool = False  # «до 2023 года»: the time before that year
    towns: dict[str, str] = field(default_factory=dict)  # region → the town named for it
    others: list[OtherPlace] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # the regions named as places
    districts: dict[str, str] = field(default_factory=dict)  # region → district named

    @property
    def asked(self) -> Asked | None:
        return self.asks[0] if self.asks else None
