"""One router per feature; the order matters: the catch-all fallback comes last."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import admin, fallback, inline, menu, questions, regions, screens

# The commands everyone has, in the order of the command menu (admin commands are not listed).
PUBLIC_COMMANDS = ("start", "region", "about", "help", "privacy")


def get_routers() -> list[Router]:
    """Fresh routers on every call, so that each dispatcher (tests build many) owns its own."""
    return [
        menu.build_router(),
        regions.build_router(),
        screens.build_router(),
        admin.build_router(),
        questions.build_router(),
        inline.build_router(),
        fallback.build_router(),
    ]
