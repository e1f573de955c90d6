"""Repositories over aiosqlite: the only place that speaks SQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from db.database import Database
from db.models import Content

_CONTENT_TABLES = (
    "fact_figures",
    "facts",
    "agreements",
    "sectors",
    "regions",
    "vocabulary",
)


class ContentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_meta(self, key: str) -> str | None:
        async with self._db.read() as conn:
            return await _meta(conn, key)

    async def digests(self, path: Path) -> tuple[str | None, str | None]:
        """The digest of the stored content, and that of `path` when it was last loaded
        (None when it never was)."""
        async with self._db.read() as conn:
            return await _meta(conn, "content_digest"), await _meta(conn, _file_key(path))

    async def replace_content(self, content: Content, digest: str, path: Path) -> None:
        """Swap the whole content in one transaction; on any error the old content stays."""
        async with self._db.write() as conn:
            for table in _CONTENT_TABLES:
                await conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            await conn.executemany(
                "INSERT INTO regions (id, position, subject, name, short_name, genitive, "
                "prepositional, aliases, head, previous) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        r.id,
                        i,
                        r.subject,
                        r.name,
                        r.short_name,
                        r.genitive,
                        r.prepositional,
                        _dump(r.aliases),
                        _dump(r.head.model_dump()),
                        _dump(r.previous_agreement.model_dump()) if r.previous_agreement else None,
                    )
                    for i, r in enumerate(content.regions)
                ],
            )
            await conn.executemany(
                "INSERT INTO sectors (id, position, title, icon, agreement, aliases, topics, "
                "stems) VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        s.id,
                        i,
                        s.title,
                        s.icon,
                        s.agreement,
                        _dump(s.aliases),
                        _dump(s.topics),
                        _dump(s.stems),
                    )
                    for i, s in enumerate(content.sectors)
                ],
            )
            await conn.executemany(
                "INSERT INTO agreements (id, position, scope, title, section, parties, areas, "
                "term_years, summary, paragraph) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        a.id,
                        i,
                        a.scope,
                        a.title,
                        a.section,
                        _dump([p.model_dump() for p in a.parties]),
                        _dump(a.areas),
                        a.term_years,
                        a.summary,
                        a.paragraph,
                    )
                    for i, a in enumerate(content.agreements)
                ],
            )
            await conn.executemany(
                "INSERT INTO facts (id, position, region_id, sector_id, text, about, "
                "period_kind, period_start, period_end, direction, products, paragraph, note, "
                "is_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        f.id,
                        i,
                        f.region,
                        f.sector,
                        f.text,
                        f.about,
                        f.period.kind if f.period else None,
                        f.period.start if f.period else None,
                        f.period.end if f.period else None,
                        f.direction,
                        _dump(f.products),
                        f.paragraph,
                        f.note,
                        int(f.key),
                    )
                    for i, f in enumerate(content.facts)
                ],
            )
            await conn.executemany(
                "INSERT INTO fact_figures (fact_id, name, value, unit, measure, more_than) "
                "VALUES (?,?,?,?,?,?)",
                [
                    (f.id, name, fig.value, fig.unit, fig.measure, int(fig.more_than))
                    for f in content.facts
                    for name, fig in f.figures.items()
                ],
            )
            await conn.executemany(
                "INSERT INTO vocabulary (name, words) VALUES (?, ?)",
                [(name, _dump(words)) for name, words in content.vocabulary],
            )
            await _set_meta(conn, "source_title", content.source_title)
            await _set_meta(conn, "content_digest", digest)
            await _set_meta(conn, _file_key(path), digest)
            await _set_meta(conn, "loaded_at", datetime.now(UTC).isoformat(timespec="seconds"))

    async def load_content(self) -> Content | None:
        """Read the stored content back into validated models; None when nothing is loaded."""
        snapshot = await self.read_snapshot()
        return None if snapshot is None else snapshot[1]

    async def read_snapshot(self) -> tuple[str | None, Content] | None:
        """The content digest and the content, read in one transaction, so that both come
        from the same version even while another process loads a new one."""
        async with self._db.read() as conn:
            title = await _meta(conn, "source_title")
            if title is None:
                return None
            digest = await _meta(conn, "content_digest")
            raw = await _raw_content(conn, title)
        return digest, Content.model_validate(raw)


async def _raw_content(conn: aiosqlite.Connection, title: str) -> dict[str, Any]:
    figures: dict[str, dict[str, Any]] = {}
    for row in await _rows(conn, "SELECT * FROM fact_figures"):
        figures.setdefault(row["fact_id"], {})[row["name"]] = {
            "value": row["value"],
            "unit": row["unit"],
            "measure": row["measure"],
            "more_than": bool(row["more_than"]),
        }
    raw = {
        "source_title": title,
        "vocabulary": {
            row["name"]: json.loads(row["words"])
            for row in await _rows(conn, "SELECT name, words FROM vocabulary")
        },
        "regions": [
            {
                "id": r["id"],
                "subject": r["subject"],
                "name": r["name"],
                "short_name": r["short_name"],
                "genitive": r["genitive"],
                "prepositional": r["prepositional"],
                "aliases": json.loads(r["aliases"]),
                "head": json.loads(r["head"]),
                "previous_agreement": None
                if r["previous"] is None
                else json.loads(r["previous"]),
            }
            for r in await _rows(conn, "SELECT * FROM regions ORDER BY position")
        ],
        "sectors": [
            {
                "id": s["id"],
                "title": s["title"],
                "icon": s["icon"],
                "agreement": s["agreement"],
                "aliases": json.loads(s["aliases"]),
                "topics": json.loads(s["topics"]),
                "stems": json.loads(s["stems"]),
            }
            for s in await _rows(conn, "SELECT * FROM sectors ORDER BY position")
        ],
        "agreements": [
            {
                "id": a["id"],
                "scope": a["scope"],
                "title": a["title"],
                "section": a["section"],
                "parties": json.loads(a["parties"]),
                "areas": json.loads(a["areas"]),
                "term_years": a["term_years"],
                "summary": a["summary"],
                "paragraph": a["paragraph"],
            }
            for a in await _rows(conn, "SELECT * FROM agreements ORDER BY position")
        ],
        "facts": [
            {
                "id": f["id"],
                "region": f["region_id"],
                "sector": f["sector_id"],
                "text": f["text"],
                "about": f["about"],
                "figures": figures.get(f["id"], {}),
                "period": None
                if f["period_kind"] is None
                else {
                    "kind": f["period_kind"],
                    "start": f["period_start"],
                    "end": f["period_end"],
                },
                "direction": f["direction"],
                "products": json.loads(f["products"]),
                "paragraph": f["paragraph"],
                "note": f["note"],
                "key": bool(f["is_key"]),
            }
            for f in await _rows(conn, "SELECT * FROM facts ORDER BY position")
        ],
    }
    return raw


async def _rows(conn: aiosqlite.Connection, sql: str) -> list[aiosqlite.Row]:
    async with conn.execute(sql) as cur:
        return list(await cur.fetchall())


async def _meta(conn: aiosqlite.Connection, key: str) -> str | None:
    async with conn.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cur:
        row = await cur.fetchone()
    return None if row is None else str(row[0])


async def _set_meta(conn: aiosqlite.Connection, key: str, value: str) -> None:
    await conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _file_key(path: Path) -> str:
    return f"file_digest:{path.resolve()}"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
