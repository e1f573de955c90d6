"""Gettext catalogs (aiogram I18n over Babel-compiled `locales/`)."""

from __future__ import annotations

from pathlib import Path

from aiogram.utils.i18n import I18n

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
DEFAULT_LOCALE = "ru"


class CatalogsNotCompiled(RuntimeError):
    """The `.mo` files are missing: run `make setup` (pybabel compile)."""


def build_i18n(path: Path = LOCALES_DIR) -> I18n:
    mo_file = path / DEFAULT_LOCALE / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po_file = mo_file.with_suffix(".po")
    if not mo_file.exists() or mo_file.stat().st_mtime < po_file.stat().st_mtime:
        raise CatalogsNotCompiled(
            f"{mo_file} is missing or older than its .po: run `make setup` to compile catalogs"
        )
    return I18n(path=path, default_locale=DEFAULT_LOCALE, domain=DOMAIN)
