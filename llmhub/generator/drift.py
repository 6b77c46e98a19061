"""``generate --check``: is the runtime file on disk what a regeneration would write?

Only what the runtime reads and a reviewer checks counts: roles, providers, params, prices,
fallbacks and reasons (the body below the header). The header's ``catalog-build`` line changes
with every refresh, so a new build that changes no pick is not drift. When something did change,
each role gets a line of the pick diff and a one-line cause: ``spec changed``, ``catalog: price
of X changed ...``, ``catalog: new model Y now ranks first``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmhub.fsutil import read_current_text
from llmhub.generator.figures import PRICE_DIGITS, fmt_pair, fmt_price
from llmhub.generator.files import RoleChange, runtime_changes
from llmhub.generator.header import split_header

if TYPE_CHECKING:
    import duckdb
from llmhub.generator.result import GenerationResult

__all__ = ["Drift", "RoleDrift", "check_drift"]

_RUN = "run `llmhub generate` to update it"


@dataclass(frozen=True)
class RoleDrift:
    """One role that a regeneration would change: before, after, and why."""

    role: str
    before: str | None
    after: str | None
    cause: str
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Drift:
    """The outcome of ``check_drift``; ``up_to_date`` when the bodies match."""

    path: str
    up_to_date: bool
    roles: list[RoleDrift] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The pick diff with one cause per role, as ``generate --check`` prints it."""
        if self.up_to_date:
            return [f"{self.path} is up to date"]
        if not self.roles:
            return [f"{self.path} is out of date: {'; '.join(self.other)}", _RUN]
        out = [f"{self.path} is out of date ({len(self.roles)} role(s) would change):"]
        for role in self.roles:
            if role.before is not None:
                out.append(f"- {role.role}: {role.before}")
            if role.after is not None:
                out.append(f"+ {role.role}: {role.after}")
            out.extend(f"    {change}" for change in role.changes)
            out.append(f"    cause: {role.cause}")
        out.extend(f"  {line}" for line in self.other)
        out.append(_RUN)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "up_to_date": self.up_to_date,
            "roles": [r.__dict__ for r in self.roles],
            "other": self.other,
        }


def _pick(role: Any) -> str:
    fallbacks = ", ".join(f"{f.provider}/{f.model}" for f in role.fallbacks) or "none"
    return f"{role.provider}/{role.model} (fallbacks: {fallbacks})"


def check_drift(result: GenerationResult, out: str | Path, db_path: str | Path | None) -> Drift:
    """Compare the file at ``out`` with ``result``, ignoring the header's provenance lines.

    Raises:
        ConfigError: the file is not UTF-8 or not a runtime file.
    """
    path = Path(out)
    current = read_current_text(path, "point --out at the llmhub.yaml to check")
    header, body = split_header(current)
    _, new_body = split_header(result.text)
    if header is not None and body == new_body:
        return Drift(str(path), True)
    if not current:
        return Drift(str(path), False, other=["the file does not exist yet"])
    changes = runtime_changes(current, result, str(path))
    old = _runtime_of(current, str(path))
    spec_changed = header is None or header.spec_sha256 != result.spec_sha256
    facts = _CatalogFacts(db_path, header.catalog_build if header else None)
    by_role: dict[str, list[RoleChange]] = {}
    for change in changes:
        by_role.setdefault(change.role, []).append(change)
    roles = []
    for name in sorted(set(by_role) | _reason_only(old, result)):
        found = by_role.get(name, [])
        before = old.roles.get(name)
        after = result.runtime.roles.get(name)
        described = [
            f"{c.change}: {c.before} -> {c.after}"
            for c in found
            if c.change in ("price", "params", "fallbacks")
        ]
        if not found:
            described = ["reason: " + (after.reason or "") if after else "reason changed"]
        roles.append(
            RoleDrift(
                name,
                _pick(before) if before else None,
                _pick(after) if after else None,
                _cause(found, before, after, spec_changed, facts),
                described,
            )
        )
    other = []
    if not roles:
        other.append("providers or defaults differ (no role changed)")
    return Drift(str(path), False, roles, other)


def _runtime_of(text: str, path: str) -> Any:
    from llmhub.runtime.config import parse_runtime

    _, body = split_header(text)
    return parse_runtime(body or "{}\n", path)


def _reason_only(old: Any, result: GenerationResult) -> set[str]:
    names = set()
    for name, role in result.runtime.roles.items():
        before = old.roles.get(name)
        if before is not None and before.reason != role.reason:
            names.add(name)
    return names


def _cause(
    changes: list[RoleChange], before: Any, after: Any, spec_changed: bool, facts: _CatalogFacts
) -> str:
    kinds = {c.change for c in changes}
    if "added" in kinds:
        return "spec changed: new role"
    if "removed" in kinds:
        return "spec changed: role removed"
    old_id = f"{before.provider}/{before.model}"
    new_id = f"{after.provider}/{after.model}"
    old_price = (before.price_input_per_million, before.price_output_per_million)
    now_price = facts.prices(old_id)
    if now_price is None and old_id != new_id:
        return f"catalog: {old_id} left the catalog (or litellm can no longer call it)"
    if now_price is not None and _differs(old_price, now_price):
        was, now = _money(old_price, now_price)
        return f"catalog: price of {old_id} changed ({was} -> {now})"
    if old_id != new_id and new_id in facts.added():
        return f"catalog: new model {new_id} now ranks first"
    if spec_changed:
        return "spec changed"
    if old_id != new_id:
        return f"catalog: scores or prices moved; {new_id} now ranks first"
    if "fallbacks" in kinds:
        return "catalog: the ranking below the pick changed"
    return "catalog: scores or limits moved"


def _differs(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    return any(
        (x is None) != (y is None) or (x is not None and y is not None and abs(x - y) > 1e-9)
        for x, y in zip(a, b, strict=True)
    )


def _money(
    old: tuple[float | None, float | None], new: tuple[float | None, float | None]
) -> tuple[str, str]:
    """The old and new input and output prices, each pair with enough digits to differ."""

    def one(v: float | None, digits: int) -> str:
        return "?" if v is None else fmt_price(v, digits)

    (in_old, in_new), (out_old, out_new) = (
        fmt_pair(one, a, b, PRICE_DIGITS) for a, b in zip(old, new, strict=True)
    )
    return f"in {in_old} / out {out_old} per 1M", f"in {in_new} / out {out_new} per 1M"


class _CatalogFacts:
    """Looks up the current catalog lazily: prices by litellm id, models new since a build."""

    def __init__(self, db_path: str | Path | None, old_build: str | None) -> None:
        self.db_path = db_path
        self.old_build = old_build
        self._prices: dict[str, tuple[float | None, float | None]] | None = None
        self._added: set[str] | None = None

    def _con(self) -> duckdb.DuckDBPyConnection:
        from llmhub.catalog.reader import open_catalog

        return open_catalog(self.db_path)

    def prices(self, litellm_id: str) -> tuple[float | None, float | None] | None:
        if self._prices is None:
            con = self._con()
            try:
                rows = con.execute(
                    "select litellm_model, price_input_per_million, price_output_per_million"
                    " from models where litellm_model is not null"
                ).fetchall()
            finally:
                con.close()
            self._prices = {str(r[0]): (r[1], r[2]) for r in rows}
        return self._prices.get(litellm_id)

    def added(self) -> set[str]:
        """litellm ids of models that the build named in the file's header did not have."""
        if self._added is None:
            self._added = set()
            if self.old_build and self.old_build != "unversioned":
                import duckdb

                from llmhub.catalog.diff import diff_builds
                from llmhub.errors import InputError

                con = self._con()
                try:
                    diff = diff_builds(con, self.old_build)
                    if diff.added:
                        rows = con.execute(
                            "select litellm_model from models where canonical_id in"
                            " (select unnest(?::varchar[])) and litellm_model is not null",
                            [diff.added],
                        ).fetchall()
                        self._added = {str(r[0]) for r in rows}
                except (duckdb.Error, InputError):
                    pass  # no history, or the old build left it: no "new model" cause
                finally:
                    con.close()
        return self._added
