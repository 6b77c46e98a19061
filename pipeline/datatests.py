"""Run the data tests: the singular ones of ``sql/tests/`` and those the contracts generate.

Each query returns the rows that break its rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from llmhub.sqlquote import quote_literal

from .contracts import contract_tests
from .loader import one_thread
from .sqlfiles import test_files

if TYPE_CHECKING:
    import duckdb

    from .sqlfiles import SqlFile

__all__ = ["SAMPLE_ROWS", "DataTestFailure", "run_data_tests"]

SAMPLE_ROWS = 5


@dataclass(frozen=True)
class DataTestFailure:
    """A data test that returned rows: its name, how many rows, and the first few."""

    name: str
    row_count: int
    sample_rows: list[dict[str, Any]]

    def __str__(self) -> str:
        return (
            f"data test {self.name}: {self.row_count} offending row(s), e.g. {self.sample_rows[:2]}"
        )


def run_data_tests(con: duckdb.DuckDBPyConnection) -> list[DataTestFailure]:
    """Run every ``sql/tests/*.sql`` and every contract's tests (``sql/<layer>/_contracts.yml``)
    against ``con``; an empty list means every test passed."""
    failures: list[DataTestFailure] = []
    with one_thread(con):
        _run(con, failures)
    return failures


def _run(con: duckdb.DuckDBPyConnection, failures: list[DataTestFailure]) -> None:
    import duckdb  # the caller's connection is a DuckDB one: this costs nothing more

    tests, contracts = test_files(), contract_tests()
    # One query counts the offending rows of every test: one statement instead of 46 saves
    # their parsing, binding and round trips. Only a test that found rows runs again on its
    # own, for the count per rule and the sample rows.
    try:
        counts = dict(
            con.execute(
                "\nunion all\n".join(
                    f"select {quote_literal(f'{test.layer}/{test.name}')}, count(*) from ({test.sql})"
                    for test in (*tests, *contracts)
                )
            ).fetchall()
        )
    except duckdb.Error:
        _name_the_broken_test(con, (*tests, *contracts))
        raise
    for test in tests:
        if not counts[f"{test.layer}/{test.name}"]:
            continue
        # One execution per test: the window count rides along with the first rows.
        cursor = con.execute(
            f"select *, count(*) over () as _llmhub_rows from ({test.sql}) limit {SAMPLE_ROWS}"
        )
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        count = rows[0][-1]
        sample = [dict(zip(columns[:-1], row[:-1], strict=True)) for row in rows]
        failures.append(DataTestFailure(test.name, count, sample))
    for contract in contracts:
        if not counts[f"{contract.layer}/{contract.name}"]:
            continue
        # One query per relation; each rule it breaks is a failure of its own.
        rows = con.execute(
            f"select rule, offending, count(*) over (partition by rule) from ({contract.sql}) "
            f"qualify row_number() over (partition by rule) <= {SAMPLE_ROWS} order by rule"
        ).fetchall()
        by_rule: dict[str, list[Any]] = {}
        for rule, offending, count in rows:
            by_rule.setdefault(rule, [count]).append(offending)
        failures.extend(DataTestFailure(r, c, sample) for r, (c, *sample) in by_rule.items())


def _name_the_broken_test(con: duckdb.DuckDBPyConnection, tests: tuple[SqlFile, ...]) -> None:
    """The union of every test failed to run: find the test whose SQL does not run (a bundled
    file's mistake, or a catalog that lacks a column it reads) and raise its error under its
    name; return when each runs on its own (the caller re-raises the union's error)."""
    import duckdb

    for test in tests:
        try:
            con.execute(f"select count(*) from ({test.sql})").fetchall()
        except duckdb.Error as exc:
            raise type(exc)(f"data test {test.layer}/{test.name} does not run: {exc}") from exc
