"""The content held in memory: loaded once from SQLite, swapped whole on reload."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from db.loader import ContentError, read_content_file
from db.models import Agreement, Content, Fact, Region, Sector
from db.repository import ContentRepository


@dataclass(frozen=True)
class Catalog:
    """Read-only indexes over one version of the content."""

    content: Content
    regions: dict[str, Region] = field(init=False)
    sectors: dict[str, Sector] = field(init=False)
    facts_by_id: dict[str, Fact] = field(init=False)
    _facts: dict[tuple[str | None, str], list[Fact]] = field(init=False)

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

    def __init__(self, repo: ContentRepository) -> None:
        self._repo = repo
        self._catalog: Catalog | None = None
        self._digest: str | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            raise RuntimeError("content is not loaded yet")
        return self._catalog

    async def refresh(self) -> Catalog:
        digest = await self._repo.get_meta("content_digest")
        content = await self._repo.load_content()
        if content is None:
            raise ContentError("the database holds no content: run `python -m bot load-content`")
        self._catalog, self._digest = Catalog(content), digest
        return self._catalog

    async def refresh_if_changed(self) -> bool:
        """Pick up content that another process (`load-content`) wrote to the database."""
        if await self._repo.get_meta("content_digest") == self._digest:
            return False
        await self.refresh()
        return True

    async def sync_with_file(self, path: Path, *, force: bool = False) -> bool:
        """Load the file into the database when it changed (or `force`); True if it loaded.

        A broken file raises `ContentError` and leaves the stored content as it was.
        """
        loaded = read_content_file(path)
        if not force and await self._repo.get_meta("content_digest") == loaded.digest:
            return False
        await self._repo.replace_content(loaded.content, loaded.digest)
        await self.refresh()
        return True
