"""Every relation of sql/ keeps its contract (sql/<layer>/_contracts.yml) in a real catalog.

One generic test per relation: its key is unique and not null, its not-null columns hold a
value, its columns take only accepted values, every row meets its invariants, and its leading
columns have the stated types. The same rules run at every refresh (run_data_tests); the
planted-violation tests show they catch what they claim to.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from llmhub.errors import InputError
from llmhub.pipeline.contracts import Contract, contracts, parse_contracts
from llmhub.pipeline.datatests import run_data_tests
from llmhub.pipeline.sqlfiles import sql_files

CONTRACTS = {c.relation: c for c in contracts()}


def test_every_relation_has_one_contract_in_its_own_layer() -> None:
    relations = {(f.name, f.layer) for f in sql_files()}
    contracted = [(c.relation, c.layer) for c in contracts()]
    assert len(contracted) == len(set(contracted)), "a relation has two contracts"
    assert set(contracted) == relations


@pytest.mark.parametrize("relation", sorted(CONTRACTS))
def test_the_built_catalog_keeps_the_contract(con, relation: str) -> None:
    contract = CONTRACTS[relation]
    broken = {
        rule: con.execute(f"with rel as (select * from {relation}) {query} limit 3").fetchall()
        for rule, query in contract.rules().items()
    }
    assert not {rule: rows for rule, rows in broken.items() if rows}
    rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
    assert rows > 0, f"{relation} is empty: its contract was checked on nothing"
    if contract.columns:
        actual = dict(
            con.execute(
                "select column_name, data_type from information_schema.columns where "
                "table_schema = 'main' and table_name = ? order by ordinal_position",
                [relation],
            ).fetchall()
        )
        assert list(actual.items())[: len(contract.columns)] == list(contract.columns.items())


def test_every_mart_states_its_columns_and_every_relation_its_grain() -> None:
    marts = {f.name for f in sql_files() if f.layer == "marts"}
    assert {r for r in marts if CONTRACTS[r].columns} == marts - {"builds"}
    assert all(c.grain.startswith("one row per") for c in contracts())


def test_planted_violations_fail_the_data_tests_by_rule(catalog_copy: Path) -> None:
    with duckdb.connect(str(catalog_copy)) as con:
        # a duplicated key in an intermediate table, a NULL, an unknown value, a broken invariant
        con.execute(
            "insert into int_quality__calibration select * from int_quality__calibration limit 1"
        )
        con.execute("update providers set model_count = null where provider = 'openai'")
        con.execute("update models set mode = 'telepathy' where canonical_id = 'openai/gpt-4o'")
        con.execute(
            "update models set price_input_per_million = -1 "
            "where canonical_id = 'anthropic/claude-sonnet-4-5'"
        )
        found = {f.name: f for f in run_data_tests(con)}
    assert found["int_quality__calibration__key"].row_count == 1
    assert found["providers__not_null"].sample_rows == [{"provider": "openai"}]
    assert found["models__accepted_values_mode"].sample_rows == [{"canonical_id": "openai/gpt-4o"}]
    assert found["models__prices_not_negative"].sample_rows == [
        {"canonical_id": "anthropic/claude-sonnet-4-5"}
    ]
    assert set(found) == {
        "int_quality__calibration__key",
        "providers__not_null",
        "models__accepted_values_mode",
        "models__prices_not_negative",
    }


def test_a_key_with_a_null_breaks_the_key_rule() -> None:
    con = duckdb.connect()
    con.execute("create table t as select * from (values (1, 'a'), (null, 'b')) as v(id, x)")
    contract = Contract("t", "marts", "one row per id", ("id",))
    rows = con.execute(contract.test().sql).fetchall()
    assert rows == [("t__key", {"id": None})]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("  grain: one row per x\n  key: [id]\n  unique: [id]", "5: t.unique: unknown field"),
        ("  grain: one row per x", "t.key: expected a list of column names"),
        ("  grain: one row per x\n  key: []", "4: t.key: every relation names its key"),
        ("  key: [id]", "t.grain: every relation states its grain"),
        (
            "  grain: one row per x\n  key: [id]\n  accepted_values: {a: b}",
            "5: t.accepted_values: expected column: [values]",
        ),
    ],
)
def test_a_malformed_contract_is_one_line_naming_file_line_and_field(
    entry: str, expected: str
) -> None:
    raw = f"# contracts\nt:\n{entry}\n".encode()
    with pytest.raises(InputError) as caught:
        parse_contracts(raw, "sql/marts/_contracts.yml", "marts")
    text = str(caught.value)
    assert text.startswith("sql/marts/_contracts.yml:") and expected in text, text
    assert "\n" not in text
