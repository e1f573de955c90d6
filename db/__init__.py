"""Content storage: the content file, its models, the SQLite schema and repositories."""
