"""The secrets policy, in one place: what counts as a credential, and how it is hidden.

One set of rules serves every place a credential could leak: the generator (which refuses to
write one into ``llmhub.yaml``), hook payloads, the errors llmhub raises and hands to hooks, and
log lines. A value is a credential when

- its key says so, at any depth (``Authorization``, ``api-key``, ``x-goog-api-key``,
  ``Ocp-Apim-Subscription-Key``, ``token``, ``secret``, ``password``, ...);
- its shape says so (``Bearer …``, ``sk-…`` and the other providers' key prefixes);
- it sits in a URL's userinfo (``https://user:sk-…@host``) or in a URL query parameter whose
  name says so (``?api_key=…``, ``&sig=…``, ``?code=…``).

Exceptions are cleaned in place by ``sanitize_exception``: no ``__cause__``/``__context__``
chain (which, for an SDK error, leads to an ``httpx.Request`` holding the bearer header), no
traceback frames from the SDK, and request and response objects replaced by bare copies that
keep only the method, URL and status.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

__all__ = [
    "HIDDEN_INPUT",
    "REDACTED",
    "find_credentials",
    "is_secret_key",
    "is_secret_query_param",
    "redact",
    "redact_text",
    "sanitize_exception",
]

REDACTED = "***"
# The type of a validation error whose input may be a credential: ``llmhub.yamlio`` never adds
# the input to its message (the validator's message shows a masked copy, or nothing).
HIDDEN_INPUT = "llmhub_hidden_input"

# Key names (lower case, '-' read as '_') whose values are credentials.
_SECRET_KEYS = frozenset(
    {
        "authorization",
        "proxy_authorization",
        "api_key",
        "apikey",
        "x_api_key",
        "x_goog_api_key",
        "ocp_apim_subscription_key",
        "api_secret",
        "secret",
        "client_secret",
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "auth_token",
        "bearer_token",
        "azure_ad_token",
        "password",
        "passwd",
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
        "vertex_credentials",
        "private_key",
        "credentials",
        "cookie",
        "set_cookie",
    }
)
_SECRET_SUFFIXES = ("_api_key", "_secret", "_password", "_token", "_credentials", "_private_key")
# A limit or a count of tokens (``max_token``, a typo of ``max_tokens``), not a credential.
_COUNT_PREFIXES = ("max_", "min_", "num_")

_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)([^\s/@?#]+)@")
# A URL, up to the first character that cannot be in one (quotes and brackets end it in text).
_URL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s'\"<>`]*")
_QUERY_PARAM = re.compile(r"([?&;])([^=&;#?]+)=([^&;#]*)")
# Query parameter names that carry a credential besides the keys above: Google's `key`, Azure
# SAS `sig`, Azure Functions `code`, S3/GCS presigned `X-Amz-Signature`, `X-Goog-Signature`.
_SECRET_QUERY_NAMES = frozenset(
    {"key", "sig", "signature", "code", "auth", "pass", "pwd", "subscription_key", "sas"}
)
_VALUE_SHAPES = re.compile(
    r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{6,}"
    r"|\bbasic\s+[A-Za-z0-9+/=]{8,}"
    r"|\b(?:sk|rk|pk)-[A-Za-z0-9_-]{6,}"
    r"|\b(?:xai|gsk|csk|hf|ghp|gho|ghs|glpat|xox[abp])[-_][A-Za-z0-9_-]{8,}"
    # Perplexity keys are 'pplx-' and 48 letters and digits; 'pplx-embed-v1-0.6b' is a model
    r"|\bpplx-[A-Za-z0-9]{20,}"
    r"|\bAIza[0-9A-Za-z_-]{20,}"
    r"|\bAKIA[0-9A-Z]{16}\b"
)


def is_secret_key(name: object) -> bool:
    """Whether a mapping key or header name names a credential."""
    key = str(name).strip().lower().replace("-", "_")
    if key in _SECRET_KEYS:
        return True
    return key.endswith(_SECRET_SUFFIXES) and not key.startswith(_COUNT_PREFIXES)


def is_secret_query_param(name: str) -> bool:
    """Whether a URL query parameter name (``api_key``, ``X-Amz-Signature``) names a credential."""
    from urllib.parse import unquote_plus

    key = unquote_plus(name).strip().lower().replace("-", "_")
    return is_secret_key(key) or key in _SECRET_QUERY_NAMES or key.endswith(("_signature", "_sig"))


def _redact_query(match: re.Match[str]) -> str:
    sep, name, value = match.groups()
    if value and value != REDACTED and is_secret_query_param(name):
        return f"{sep}{name}={REDACTED}"
    return match.group(0)


def _redact_url(match: re.Match[str]) -> str:
    url = match.group(0)
    if "?" in url or ";" in url:
        url = _QUERY_PARAM.sub(_redact_query, url)
    return url


def redact_text(text: str) -> str:
    """``text`` with credential-shaped values, URL userinfo and credential query parameters
    (``?api_key=…``) replaced by ``***``."""
    if "://" in text:
        text = _URL_USERINFO.sub(lambda m: f"{m.group(1)}{REDACTED}@", text)
        if "=" in text:
            text = _URL.sub(_redact_url, text)
    return _VALUE_SHAPES.sub(REDACTED, text)


def redact(value: Any) -> Any:
    """A copy of ``value`` (mappings, lists, strings, at any depth) with credentials hidden."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, Mapping):
        return {
            k: (REDACTED if is_secret_key(k) and v is not None else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return (
            type(value)(redact(v) for v in value)
            if isinstance(value, list)
            else tuple(redact(v) for v in value)
        )
    return value


def find_credentials(
    value: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """The locations (key paths) in ``value`` that hold a credential, by key, shape or URL."""
    found: list[tuple[str | int, ...]] = []
    # A generated llmhub.yaml repeats the same keys and values across thousands of roles: each
    # distinct key and string is judged once per call.
    _collect(value, path, found, {}, {})
    return iter(found)


# What _collect looks into; a number, a flag or None holds no credential (and a file has
# tens of thousands of them).
_JUDGED = (Mapping, list, tuple, str)


def _collect(
    value: Any,
    path: tuple[str | int, ...],
    found: list[tuple[str | int, ...]],
    keys: dict[str, bool],
    texts: dict[str, bool],
) -> None:
    if isinstance(value, Mapping):
        for k, v in value.items():
            secret = keys.get(k) if type(k) is str else None
            if secret is None:
                secret = keys[k] = is_secret_key(k)
            if secret and v not in (None, ""):
                found.append((*path, k))
            elif isinstance(v, _JUDGED):
                _collect(v, (*path, k), found, keys, texts)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            if isinstance(v, _JUDGED):
                _collect(v, (*path, i), found, keys, texts)
    elif isinstance(value, str):
        shaped = texts.get(value)
        if shaped is None:
            shaped = texts[value] = redact_text(value) != value
        if shaped:
            found.append(path)


# -- exceptions ---------------------------------------------------------------------------------
_PLAIN = (str, int, float, bool, type(None))


def _bare_http(value: Any) -> Any:
    """An ``httpx.Request``/``Response`` without headers, body or credentials in the URL."""
    import httpx

    if isinstance(value, httpx.Request):
        return httpx.Request(value.method, redact_text(str(value.url)))
    if isinstance(value, httpx.Response):
        request = None
        with contextlib.suppress(RuntimeError):  # a response built without a request
            request = _bare_http(value.request)
        return httpx.Response(value.status_code, request=request)
    return None


def _clean_attr(value: Any, scrub: Any) -> Any:
    if isinstance(value, str):
        return scrub(redact_text(value))
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, (Mapping, list, tuple)):
        return _scrub_deep(redact(value), scrub)
    if type(value).__module__.split(".")[0] == "httpx":
        return _bare_http(value)
    if isinstance(value, BaseException):
        return None
    # Anything else (an SDK's logging object, a client) may hold the key: keep its name only.
    return f"<{type(value).__name__}>"


def _scrub_deep(value: Any, scrub: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, Mapping):
        return {k: _scrub_deep(v, scrub) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_deep(v, scrub) for v in value]
    if isinstance(value, tuple):
        return tuple(_scrub_deep(v, scrub) for v in value)
    return value


_E = TypeVar("_E", bound=BaseException)


def sanitize_exception(exc: _E, scrub: Any = lambda s: s) -> _E:
    """Clean ``exc`` in place (its class stays, so ``except`` clauses still match) and return it.

    ``scrub`` is applied to every string as well (the runtime passes one that removes the
    current values of the key variables it watches).
    """
    if getattr(exc, "_llmhub_sanitized", False):
        return exc
    exc.__cause__ = None
    exc.__context__ = None
    exc.__suppress_context__ = True
    exc.__traceback__ = None
    with contextlib.suppress(AttributeError, TypeError):
        exc.args = tuple(_clean_attr(a, scrub) for a in exc.args)
    state = getattr(exc, "__dict__", None)
    if isinstance(state, dict):
        for name, value in list(state.items()):
            state[name] = _clean_attr(value, scrub)
    with contextlib.suppress(AttributeError):
        exc._llmhub_sanitized = True  # type: ignore[attr-defined]  # our mark, on any exception
    return exc
