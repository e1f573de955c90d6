"""The years a question asks about against the period each figure covers."""

from __future__ import annotations

from db.models import Fact


def asked_years(
    years: list[int], since: bool, latest: int, *, until: bool = False
) -> tuple[int, int] | None:
    """The years the question asks about: one year, «с 2024 года» up to the latest year
    of the news, «до 2023 года» (every year before), or «с 2023 по 2025 год»."""
    if not years:
        return None
    if until and len(years) == 1:
        return 0, years[0] - 1
    if len(years) > 1:
        return min(years), max(years)
    year = years[0]
    return (year, max(year, latest)) if since else (year, year)


def label(years: list[int]) -> str:
    """«2024», or «2019–2021» for several years."""
    return f"{min(years)}–{max(years)}" if len(years) > 1 else str(years[0])


def fit(fact: Fact, asked: tuple[int, int], latest: int) -> str:
    """How the fact's period meets the years asked: exact, partial, outside or unknown."""
    period = fact.period
    if period is None:
        return "unknown"
    end = period.end or (latest if period.kind == "since" else period.start)
    if (period.start, end) == asked:
        return "exact"
    if asked[1] < period.start or asked[0] > end:
        return "outside"
    return "partial"


def with_periods(facts: list[Fact]) -> bool:
    return any(f.period is not None for f in facts)
