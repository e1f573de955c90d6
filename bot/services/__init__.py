"""Logic that knows nothing about Telegram: content access, text formatting, lookups."""
