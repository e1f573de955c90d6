"""Repositories over aiosqlite: the only place that speaks SQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from db.models import Content

_CONTENT_TABLES = (
    "fact_figures",
    "facts",
    "agreements",
    "sectors",
    "other_regions",
    "regions",
    "vocabulary",
)


class ContentRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def get_meta(self, key: str) -> str | None:
        async with self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        return None if row is None else str(row[0])

    async def replace_content(self, content: Content, digest: str) -> None:
        """Swap the whole content in one transaction; on any error the old content stays."""
        conn = self._conn
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for table in _CONTENT_TABLES:
                await conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            await conn.executemany(
                "INSERT INTO regions (id, position, name, short_name, genitive, prepositional, "
                "capital, aliases, head_name, head_title, head_paragraph, prev_year, "
                "prev_paragraph, prev_note, stems) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        r.id,
                        i,
                        r.name,
                        r.short_name,
                        r.genitive,
                        r.prepositional,
                        r.capital,
                        _dump(r.aliases),
                        r.head.name,
                        r.head.title,
                        r.head.paragraph,
                        r.previous_agreement.year if r.previous_agreement else None,
                        r.previous_agreement.paragraph if r.previous_agreement else None,
                        r.previous_agreement.note if r.previous_agreement else None,
                        _dump(r.stems),
                    )
                    for i, r in enumerate(content.regions)
                ],
            )
            await conn.executemany(
                "INSERT INTO other_regions (id, position, name, aliases, suggest, stems) "
                "VALUES (?,?,?,?,?,?)",
                [
                    (o.id, i, o.name, _dump(o.aliases), o.suggest, _dump(o.stems))
                    for i, o in enumerate(content.other_regions)
                ],
            )
            await conn.executemany(
                "INSERT INTO sectors (id, position, title, icon, aliases, topics, stems) "
                "VALUES (?,?,?,?,?,?,?)",
                [
                    (s.id, i, s.title, s.icon, _dump(s.aliases), _dump(s.topics), _dump(s.stems))
                    for i, s in enumerate(content.sectors)
                ],
            )
            await conn.executemany(
                "INSERT INTO agreements VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        a.id,
                        i,
                        a.title,
                        _dump(a.parties),
                        _dump(a.areas),
                        a.term_years,
                        a.summary,
                        a.paragraph,
                    )
                    for i, a in enumerate(content.agreements)
                ],
            )
            await conn.executemany(
                "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        f.id,
                        i,
                        f.region,
                        f.sector,
                        f.text,
                        f.period.kind if f.period else None,
                        f.period.start if f.period else None,
                        f.period.end if f.period else None,
                        f.paragraph,
                        f.note,
                        int(f.key),
                    )
                    for i, f in enumerate(content.facts)
                ],
            )
            await conn.executemany(
                "INSERT INTO fact_figures VALUES (?,?,?,?,?)",
                [
                    (f.id, name, fig.value, fig.unit, int(fig.more_than))
                    for f in content.facts
                    for name, fig in f.figures.items()
                ],
            )
            await conn.executemany(
                "INSERT INTO vocabulary (name, words) VALUES (?, ?)",
                [(name, _dump(words)) for name, words in content.vocabulary],
            )
            await self._set_meta("source_title", content.source_title)
            await self._set_meta("content_digest", digest)
            await self._set_meta("loaded_at", datetime.now(UTC).isoformat(timespec="seconds"))
            await conn.execute("COMMIT")
        except BaseException:
            await conn.execute("ROLLBACK")
            raise

    async def load_content(self) -> Content | None:
        """Read the stored content back into validated models; None when nothing is loaded."""
        title = await self.get_meta("source_title")
        if title is None:
            return None
        figures: dict[str, dict[str, Any]] = {}
        for row in await self._rows("SELECT * FROM fact_figures"):
            figures.setdefault(row["fact_id"], {})[row["name"]] = {
                "value": row["value"],
                "unit": row["unit"],
                "more_than": bool(row["more_than"]),
            }
        raw = {
            "source_title": title,
            "vocabulary": {
                row["name"]: json.loads(row["words"])
                for row in await self._rows("SELECT name, words FROM vocabulary")
            },
            "regions": [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "short_name": r["short_name"],
                    "genitive": r["genitive"],
                    "prepositional": r["prepositional"],
                    "capital": r["capital"],
                    "aliases": json.loads(r["aliases"]),
                    "stems": json.loads(r["stems"]),
                    "head": {
                        "name": r["head_name"],
                        "title": r["head_title"],
                        "paragraph": r["head_paragraph"],
                    },
                    "previous_agreement": None
                    if r["prev_year"] is None
                    else {
                        "year": r["prev_year"],
                        "paragraph": r["prev_paragraph"],
                        "note": r["prev_note"],
                    },
                }
                for r in await self._rows("SELECT * FROM regions ORDER BY position")
            ],
            "other_regions": [
                {
                    "id": o["id"],
                    "name": o["name"],
                    "aliases": json.loads(o["aliases"]),
                    "stems": json.loads(o["stems"]),
                    "suggest": o["suggest"],
                }
                for o in await self._rows("SELECT * FROM other_regions ORDER BY position")
            ],
            "sectors": [
                {
                    "id": s["id"],
                    "title": s["title"],
                    "icon": s["icon"],
                    "aliases": json.loads(s["aliases"]),
                    "topics": json.loads(s["topics"]),
                    "stems": json.loads(s["stems"]),
                }
                for s in await self._rows("SELECT * FROM sectors ORDER BY position")
            ],
            "agreements": [
                {
                    "id": a["id"],
                    "title": a["title"],
                    "parties": json.loads(a["parties"]),
                    "areas": json.loads(a["areas"]),
                    "term_years": a["term_years"],
                    "summary": a["summary"],
                    "paragraph": a["paragraph"],
                }
                for a in await self._rows("SELECT * FROM agreements ORDER BY position")
            ],
            "facts": [
                {
                    "id": f["id"],
                    "region": f["region_id"],
                    "sector": f["sector_id"],
                    "text": f["text"],
                    "figures": figures.get(f["id"], {}),
                    "period": None
                    if f["period_kind"] is None
                    else {
                        "kind": f["period_kind"],
                        "start": f["period_start"],
                        "end": f["period_end"],
                    },
                    "paragraph": f["paragraph"],
                    "note": f["note"],
                    "key": bool(f["is_key"]),
                }
                for f in await self._rows("SELECT * FROM facts ORDER BY position")
            ],
        }
        return Content.model_validate(raw)

    async def _rows(self, sql: str) -> list[aiosqlite.Row]:
        async with self._conn.execute(sql) as cur:
            return list(await cur.fetchall())

    async def _set_meta(self, key: str, value: str) -> None:
        await self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _dump(items: list[str]) -> str:
    return json.dumps(items, ensure_ascii=False)
