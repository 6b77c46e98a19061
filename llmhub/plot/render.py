"""Draw ``RolePlot``s and the catalog-wide chart with matplotlib, to SVG, PNG or one HTML file.

matplotlib renders offline with no browser and no JavaScript, and its SVG keeps text as text
(``svg.fonttype = none``), so the HTML page is the SVG inlined in a plain page: one file that
opens with no network. It is imported here, on the plot path only.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from llmhub.errors import InputError
from llmhub.plot.data import CatalogPoint, RolePlot, pareto_front
from llmhub.text import shorten

__all__ = ["FORMATS", "render_catalog", "render_roles"]

FORMATS = ("svg", "png", "html")
# A free model has no place on a log axis: it is drawn at this price, on a tick labelled "free".
_FREE_AT = 0.01
_PRICE_TITLE = "price, USD per 1M tokens (blended 3:1 input:output, log scale)"
_QUALITY_TITLE = "task quality for this role (LMArena, 0 = weakest, 1 = best)"


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise InputError(
            "llmhub plot needs matplotlib, which is not installed",
            field="plot",
            fix="pip install 'llmhub[plot]' (or pip install matplotlib)",
        ) from None
    matplotlib.use("Agg")  # files only: never open a window
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, selectable
    matplotlib.rcParams["svg.hashsalt"] = "llmhub"  # the same chart gives the same bytes
    import matplotlib.pyplot as plt

    return plt


def _x(price: float) -> float:
    return max(price, _FREE_AT)


def _draw_role(ax: Any, plot: RolePlot) -> None:
    known = [p for p in plot.points if p.price is not None and p.quality is not None]
    by_label = {p.label: p for p in known}
    others = [p for p in known if p.label not in {plot.pick, *plot.fallbacks}]
    ax.scatter(
        [_x(p.price or 0) for p in others],
        [p.quality for p in others],
        s=18,
        color="#9aa5b1",
        label="feasible candidate",
        zorder=2,
    )
    front = sorted(
        (by_label[label] for label in plot.frontier if label in by_label),
        key=lambda p: p.price or 0,
    )
    if front:
        ax.plot(
            [_x(p.price or 0) for p in front],
            [p.quality for p in front],
            color="#2b8a3e",
            linewidth=1.2,
            drawstyle="steps-post",
            label="Pareto frontier",
            zorder=1,
        )
    fallbacks = [by_label[f] for f in plot.fallbacks if f in by_label]
    if fallbacks:
        ax.scatter(
            [_x(p.price or 0) for p in fallbacks],
            [p.quality for p in fallbacks],
            s=60,
            marker="D",
            color="#f08c00",
            label="fallback",
            zorder=3,
        )
    pick = by_label.get(plot.pick or "")
    if pick is not None:
        ax.scatter(
            [_x(pick.price or 0)],
            [pick.quality],
            s=160,
            marker="*",
            color="#c92a2a",
            label="pick",
            zorder=4,
        )
    labelled = [(pick, "pick"), *((p, "fallback") for p in fallbacks)]
    labelled += [(by_label[r], "runner-up") for r in plot.runners_up if r in by_label]
    for point, what in labelled:
        if point is None:
            continue
        ax.annotate(
            f"{point.label} ({what})",
            (_x(point.price or 0), point.quality or 0),
            textcoords="offset points",
            xytext=(6, 4),
            fontsize=8,
        )
    ax.set_xscale("log")
    ax.set_xlabel(_PRICE_TITLE)
    ax.set_ylabel(
        _QUALITY_TITLE if plot.quality_counts else "task quality (not scored for this kind)"
    )
    _free_tick(ax, [p.price for p in known])
    title = f"{plot.role} ({plot.kind}): {len(plot.points)} feasible candidates"
    if plot.relaxed:
        title += " (after relaxing: " + "; ".join(plot.relaxed) + ")"
    ax.set_title(title, fontsize=10, loc="left")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)


def _free_tick(ax: Any, prices: Sequence[float | None]) -> None:
    if any(p is not None and p <= _FREE_AT for p in prices):
        ax.axvline(_FREE_AT, color="#ced4da", linewidth=0.8, linestyle=":")
        ax.text(_FREE_AT, 1.02, "free", transform=ax.get_xaxis_transform(), fontsize=8)


def _draw_unknown(ax: Any, plot: RolePlot) -> None:
    """The candidates without a price or quality: a list beside the chart, never on its axes."""
    ax.axis("off")
    unknown = plot.unknown
    lines = [f"quality or price unknown ({len(unknown)}):"]
    lines += [
        f"{'★ ' if p.label == plot.pick else ''}{p.label}"
        + (f"  ${p.price:g}/1M" if p.price is not None else "")
        for p in sorted(unknown, key=lambda p: p.rank)[:25]
    ]
    if len(unknown) > 25:
        lines.append(f"... and {len(unknown) - 25} more")
    ax.text(0, 1, "\n".join(lines), va="top", fontsize=7, family="monospace")


def render_roles(plots: Sequence[RolePlot], out: str | Path) -> Path:
    """Write one chart per role (stacked) to ``out``; the extension picks the format."""
    plt = _pyplot()
    fmt = _format(out)
    fig, axes = plt.subplots(
        len(plots),
        2,
        figsize=(13, 6 * len(plots)),
        gridspec_kw={"width_ratios": [3, 1]},
        squeeze=False,
    )
    for row, plot in zip(axes, plots, strict=True):
        _draw_role(row[0], plot)
        _draw_unknown(row[1], plot)
    fig.tight_layout()
    title = "llmhub: price vs quality, " + ", ".join(p.role for p in plots)
    return _save(plt, fig, out, fmt, title, _role_table(plots))


def render_catalog(points: Sequence[CatalogPoint], out: str | Path) -> Path:
    """Every callable model's price against its arena quality, one panel per mode."""
    plt = _pyplot()
    fmt = _format(out)
    modes = sorted({p.mode for p in points if p.price is not None and p.quality is not None})
    modes = modes or ["chat"]
    fig, axes = plt.subplots(len(modes), 1, figsize=(13, 7 * len(modes)), squeeze=False)
    for (ax,), mode in zip(axes, modes, strict=True):
        known = [
            p for p in points if p.mode == mode and p.price is not None and p.quality is not None
        ]
        providers = sorted(
            {p.provider for p in known}, key=lambda n: -sum(p.provider == n for p in known)
        )
        cmap = plt.get_cmap("tab20")
        for i, name in enumerate(providers[:19]):
            mine = [p for p in known if p.provider == name]
            ax.scatter([_x(p.price or 0) for p in mine], [p.quality for p in mine], s=14,
                       color=cmap(i), label=name)  # fmt: skip
        rest = [p for p in known if p.provider not in providers[:19]]
        if rest:
            ax.scatter([_x(p.price or 0) for p in rest], [p.quality for p in rest], s=10,
                       color="#ced4da", label="other providers")  # fmt: skip
        from llmhub.plot.data import Point

        as_points = [Point(p.label, p.provider, p.price, p.quality, 0.0, 0) for p in known]
        front = {label for label in pareto_front(as_points)}
        line = sorted((p for p in known if p.label in front), key=lambda p: p.price or 0)
        ax.plot([_x(p.price or 0) for p in line], [p.quality for p in line], color="#2b8a3e",
                drawstyle="steps-post", label="Pareto frontier")  # fmt: skip
        for p in line:
            ax.annotate(p.label, (_x(p.price or 0), p.quality or 0), textcoords="offset points",
                        xytext=(5, 3), fontsize=7)  # fmt: skip
        ax.set_xscale("log")
        ax.set_xlabel(_PRICE_TITLE)
        ax.set_ylabel("arena quality across the catalog (0 = weakest, 1 = best)")
        ax.set_title(
            f"mode {mode}: {len(known)} callable models with a price and a score", loc="left"
        )
        ax.grid(True, alpha=0.3)
        ax.legend(loc="lower right", fontsize=7, ncol=2)
    fig.tight_layout()
    return _save(plt, fig, out, fmt, "llmhub: the catalog, price vs quality", "")


def _format(out: str | Path) -> str:
    suffix = Path(out).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InputError(
            f"cannot tell the format from {shorten(Path(out).name)!r}",
            path=Path(out),
            field="--out",
            fix="end the file name in .svg, .png or .html",
        )
    return suffix


def _save(plt: Any, fig: Any, out: str | Path, fmt: str, title: str, table: str) -> Path:
    from llmhub.fsutil import atomic_write_bytes

    path = Path(out)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png" if fmt == "png" else "svg", dpi=110)
    plt.close(fig)
    data = buffer.getvalue()
    if fmt == "html":
        svg = data.decode("utf-8")
        svg = svg[svg.index("<svg") :]  # drop the XML prolog and DOCTYPE: inline SVG
        data = _page(title, svg, table).encode("utf-8")
    atomic_write_bytes(path, data)
    return path


def _role_table(plots: Sequence[RolePlot]) -> str:
    rows = [
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            html.escape(plot.role),
            html.escape(plot.pick or "-"),
            html.escape(", ".join(plot.fallbacks) or "-"),
            html.escape(", ".join(plot.runners_up) or "-"),
        )
        for plot in plots
    ]
    return (
        "<table><tr><th>role</th><th>pick</th><th>fallbacks</th><th>close runners-up</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _page(title: str, svg: str, table: str) -> str:
    # Everything inline: no script, no font, no stylesheet from anywhere. Opens offline.
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5rem; color: #212529; background: #fff; }}
svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; margin-bottom: 1rem; }}
td, th {{ border: 1px solid #dee2e6; padding: 0.25rem 0.5rem; text-align: left; }}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
{table}
{svg}
</body>
</html>
"""
