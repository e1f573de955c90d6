#!/bin/sh
# The container's start: load the image's content file into this instance's database (only
# when it changed since it was last loaded; a broken file stops the start with one line),
# then replace this shell with the bot, so that it is PID 1 and receives SIGTERM itself.
# Arguments: the bot's command, `webhook` (the image's default) or `run` (long polling).
set -eu
python -m bot load-content
exec python -m bot "$@"
