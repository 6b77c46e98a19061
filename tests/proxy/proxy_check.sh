#!/usr/bin/env bash
# `just proxy-check`: install the real LiteLLM Proxy into its own cached venv (once), then start
# it on 127.0.0.1 against the loopback fake LLM server and check the exported config end to end.
# Every process started here is stopped on exit, failure and interrupt included.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-python}
VENV=${LLMHUB_PROXY_VENV:-.cache/proxy-venv}  # reused while litellm and the pins stay the same
PIDFILE=$(mktemp)
cleanup() {
    pid=$(cat "$PIDFILE" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || true  # the proxy runs in its own process group
        sleep 2
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
}
trap cleanup EXIT INT TERM

# The same litellm as the project's venv, never the two compromised releases.
VERSION=$("$PYTHON" -c "import importlib.metadata as m; print(m.version('litellm'))")
case "$VERSION" in
    1.82.7|1.82.8) echo "proxy-check: litellm $VERSION is a compromised release; refusing" >&2; exit 1 ;;
esac
STAMP="litellm==$VERSION $(sha256sum tests/proxy/requirements.txt | cut -c1-16)"

start=$(date +%s)
if [ "$(cat "$VENV/.installed" 2>/dev/null || true)" != "$STAMP" ]; then
    echo "proxy-check: installing the proxy (litellm $VERSION) into $VENV"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "litellm==$VERSION" -r tests/proxy/requirements.txt
    echo "$STAMP" > "$VENV/.installed"
    echo "proxy-check: install took $(( $(date +%s) - start )) s"
else
    echo "proxy-check: reusing $VENV (litellm $VERSION), 0 s install"
fi

"$PYTHON" tests/proxy/proxy_check.py --litellm "$VENV/bin/litellm" --pidfile "$PIDFILE" "$@"
