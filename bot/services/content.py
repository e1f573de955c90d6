"""The content held in memory: loaded once from SQLite, swapped whole on reload."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.loader import ContentError, read_content_file
from db.models import Agreement, Content, Fact, Region, Sector
from db.repository import ContentRepository

log = logging.getLogger(__name__)
# Checks of what the presentation needs (e.g. button data within 64 bytes): problems or [].
ContentCheck = Callable[[Content], list[str]]


@dataclass(frozen=True)
class Catalog:
    """Read-only indexes over one version of the content."""

    content: Content
    regions: dict[str, Region] = field(init=False)
    sectors: dict[str, Sector] = field(init=False)
    facts_by_id: dict[str, Fact] = field(init=False)
    _facts: dict[tuple[str | None, str], list[Fact]] = field(init=False)
    # What is built from this version only (screens, answers): dropped with it on reload.
    memo: dict[Any, Any] = field(init=False, default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        facts: dict[tuple[str | None, str], list[Fact]] = {}
        for fact in self.content.facts:
            facts.setdefault((fact.region, fact.sector), []).append(fact)
        object.__setattr__(self, "regions", {r.id: r for r in self.content.regions})
        object.__setattr__(self, "sectors", {s.id: s for s in self.content.sectors})
        object.__setattr__(self, "_facts", facts)
        object.__setattr__(self, "facts_by_id", {f.id: f for f in self.content.facts})

    @property
    def source_title(self) -> str:
        return self.content.source_title

    def facts(self, region_id: str | None, sector_id: str) -> list[Fact]:
        return self._facts.get((region_id, sector_id), [])

    def sectors_of(self, region_id: str) -> list[Sector]:
        return [s for s in self.content.sectors if self.facts(region_id, s.id)]

    def sectors_with_facts(self) -> list[Sector]:
        return [
            s for s in self.content.sectors if self.regions_with(s.id) or self.facts(None, s.id)
        ]

    def regions_with(self, sector_id: str) -> list[Region]:
        return [r for r in self.content.regions if self.facts(r.id, sector_id)]

    def key_facts(self, region_id: str, limit: int = 4) -> list[Fact]:
        return [f for f in self.content.facts if f.region == region_id and f.key][:limit]

    def agreement(self, agreement_id: str) -> Agreement | None:
        return next((a for a in self.content.agreements if a.id == agreement_id), None)

    @property
    def partners_agreement(self) -> Agreement:
        return self.content.partners_agreement


class ContentService:
    """Holds the current `Catalog`; `reload_from_file` swaps it only when the file is valid."""

    def __init__(self, repo: ContentRepository, checks: Sequence[ContentCheck] = ()) -> None:
        self._repo = repo
        self._checks = checks
        self._catalog: Catalog | None = None
        self._digest: str | None = None
        self._failed: str | None = None  # a stored version that could not be read
        self._refreshing = asyncio.Lock()

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            raise RuntimeError("content is not loaded yet")
        return self._catalog

    async def refresh(self) -> Catalog:
        """Read the stored content (one snapshot) and swap it in whole."""
        snapshot = await self._repo.read_snapshot()
        if snapshot is None:
            raise ContentError("the database holds no content: run `python -m bot load-content`")
        digest, content = snapshot
        self._catalog, self._digest = Catalog(content), digest
        return self._catalog

    async def refresh_if_changed(self) -> bool:
        """Pick up content that another process (`load-content`) wrote to the database.

        The check and the read are serialised, so concurrent updates trigger one read. A
        failed read keeps the catalog in use (logged once per stored version) and is tried
        again at the next check.
        """
        async with self._refreshing:
            digest = await self._repo.get_meta("content_digest")
            if digest == self._digest:
                return False
            try:
                await self.refresh()
            except Exception as exc:
                if digest != self._failed:
                    self._failed = digest
                    log.error("stored content unreadable, keeping the previous one: %s", exc)
                return False
            self._failed = None
            return True

    async def sync_with_file(
        self, path: Path, *, force: bool = False, on_purpose: bool = False
    ) -> bool:
        """Load the file into the database when needed (or `force`); True if it loaded.

        The stored content wins: the content file is loaded at start only when it is new or
        changed since it was last loaded, so content loaded from another file
        (`load-content FILE`, `on_purpose`) stays until then. A file named on purpose is
        loaded whenever it differs from the stored content. A broken file raises
        `ContentError` and leaves the stored content as it was.
        """
        loaded = read_content_file(path)
        problems = [problem for check in self._checks for problem in check(loaded.content)]
        if problems:
            raise ContentError(f"{path}: content the bot cannot show:\n  " + "\n  ".join(problems))
        async with self._refreshing:
            if not force:
                stored, seen = await self._repo.digests(path)
                if loaded.digest == stored or (not on_purpose and loaded.digest == seen):
                    return False
            await self._repo.replace_content(loaded.content, loaded.digest, path)
            await self.refresh()
            return True
