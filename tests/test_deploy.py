"""The deployment files start the project's real entry point with settings it accepts.

Without Docker: the start commands of the Dockerfile (through its entry script), of
compose.yaml and of the systemd unit are read from the files and their `python -m bot …`
part is run here with one bad setting: the same one-line refusal as on a server, naming that
setting only (so every other value they set is valid). The image's tree (what its COPY lines
bring, its catalog build) is started here through its entry point and answers the image's
health check; compose.yaml's topology and the unit's stop and hardening are checked. With a
Docker daemon and the compose plugin, `docker compose config -q` validates compose.yaml;
with DOCKER_BUILD=1 the image is built and started too. Where a tool is missing the test is
skipped with one line.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.config import Settings
from tests.deploy_files import (
    ROOT,
    UNIT,
    bot_services,
    compose,
    docker,
    docker_missing,
    dockerfile,
    image_env,
    image_tree,
    instruction,
    start_commands,
    unit,
)
from tests.test_e2e import STOP_TIMEOUT, TOKEN, BotProcess, bot_env, run_cli, standin, until_polling

BAD = {"LOG_LEVEL": "LOUD"}  # a malformed setting every command reads first
SETTING_NAMES = {name.upper() for name in Settings.model_fields}
IMAGE = "moscow-regions-bot:test"
HOOK_SECRET = "deploy_Secret-7"


# --- the start commands, run here --------------------------------------------------------


START = start_commands()


@pytest.mark.parametrize(("where", "args", "env"), START, ids=[where for where, _, _ in START])
def test_start_command_is_the_entry_point_and_its_settings_are_valid(
    tmp_path: Path, where: str, args: list[str], env: dict[str, str]
) -> None:
    assert args[0] in {"run", "webhook", "load-content"}, where
    settings = {k: v for k, v in env.items() if not k.startswith(("PYTHON", "PIP_"))}
    assert set(settings) <= SETTING_NAMES, f"{where} sets what the bot does not read"
    result = run_cli(tmp_path, *args, **{**env, **BAD})
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    # The one line names LOG_LEVEL and nothing else: every value the file sets is valid.
    assert result.stderr.startswith("moscow-regions-bot: invalid setting LOG_LEVEL:")
    assert ";" not in result.stderr, result.stderr


def test_dockerfile_builds_a_non_root_image_from_the_lock() -> None:
    for word, rest in dockerfile():
        if word == "COPY":
            *sources, _ = shlex.split(rest)
            assert all((ROOT / s).exists() for s in sources), f"COPY {rest}: not in the tree"
    assert instruction("FROM").startswith("python:3.11-slim")
    runs = " && ".join(rest for word, rest in dockerfile() if word == "RUN")
    assert re.search(r"pip install --require-hashes .*-r requirements-runtime\.lock", runs)
    assert "pybabel compile -d locales -D messages" in runs
    assert instruction("USER").split(":")[0] not in {"root", "0"}
    assert instruction("STOPSIGNAL") == "SIGTERM"
    assert json.loads(instruction("VOLUME")) == ["/data"]
    assert image_env()["DATABASE_PATH"].startswith("/data/")
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", ".env", "var", "locales/**/*.mo"} <= set(ignored)


async def test_image_tree_loads_the_content_then_serves_and_stops(tmp_path: Path) -> None:
    """The container's start without Docker: only what the image holds, its environment,
    its entry point and command, against the Bot API stand-in; then its health check."""
    app = image_tree(tmp_path / "app", Path(sys.executable).parent)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    volume = tmp_path / "data" / "bot.sqlite3"
    workdir = instruction("WORKDIR")
    entry = json.loads(instruction("ENTRYPOINT")) + json.loads(instruction("CMD"))
    argv = [str(app / Path(a).relative_to(workdir)) if a.startswith(workdir) else a for a in entry]
    async with standin() as api:
        env = bot_env(tmp_path, **{**image_env(), "DATABASE_PATH": str(volume)})
        env["BOT_TOKEN"] = TOKEN
        env.update(TELEGRAM_API_URL=api.url, WEBHOOK_PORT=str(port), WEBHOOK_SECRET=HOOK_SECRET)
        env["WEBHOOK_URL"] = "https://bot.example.org/telegram"
        env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"  # `python` in the script
        del env["PYTHONPATH"]  # the tree's own `bot` and `db`, not this checkout's
        log_path = tmp_path / "container.log"
        with log_path.open("wb") as log:
            proc = await asyncio.create_subprocess_exec(
                *argv, cwd=app, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
        process = BotProcess(proc, log_path)
        try:
            await until_polling(api, process, method="setWebhook")
            probe_cmd = instruction("HEALTHCHECK").partition(" CMD ")[2]
            health = await asyncio.create_subprocess_exec("/bin/sh", "-c", probe_cmd, env=env)
            assert await asyncio.wait_for(health.wait(), 30) == 0, process.output
            timeout = aiohttp.ClientTimeout(total=10)
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(f"http://127.0.0.1:{port}/readyz") as response,
            ):
                assert response.status == 200, await response.text()
            assert await process.stop() == 0, process.output  # within STOP_TIMEOUT
        finally:
            if proc.returncode is None:
                proc.kill()
                await asyncio.wait_for(proc.wait(), STOP_TIMEOUT)
    # The entry script loaded the image's content into the fresh volume before serving.
    assert re.match(r"load-content: loaded \d+ facts from \S+/db/content\.toml", process.output)
    assert str(app) in process.output and volume.is_file()
    health = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", probe_cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    said, _ = await asyncio.wait_for(health.communicate(), 30)
    assert health.returncode == 1  # stopped: unhealthy, in one line for `docker inspect`
    assert said.decode().startswith("unhealthy: ") and said.count(b"\n") == 1, said


# --- compose.yaml and the proxy ------------------------------------------------------------


def test_compose_has_two_webhook_instances_on_redis_behind_a_proxy() -> None:
    services = compose()["services"]
    assert set(services) == {"redis", "bot-1", "bot-2", "proxy", "bot-polling"}
    assert services["redis"]["image"].startswith("redis:7")
    webhook = {n: s for n, s in bot_services().items() if s["profiles"] == ["webhook"]}
    assert set(webhook) == {"bot-1", "bot-2"}
    env = services["bot-1"]["environment"]
    assert services["bot-2"]["environment"] == env  # same Redis, path, port
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert [s["env_file"][0]["path"] for s in webhook.values()] == [".env", ".env"]
    volumes = [s["volumes"] for s in bot_services().values()]
    data = [v.split(":")[0] for vs in volumes for v in vs if v.endswith(":/data")]
    assert len(set(data)) == len(volumes) == 3  # one database per instance
    assert set(data) <= set(compose()["volumes"])
    assert all(s["command"] == ["webhook"] for s in webhook.values())

    proxy = services["proxy"]
    config = next(v.split(":")[0] for v in proxy["volumes"] if v.startswith("./deploy/"))
    caddyfile = (ROOT / config).read_text(encoding="utf-8")
    assert f"path {env['WEBHOOK_PATH']} /healthz /readyz" in caddyfile
    upstreams = f"bot-1:{env['WEBHOOK_PORT']} bot-2:{env['WEBHOOK_PORT']}"
    assert f"reverse_proxy {upstreams}" in caddyfile
    assert set(proxy["depends_on"]) == set(webhook)


def test_compose_polling_example_is_one_instance_without_webhook() -> None:
    polling = compose()["services"]["bot-polling"]
    assert polling["profiles"] == ["polling"]
    assert polling["command"] == ["run"]
    assert polling["environment"]["WEBHOOK_URL"] == ""  # a WEBHOOK_URL in .env is ignored
    assert "REDIS_URL" not in polling["environment"] and polling["depends_on"] == []
    assert polling["healthcheck"] == {"disable": "true"}  # no HTTP server in polling


# --- the systemd unit ------------------------------------------------------------------------


def test_systemd_unit_stops_in_time_and_is_hardened(tmp_path: Path) -> None:
    service = unit()["Service"]
    assert service["KillSignal"] == "SIGTERM"
    assert int(service["TimeoutStopSec"]) > 10  # the bot exits within 10 s of SIGTERM
    assert service["Restart"] == "on-failure" and service["RestartPreventExitStatus"] == "2"
    assert service["User"] not in {"root", "0"}
    assert service["NoNewPrivileges"] == "yes" and service["ProtectSystem"] == "strict"
    database = service["Environment"].removeprefix("DATABASE_PATH=")
    assert database.startswith(f"/var/lib/{service['StateDirectory']}/")
    if shutil.which("systemd-analyze") is None or not (ROOT / ".venv/bin/python").exists():
        pytest.skip("systemd-analyze or .venv is missing: the unit is not verified")
    # Verified as installed in this checkout (systemd checks that the commands exist).
    local = tmp_path / UNIT.name
    local.write_text(UNIT.read_text().replace("/opt/moscow-regions-bot", str(ROOT)))
    result = subprocess.run(
        ["systemd-analyze", "verify", str(local)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# --- with Docker -----------------------------------------------------------------------------


def test_compose_file_validates_with_docker() -> None:
    if why := docker_missing():
        pytest.skip(f"compose.yaml not validated by Docker: {why}")
    profiles = ["--profile", "webhook", "--profile", "polling"]
    result = docker("compose", "-f", "compose.yaml", *profiles, "config", "-q")
    assert result.returncode == 0, result.stderr


def test_image_builds_and_refuses_a_bad_setting_in_one_line() -> None:
    if os.environ.get("DOCKER_BUILD") != "1":
        pytest.skip("image not built: set DOCKER_BUILD=1 to build it (minutes)")
    if why := docker_missing():
        pytest.skip(f"image not built: {why}")
    built = docker("build", "-t", IMAGE, ".", timeout=1800)
    assert built.returncode == 0, built.stderr[-3000:]
    ran = docker("run", "--rm", "-e", "LOG_LEVEL=LOUD", IMAGE)
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr.startswith("moscow-regions-bot: invalid setting LOG_LEVEL:")
    catalog = "locales/ru/LC_MESSAGES/messages.mo"
    inside = f"import os, pathlib; print(os.getuid(), pathlib.Path({catalog!r}).is_file())"
    checked = docker("run", "--rm", "--entrypoint", "python", IMAGE, "-c", inside)
    assert checked.stdout.split() == ["10001", "True"], checked.stderr
