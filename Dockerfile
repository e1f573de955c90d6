# moscow-regions-bot: one bot instance. See docs/deploy.md.
#
#   docker build -t moscow-regions-bot .
#   docker run --env-file .env -v bot-data:/data -p 8080:8080 moscow-regions-bot   # webhook
#   docker run --env-file .env -v bot-data:/data --no-healthcheck moscow-regions-bot run  # polling
#
# (add -e DATABASE_PATH=/data/bot.sqlite3 when .env sets DATABASE_PATH; docs/deploy.md)
#
# At start the image's content file is loaded into this instance's database (/data, only
# when it changed since it was last loaded), then the bot runs as PID 1 and gets SIGTERM.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin bot

WORKDIR /app

# The locked dependencies first: this layer is rebuilt only when the lock file changes.
COPY requirements-runtime.lock ./
RUN pip install --require-hashes --no-deps -r requirements-runtime.lock

COPY bot ./bot
COPY db ./db
COPY locales ./locales
COPY deploy/entrypoint.sh ./deploy/entrypoint.sh
RUN pybabel compile -d locales -D messages \
    && python -m compileall -q bot db \
    && mkdir /data && chown bot:bot /data

# One SQLite database per instance: the content, the inbox (and, without REDIS_URL, the
# unanswered log).
ENV DATABASE_PATH=/data/bot.sqlite3
VOLUME ["/data"]

USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
# Webhook mode serves /healthz on WEBHOOK_PORT; slim has no curl, Python has urllib. Any
# failure (refused, timeout, not 2xx) exits 1 with one line for `docker inspect`.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import sys, urllib.request as r; sys.excepthook = lambda *e: print('unhealthy:', e[1]); r.urlopen('http://127.0.0.1:${WEBHOOK_PORT:-8080}/healthz', timeout=4)" || exit 1

ENTRYPOINT ["/bin/sh", "/app/deploy/entrypoint.sh"]
CMD ["webhook"]
