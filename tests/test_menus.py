"""Menu paths through the real dispatcher: what the person sees after each tap."""

from __future__ import annotations

from bot.local_session import LocalChat


async def test_start_shows_greeting_and_main_menu(chat: LocalChat) -> None:
    shown = await chat.send("/start")
    assert len(shown) == 1
    assert shown[0].kind == "send"
    assert "Москва и регионы-партнёры" in shown[0].text
    assert shown[0].button_texts == [
        "Республика Алтай",
        "Пензенская область",
        "ХМАО – Югра",
        "📊 По отраслям",
        "📄 О соглашениях",
        "❓ Помощь",
    ]
