"""The contracts of ``sql/<layer>/_contracts.yml``, and the data tests they generate.

Each relation of ``sql/`` has one entry in its layer's file (dbt style): its grain, its key,
its other never-null columns, the accepted values of some columns, and row invariants. Every
rule becomes a data test that returns the rows breaking it, run at every refresh with the
singular tests of ``sql/tests/`` (``run_data_tests``): a catalog that breaks its contract is
not published.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from llmhub.errors import InputError
from llmhub.paths import resource
from llmhub.sqlquote import quote_identifier, quote_literal
from llmhub.yamlio import YamlDocument, parse_yaml

from .sqlfiles import LAYERS, SqlFile

__all__ = ["CONTRACT_FILE", "Contract", "contract_tests", "contracts", "parse_contracts"]

CONTRACT_FILE = "_contracts.yml"
_FIELDS = ("grain", "key", "not_null", "accepted_values", "invariants", "columns")


@dataclass(frozen=True)
class Contract:
    """What every row of one relation promises."""

    relation: str
    layer: str
    grain: str
    key: tuple[str, ...]
    not_null: tuple[str, ...] = ()
    accepted_values: Mapping[str, tuple[str | int | float, ...]] = field(default_factory=dict)
    invariants: Mapping[str, str] = field(default_factory=dict)
    # The leading columns and their DuckDB types: a property of the SQL, checked by the tests.
    columns: Mapping[str, str] = field(default_factory=dict)

    def _shown(self) -> str:
        """The key of a row as a struct (a dict in Python): how an offending row is shown."""
        pairs = ", ".join(f"{quote_literal(c)}: {quote_identifier(c)}" for c in self.key)
        return "{" + pairs + "} as offending"

    def _key_query(self) -> str:
        # Grouping by the key columns themselves, not by the struct shown, halves the check
        # on the largest marts (40,266 rows of model_scores: 11.6 -> 7.6 ms of CPU).
        keys = ", ".join(quote_identifier(c) for c in self.key)
        nulls = " or ".join(f"{quote_identifier(c)} is null" for c in self.key)
        return (
            f"select {self._shown()} from "
            f"(select {keys} from rel group by all having count(*) > 1 or {nulls})"
        )

    def row_rules(self) -> dict[str, str]:
        """Rule name -> an SQL condition that is true for a row that breaks it (every rule but
        the key, which needs the whole relation)."""
        found: dict[str, str] = {}
        if self.not_null:
            found["not_null"] = " or ".join(f"{quote_identifier(c)} is null" for c in self.not_null)
        for column, values in self.accepted_values.items():
            allowed = ", ".join(_literal(v) for v in values)
            found[f"accepted_values_{column}"] = f"{quote_identifier(column)} not in ({allowed})"
        for rule, condition in self.invariants.items():
            found[rule] = f"not ({condition})"
        return found

    def rules(self) -> dict[str, str]:
        """Rule name -> a query over ``rel`` (the relation) returning the key of each row that
        breaks it."""
        found = {"key": self._key_query()}
        for rule, broken in self.row_rules().items():
            found[rule] = f"select {self._shown()} from rel where {broken}"
        return found

    def test(self) -> SqlFile:
        """One query for every rule: ``(rule, offending)`` per row that breaks one, where
        ``rule`` is ``<relation>__<rule>``. The row rules share one scan of the relation."""
        relation = quote_identifier(self.relation)
        # Not materialized: a materialized ``rel`` copies every column of every row, where the
        # two scans of a table (or a view's two evaluations) read only the columns they need.
        sql = (
            f"with rel as not materialized (select * from {relation})\n"
            f"select {quote_literal(f'{self.relation}__key')} as rule, offending "
            f"from ({self._key_query()})"
        )
        row_rules = self.row_rules()
        if row_rules:
            cases = ", ".join(
                f"case when {broken} then {quote_literal(f'{self.relation}__{rule}')} end"
                for rule, broken in row_rules.items()
            )
            sql += (
                "\nunion all\nselect rule, offending from ("
                f"select {self._shown()}, unnest([{cases}]) as rule from rel"
                ") where rule is not null"
            )
        return SqlFile(self.relation, "contracts", sql)


def _literal(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"an accepted value must be a string or a number, not {value!r}")
    return quote_literal(value) if isinstance(value, str) else repr(value)


@cache
def contracts() -> tuple[Contract, ...]:
    """Every contract of ``sql/``, layer by layer, in file order.

    Raises:
        InputError: a contract file is malformed (one line naming the file, line and field).
    """
    found: list[Contract] = []
    for layer in LAYERS:
        raw = resource("sql", layer, CONTRACT_FILE).read_bytes()
        found.extend(parse_contracts(raw, f"sql/{layer}/{CONTRACT_FILE}", layer))
    return tuple(found)


def parse_contracts(raw: bytes, shown: str, layer: str) -> list[Contract]:
    """The contracts in one file's bytes (``shown`` names the file in errors)."""
    doc = parse_yaml(raw, shown)
    if not isinstance(doc.data, dict):
        raise InputError("expected a mapping of relation names", path=shown)
    return [_contract(doc, layer, relation, entry) for relation, entry in doc.data.items()]


def _contract(doc: YamlDocument, layer: str, relation: str, entry: Any) -> Contract:
    def fail(where: str, problem: str) -> InputError:
        line, _ = doc.where((relation, where) if where else (relation,))
        return InputError(
            problem,
            path=doc.path,
            line=line,
            field=f"{relation}.{where}" if where else relation,
            fix=f"see the field list at the top of {doc.path}",
        )

    if not isinstance(entry, dict):
        raise fail("", "expected a mapping of contract fields")
    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise fail(unknown[0], f"unknown field; the fields are {', '.join(_FIELDS)}")
    if not isinstance(entry.get("grain"), str) or not entry["grain"].strip():
        raise fail("grain", "every relation states its grain ('one row per ...')")
    key = _names(entry.get("key"), lambda p: fail("key", p))
    if not key:
        raise fail("key", "every relation names its key (a list of columns)")
    accepted = entry.get("accepted_values") or {}
    invariants = entry.get("invariants") or {}
    if not isinstance(accepted, dict) or not all(isinstance(v, list) for v in accepted.values()):
        raise fail("accepted_values", "expected column: [values]")
    if not isinstance(invariants, dict) or not all(isinstance(v, str) for v in invariants.values()):
        raise fail("invariants", "expected name: SQL condition")
    columns = entry.get("columns") or {}
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise fail("columns", "expected column: DuckDB type")
    return Contract(
        relation,
        layer,
        entry["grain"].strip(),
        key,
        _names(entry.get("not_null") or [], lambda p: fail("not_null", p)),
        {column: tuple(values) for column, values in accepted.items()},
        {name: " ".join(text.split()) for name, text in invariants.items()},
        dict(columns),
    )


def _names(value: Any, fail: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail("expected a list of column names")
    return tuple(value)


@cache
def contract_tests() -> tuple[SqlFile, ...]:
    """One query per contract of ``sql/`` (see ``Contract.test``)."""
    return tuple(contract.test() for contract in contracts())
