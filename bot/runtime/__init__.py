"""How updates come in and replies go out: polling, per-update validation, pacing, retries,
throttling. Nothing here knows what the bot says."""
