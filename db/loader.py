"""Reading and validating the content file; errors name the entry and field at fault."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from db.models import Content


class ContentError(Exception):
    """The content file cannot be used; the message lists what is wrong where."""


@dataclass(frozen=True, slots=True)
class ContentFile:
    content: Content
    digest: str


def read_content_file(path: Path) -> ContentFile:
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"{path}: cannot read the content file ({exc.strerror})") from None
    try:
        raw = tomllib.loads(raw_bytes.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from None
    try:
        content = Content.model_validate(raw)
    except ValidationError as exc:
        lines = [describe_error(raw, error) for error in exc.errors()]
        raise ContentError(f"{path}: invalid content:\n" + "\n".join(lines)) from None
    return ContentFile(content=content, digest=hashlib.sha256(raw_bytes).hexdigest())


def describe_error(raw: dict[str, Any], error: Any) -> str:
    """`facts[3] (id=penza-sport).paragraph: Input should be …` from a pydantic error."""
    parts: list[str] = []
    node: Any = raw
    for part in error["loc"]:
        if isinstance(part, int) and isinstance(node, list):
            entry = node[part] if part < len(node) else None
            label = f"[{part}]"
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                label += f" (id={entry['id']})"
            parts.append(label)
            node = entry
        else:
            parts.append(("." if parts else "") + str(part))
            node = node.get(part) if isinstance(node, dict) else None
    where = "".join(parts) or "file"
    return f"  {where}: {error['msg']}"
