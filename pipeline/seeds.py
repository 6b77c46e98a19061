"""Load the curated seed tables of ``data/seeds/`` (CSV, reviewed like code) into ``seeds.*``.

Each seed declares its columns and key here; a seed file that lacks a column, repeats a key or
holds a value of the wrong type stops the build with the file, line and fix.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from llmhub.errors import DataQualityError
from llmhub.paths import resource
from llmhub.sqlquote import quote_identifier

from .frames import create_table_from_frame

if TYPE_CHECKING:
    import duckdb

__all__ = ["SEEDS", "Seed", "load_seeds", "parse_seed", "read_seed"]


@dataclass(frozen=True)
class Seed:
    """A seed file: its table name, typed columns and key columns."""

    name: str
    columns: dict[str, pl.DataType]
    key: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"data/seeds/{self.name}.csv"


SEEDS = (
    Seed(
        "arena_aliases",
        {
            "arena_name": pl.String(),
            "provider": pl.String(),
            "model_id": pl.String(),
            "kind": pl.String(),
            "scope": pl.String(),
            "note": pl.String(),
        },
        ("arena_name", "provider", "model_id"),
    ),
    Seed(
        "lab_providers",
        {"creator_slug": pl.String(), "provider": pl.String(), "note": pl.String()},
        ("creator_slug",),
    ),
    Seed(
        "provider_map",
        {"provider": pl.String(), "litellm_provider": pl.String(), "note": pl.String()},
        ("provider",),
    ),
    Seed(
        "quality_aliases",
        {
            "source": pl.String(),
            "source_name": pl.String(),
            "provider": pl.String(),
            "model_id": pl.String(),
            "kind": pl.String(),
            "scope": pl.String(),
            "note": pl.String(),
        },
        ("source", "source_name", "provider", "model_id"),
    ),
    Seed("settings", {"name": pl.String(), "value": pl.Float64(), "note": pl.String()}, ("name",)),
    # Host order: lab (the model's own lab API), cloud (bedrock, vertex, azure), free (free
    # tiers, trials, plans, local: no per-token price); any provider not listed is "other".
    # region: the one region a regional endpoint serves ('china'), '' for a global API: of two
    # hosts of one class, the global one comes first. partner_lab: the lab whose models a
    # cloud is the usual home of (Azure for OpenAI's); of two clouds at one price, it comes
    # first for that lab's models.
    Seed(
        "hosts",
        {
            "provider": pl.String(),
            "host_class": pl.String(),
            "region": pl.String(),
            "partner_lab": pl.String(),
            "note": pl.String(),
        },
        ("provider",),
    ),
    # Which lab makes a model: a regex on the model's base id (host and vendor prefixes removed).
    Seed(
        "model_labs",
        {"pattern": pl.String(), "lab": pl.String(), "note": pl.String()},
        ("pattern",),
    ),
    # The reasoning configuration a lab's API uses when a call sets no effort: a regex on the
    # model id, the lowest priority winning; default_variant is an Artificial Analysis variant
    # ('|' between equivalent spellings). int_models__speed takes the speed measured there.
    Seed(
        "default_efforts",
        {
            "provider": pl.String(),
            "pattern": pl.String(),
            "priority": pl.Int64(),
            "default_variant": pl.String(),
            "source": pl.String(),
            "note": pl.String(),
        },
        ("provider", "pattern"),
    ),
    # litellm providers that call a lab's subscription plan rather than its API (chatgpt: the
    # ChatGPT plans of openai). int_models__litellm_matched: a lab listing litellm knows only
    # under its plan provider is not callable under the lab's API prefix.
    Seed(
        "plan_providers",
        {"litellm_provider": pl.String(), "provider": pl.String(), "note": pl.String()},
        ("litellm_provider",),
    ),
    # The cost-map providers under which litellm lists a major cloud's models, and the cloud
    # (a models.dev provider of host class 'cloud') each becomes a listing of:
    # int_models__litellm_matched lists the models there that models.dev does not have yet.
    Seed(
        "cloud_cost_map",
        {"litellm_provider": pl.String(), "provider": pl.String(), "note": pl.String()},
        ("litellm_provider",),
    ),
    Seed(
        "source_info",
        {
            "source": pl.String(),
            "license": pl.String(),
            "attribution": pl.String(),
            "homepage": pl.String(),
            "note": pl.String(),
        },
        ("source",),
    ),
)
HOST_CLASSES = ("lab", "cloud", "free")
HOST_REGIONS = ("china",)
QUALITY_ALIAS_SOURCES = ("artificial_analysis", "livebench")
QUALITY_ALIAS_KINDS = ("same", "not")
ALIAS_KINDS = ("same", "variant", "not", "none")
ALIAS_SCOPES = ("hosts", "provider", "")


def _fail(seed: Seed, message: str, fix: str, line: int | None = None) -> DataQualityError:
    where = f"{seed.path}:{line}" if line is not None else seed.path
    return DataQualityError(f"{where}: {message}", source="seeds", field=seed.name, fix=fix)


def read_seed(seed: Seed) -> pl.DataFrame:
    """Read and check one bundled seed file; raise DataQualityError naming the file and line."""
    return parse_seed(seed, resource("data", "seeds", f"{seed.name}.csv").read_bytes())


# C901 waived: one check per rule of the seed format, each with its own message, in file order.
def parse_seed(seed: Seed, raw: bytes) -> pl.DataFrame:  # noqa: C901
    """Check the CSV bytes of a seed; raise DataQualityError naming the file and line."""
    frame = pl.read_csv(io.BytesIO(raw), infer_schema=False)
    missing = [c for c in seed.columns if c not in frame.columns]
    if missing:
        raise _fail(seed, f"missing column(s) {', '.join(missing)}", "add them to the header row")
    # An empty CSV field reads as null; seeds mean "" there (e.g. no litellm prefix).
    frame = frame.select(pl.col(list(seed.columns)).fill_null(""))
    for name, dtype in seed.columns.items():
        if dtype == pl.String:
            continue
        cast = frame[name].cast(dtype, strict=False)
        bad = cast.is_null().arg_true()
        if bad.len():
            row = bad[0]
            raise _fail(
                seed, f"{name}: {frame[name][row]!r} is not a number", "fix the value", row + 2
            )
        frame = frame.with_columns(cast)
    duplicated = frame.select(pl.struct(list(seed.key)).is_duplicated()).to_series().arg_true()
    if duplicated.len():
        row = duplicated[-1]
        key = ", ".join(f"{k}={frame[k][row]!r}" for k in seed.key)
        raise _fail(seed, f"duplicate key {key}", "keep one row per key", row + 2)
    if seed.name == "hosts":
        wrong = (~frame["host_class"].is_in(HOST_CLASSES)).arg_true()
        if wrong.len():
            row = wrong[0]
            raise _fail(
                seed,
                f"host_class: {frame['host_class'][row]!r} is not one of {', '.join(HOST_CLASSES)}",
                "use 'lab', 'cloud' or 'free' (leave a provider out to class it as other)",
                row + 2,
            )
        wrong = (~frame["region"].is_in(["", *HOST_REGIONS])).arg_true()
        if wrong.len():
            row = wrong[0]
            raise _fail(
                seed,
                f"region: {frame['region'][row]!r} is not one of {', '.join(HOST_REGIONS)}",
                "use 'china', or leave it empty for a global API",
                row + 2,
            )
        wrong = ((frame["partner_lab"] != "") & (frame["host_class"] != "cloud")).arg_true()
        if wrong.len():
            row = wrong[0]
            raise _fail(
                seed,
                f"partner_lab: {frame['partner_lab'][row]!r} is set on a host that is not a cloud",
                "set partner_lab on a 'cloud' row only, or leave it empty",
                row + 2,
            )
    if seed.name == "arena_aliases":
        wrong = (~frame["kind"].is_in(ALIAS_KINDS)).arg_true()
        if wrong.len():
            row = wrong[0]
            raise _fail(
                seed,
                f"kind: {frame['kind'][row]!r} is not one of {', '.join(ALIAS_KINDS)}",
                "use 'same', 'variant', 'not' or 'none'",
                row + 2,
            )
        named = (frame["provider"] != "") & (frame["model_id"] != "")
        inconsistent = (named != (frame["kind"] != "none")).arg_true()
        if inconsistent.len():
            row = inconsistent[0]
            raise _fail(
                seed,
                f"{frame['arena_name'][row]!r}: kind {frame['kind'][row]!r} does not fit"
                " the provider and model_id given",
                "kinds 'same', 'variant' and 'not' name a provider and model_id;"
                " 'none' leaves both empty",
                row + 2,
            )
        wrong = (~frame["scope"].is_in(ALIAS_SCOPES)).arg_true()
        if wrong.len():
            row = wrong[0]
            raise _fail(
                seed,
                f"scope: {frame['scope'][row]!r} is not 'hosts' or 'provider'",
                "use 'hosts' (every host of the same model id) or 'provider' (this one only)",
                row + 2,
            )
    if seed.name == "quality_aliases":
        _check_quality_aliases(seed, frame)
    return frame


def _check_quality_aliases(seed: Seed, frame: pl.DataFrame) -> None:
    checks = (
        ("source", QUALITY_ALIAS_SOURCES, "name the source the alias is for"),
        ("kind", QUALITY_ALIAS_KINDS, "use 'same' (the names are one model) or 'not' (never)"),
        ("scope", ALIAS_SCOPES[:2], "use 'hosts' (every host of the model) or 'provider'"),
    )
    for column, accepted, fix in checks:
        wrong = (~frame[column].is_in(accepted)).arg_true()
        if wrong.len():
            row = wrong[0]
            raise _fail(
                seed,
                f"{column}: {frame[column][row]!r} is not one of {', '.join(accepted)}",
                fix,
                row + 2,
            )
    unnamed = ((frame["provider"] == "") | (frame["model_id"] == "")).arg_true()
    if unnamed.len():
        raise _fail(seed, "provider and model_id are required", "name the listing", unnamed[0] + 2)


def load_seeds(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Create ``seeds.<name>`` for every seed; return the row count of each."""
    con.execute("create schema if not exists seeds")
    counts: dict[str, int] = {}
    for seed in SEEDS:
        frame = read_seed(seed)
        create_table_from_frame(con, quote_identifier("seeds", seed.name), frame)
        counts[seed.name] = frame.height
    return counts
