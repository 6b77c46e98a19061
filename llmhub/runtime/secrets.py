"""Keep API keys out of hook payloads, log lines and error messages.

The runtime never stores a key: it reads the variable named by the provider's ``env_key`` just
before each call and hands the value to litellm. What it remembers is the *names* of those
variables, so that any text leaving llmhub (an error message, a log record from llmhub, litellm,
openai or httpx) can be scrubbed of their current values.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from llmhub.redact import REDACTED, redact, redact_text, sanitize_exception

__all__ = [
    "REDACTED",
    "install_log_filter",
    "redact_params",
    "safe_exception",
    "scrub",
    "watch_env_keys",
]

# Parameter names whose values are credentials (the full rules live in ``llmhub.redact``).
_SECRET_PARAMS = frozenset(
    {
        "api_key",
        "azure_ad_token",
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
        "client_secret",
        "vertex_credentials",
    }
)

# Loggers whose records can carry request details: litellm's three, what it calls into, and
# ours. A logger's filters see only records logged on that very logger, so children are listed.
_LOGGERS = (
    "LiteLLM",
    "LiteLLM Router",
    "LiteLLM Proxy",
    "openai",
    "openai._base_client",
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "aiohttp.client",
    "llmhub.runtime",
)
# Shorter values are not treated as secrets: scrubbing "abc" everywhere would mangle text.
_MIN_SECRET_LEN = 8

_env_names: set[str] = set()
_lock = threading.Lock()
_filter_installed = False


def watch_env_keys(names: Iterable[str]) -> None:
    """Treat the values of these environment variables as secrets from now on."""
    with _lock:
        _env_names.update(n for n in names if n)


def _secret_values() -> list[str]:
    values = {os.environ.get(n) for n in tuple(_env_names)}
    # Longest first, so a key that contains another key is replaced whole.
    return sorted((v for v in values if v and len(v) >= _MIN_SECRET_LEN), key=len, reverse=True)


def scrub(text: str, extra: Iterable[str | None] = ()) -> str:
    """``text`` with every watched key value (and every value in ``extra``) replaced by ``***``,
    and credential-shaped values (``llmhub.redact.redact_text``) too."""
    secrets = _secret_values()
    secrets.extend(v for v in extra if v and len(v) >= _MIN_SECRET_LEN)
    for value in secrets:
        if value in text:
            text = text.replace(value, REDACTED)
    return redact_text(text)


def _scrub_values(text: str) -> str:
    for value in _secret_values():
        if value in text:
            text = text.replace(value, REDACTED)
    return text


_E = TypeVar("_E", bound=BaseException)


def safe_exception(exc: _E) -> _E:
    """``exc`` cleaned in place by ``llmhub.redact.sanitize_exception``, watched keys removed."""
    return sanitize_exception(exc, _scrub_values)


def redact_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``params`` fit for a hook payload: credentials hidden at any depth."""
    out: dict[str, Any] = redact(params)
    for name in _SECRET_PARAMS & out.keys():
        out[name] = REDACTED
    return out


class _ScrubFilter(logging.Filter):
    """Rewrites a record's message with the watched key values replaced, before any handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business, not ours
            return True
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            # The formatted traceback includes the exception text: format it now, scrubbed.
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = scrub(text)
            record.exc_info = None
        return True


def install_log_filter() -> None:
    """Attach the scrubbing filter to the loggers that can see request details (once)."""
    global _filter_installed
    with _lock:
        if _filter_installed:
            return
        flt = _ScrubFilter()
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(flt)
        _filter_installed = True
