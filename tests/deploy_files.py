"""Reading the deployment files for tests/test_deploy.py: the Dockerfile's instructions,
compose.yaml (a small reader for the YAML subset it is written in: PyYAML is not a
dependency), the systemd unit, the `python -m bot …` command lines each one starts, and
whether Docker can be used here."""

from __future__ import annotations

import configparser
import functools
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "moscow-regions-bot.service"


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    lines = (line.strip() for line in text.splitlines())
    pairs = (line.partition(" ") for line in lines if line and not line.startswith("#"))
    return [(word.upper(), rest.strip()) for word, _, rest in pairs]


def instruction(name: str) -> str:
    """The last `name` instruction's arguments (the one that counts)."""
    found = [rest for word, rest in dockerfile() if word == name]
    assert found, f"the Dockerfile has no {name}"
    return found[-1]


def image_env() -> dict[str, str]:
    pairs = (shlex.split(rest) for word, rest in dockerfile() if word == "ENV")
    return dict(pair.split("=", 1) for words in pairs for pair in words)


def read_yaml(text: str) -> Any:
    """The YAML subset compose.yaml is written in: block mappings and sequences, JSON flow
    values, plain or double-quoted scalars (kept as strings), `&anchor` and `<<: *anchor`."""
    lines = [
        (len(raw) - len(raw.lstrip(" ")), _uncomment(raw.strip()))
        for raw in text.splitlines()
        if raw.strip() and not raw.strip().startswith("#")
    ]
    value, end = _yaml_block(lines, 0, 0, {})
    assert end == len(lines), f"cannot read compose.yaml from: {lines[end][1]!r}"
    return value


def _uncomment(text: str) -> str:
    for match in re.finditer(r"\s+#", text):
        if text[: match.start()].count('"') % 2 == 0:
            return text[: match.start()]
    return text


def _yaml_block(
    lines: list[tuple[int, str]], i: int, indent: int, anchors: dict[str, Any]
) -> tuple[Any, int]:
    if lines[i][1].startswith("- "):
        items: list[Any] = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            rest = lines[i][1][2:].strip()
            if ": " in rest or rest.endswith(":"):  # `- key: value`: a mapping item
                lines[i] = (indent + 2, rest)
                item, i = _yaml_block(lines, i, indent + 2, anchors)
            else:
                item, i = _yaml_scalar(rest), i + 1
            items.append(item)
        return items, i
    mapping: dict[str, Any] = {}
    while i < len(lines) and lines[i][0] == indent:
        key, _, rest = lines[i][1].partition(":")
        rest, i = rest.strip(), i + 1
        anchor = rest[1:] if rest.startswith("&") else None
        if anchor:
            rest = ""
        if rest:
            value = anchors[rest[1:]] if rest.startswith("*") else _yaml_scalar(rest)
        elif i < len(lines) and lines[i][0] > indent:
            value, i = _yaml_block(lines, i, lines[i][0], anchors)
        else:
            value = None
        if anchor:
            anchors[anchor] = value
        if key == "<<":
            mapping.update(value)
        else:
            mapping[key] = value
    return mapping, i


def _yaml_scalar(text: str) -> Any:
    return json.loads(text) if text[:1] in '["{' else text


@functools.cache
def compose() -> dict[str, Any]:
    result: dict[str, Any] = read_yaml((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    return result


def bot_services() -> dict[str, dict[str, Any]]:
    """The services built from this project's Dockerfile."""
    return {name: s for name, s in compose()["services"].items() if s.get("build") == "."}


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(UNIT, encoding="utf-8")
    return parser


def bot_args(words: list[str], cmd: list[str]) -> list[str] | None:
    """The arguments of a `python -m bot …` command line ("$@" is the image's CMD)."""
    words = words[1:] if words[:1] == ["exec"] else words
    if len(words) < 3 or Path(words[0]).name != "python" or words[1:3] != ["-m", "bot"]:
        return None
    return [arg for word in words[3:] for arg in (cmd if word == "$@" else [word])]


def image_commands() -> list[list[str]]:
    """What the container runs: the entry script's commands with the image's CMD."""
    entry, cmd = json.loads(instruction("ENTRYPOINT")), json.loads(instruction("CMD"))
    assert entry[0] == "/bin/sh" and entry[1].startswith(instruction("WORKDIR") + "/")
    script = ROOT / Path(entry[1]).relative_to(instruction("WORKDIR"))
    commands = []
    for line in script.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and line.strip() != "set -eu":
            args = bot_args(shlex.split(line), cmd)
            assert args is not None, f"{script.name} runs something else: {line}"
            commands.append(args)
    return commands


def start_commands() -> list[tuple[str, list[str], dict[str, str]]]:
    """(where, the bot's arguments, the environment it gets) for every deployment file."""
    found = [(f"image {args[0]}", args, image_env()) for args in image_commands()]
    for name, service in bot_services().items():
        found.append((f"compose {name}", service["command"], service["environment"]))
    systemd = unit()["Service"]
    unit_env = dict([systemd["Environment"].split("=", 1)])
    for key in ("ExecStartPre", "ExecStart"):
        args = bot_args(shlex.split(systemd[key]), [])
        assert args is not None, f"the unit's {key} is not `python -m bot …`"
        found.append((f"systemd {key}", args, unit_env))
    return found


@functools.cache
def docker_missing() -> str | None:
    """Why Docker cannot be used here, or None."""
    if shutil.which("docker") is None:
        return "the docker command is not installed"
    for probe, why in (
        (["docker", "info"], "no Docker daemon answers `docker info`"),
        (["docker", "compose", "version"], "the docker compose plugin is not installed"),
    ):
        if subprocess.run(probe, capture_output=True, check=False, timeout=30).returncode:
            return why
    return None


def docker(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["docker", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=timeout
    )


def image_tree(app: Path, python_bin: Path) -> Path:
    """The image's WORKDIR without Docker: what its COPY lines bring (minus what
    .dockerignore keeps out), then its catalog build step, run with `python_bin` first on
    the PATH."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for word, rest in dockerfile():
        if word != "COPY":
            continue
        *sources, target = shlex.split(rest)
        for source in map(Path, sources):
            into = app / target
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, into, ignore=ignore)
            else:
                into = into / source.name if target.endswith("/") else into
                into.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / source, into)
    runs = [rest for word, rest in dockerfile() if word == "RUN" and "pybabel" in rest]
    build = next(step for step in runs[0].split("&&") if "pybabel" in step)
    path = f"{python_bin}:{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path}
    subprocess.run(shlex.split(build), cwd=app, env=env, check=True, capture_output=True)
    return app
