"""One router per feature; the order matters: the catch-all fallback comes last."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import admin, fallback, menu, regions, sectors, sources


def get_routers() -> list[Router]:
    return [
        menu.router,
        regions.router,
        sectors.router,
        sources.router,
        admin.router,
        fallback.router,
    ]
