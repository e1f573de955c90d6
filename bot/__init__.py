"""Telegram bot about Moscow's cooperation with its partner regions."""
