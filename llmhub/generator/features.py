"""What a catalog has that the selection query can use (``catalog_features``).

A catalog built by an older llmhub lacks some columns or the selection marts; the selection
template (``sql/selection/select_models.sql.j2``) then computes what is missing from what the
catalog has. One query per connection tells which.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

__all__ = ["KEY_COLUMNS", "SELECTION_MARTS", "CatalogFeatures", "catalog_features"]

# The marts that hold the role-independent half of selection (sql/marts/selection_*.sql).
SELECTION_MARTS = ("selection_candidates", "selection_group_quality", "selection_task_quality")
# The integer keys selection_candidates carries for the selection query (computed there when
# a catalog's mart lacks any of them).
KEY_COLUMNS = (
    "model_key",
    "group_key",
    "has_other_hosts",
    "provider_group",
    "litellm_group",
    "host_order",
)


@dataclass(frozen=True)
class CatalogFeatures:
    """What this catalog has that the selection query can use.

    A catalog built before the selection marts (or before the host, quality or speed columns
    of `models`) still works: the template then computes what is missing from what it has.
    """

    hosts: bool = True
    quality: bool = True
    speed: bool = True
    effort_speed: bool = True
    marts: bool = True
    keys: bool = True
    lines: bool = True
    unit_prices: bool = True
    regions: bool = True
    lineage_speed: bool = True
    lineage_from: bool = True
    free_resellers: bool = True
    deprecation_dates: bool = True


def catalog_features(con: duckdb.DuckDBPyConnection) -> CatalogFeatures:
    """Checked once per connection; a catalog with the selection marts needs one query."""
    tables = {
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() "
            "where database_name = current_database() and schema_name = 'main'"
        ).fetchall()
    }
    if tables.issuperset(SELECTION_MARTS):
        marts = {
            d[0] for d in con.execute("select * from selection_candidates limit 0").description
        }
        if "quality_effort_basis" in marts:
            return CatalogFeatures(
                keys=marts.issuperset(KEY_COLUMNS),
                lines="line_rank" in marts,
                unit_prices="unit_price" in marts,
                regions="host_region" in marts,
                lineage_speed="lineage_ttft_seconds" in marts,
                lineage_from="lineage_speed_from" in marts,
                free_resellers="is_reseller_only_with_free" in marts,
                deprecation_dates="deprecation_date" in marts,
            )
    names = {d[0] for d in con.execute("select * from models limit 0").description}
    return CatalogFeatures(
        hosts="host_class" in names,
        quality={"quality_overall", "quality_vision", "quality_agentic"} <= names,
        speed={"ttft_seconds", "output_tokens_per_second"} <= names,
        effort_speed="quality_effort_basis" in names,
        marts=False,
        lines="line_rank" in names,
        unit_prices={"price_per_audio_minute", "price_per_image"} <= names,
        regions="host_region" in names,
        deprecation_dates="deprecation_date" in names,
    )
