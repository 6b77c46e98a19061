"""Rendering for ``llmhub catalog``: refresh progress and summaries, diffs, model listings."""

from __future__ import annotations

from typing import Any

from llmhub.cli._output import console, print_json, print_table

__all__ = ["RefreshDisplay", "cell", "render_diff", "render_models", "render_refresh"]

_MARKS = {
    "done": "[green]✓[/green]",
    "warn": "[yellow]![/yellow]",
    "fail": "[red]✗[/red]",
    "skip": "-",
}


class RefreshDisplay:
    """A live spinner per stage on a terminal; one line per finished stage otherwise (stderr)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.console = console(stderr=True)
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}
        # Notes already shown, so the summary does not repeat them.
        self.shown: set[str] = set()
        # The latest event of each source's fetch, printed when the fetches are done.
        self._pending: dict[str, Any] = {}

    def __enter__(self) -> RefreshDisplay:
        if self.enabled and self.console.is_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=self.console,
            )
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._flush()
        if self.progress is not None:
            self.progress.stop()

    def on_event(self, event: Any) -> None:
        """Receive one ``ProgressEvent`` from the refresh."""
        if not self.enabled:
            return
        if event.state == "skip":  # the summary says why, once
            return
        if event.state == "warn":
            self.shown.add(event.detail)
        if self.progress is None and event.stage.startswith("fetch "):
            # A source settles in several steps (live failed, snapshot read, fallback note):
            # print only its last word, so each fallback is reported once.
            if event.state != "start":
                self._pending[event.stage] = event
            return
        self._flush()
        self._show(event)

    def _flush(self) -> None:
        pending, self._pending = list(self._pending.values()), {}
        for event in pending:
            self._show(event)

    def _show(self, event: Any) -> None:
        detail = f": {event.detail}" if event.detail else ""
        if self.progress is None:
            if event.state != "start":
                from rich.text import Text

                # The mark is our markup; the stage and detail are data (paths, URLs).
                symbol = Text.from_markup(_MARKS.get(event.state, ""))
                self.console.print(symbol + Text(f" {event.stage}{detail}"))
            return
        task = self.tasks.get(event.stage)
        if task is None:
            task = self.progress.add_task(f"{event.stage}{detail}", total=1)
            self.tasks[event.stage] = task
        if event.state != "start":
            mark = _MARKS.get(event.state, "")
            self.progress.update(task, description=f"{mark} {event.stage}{detail}", completed=1)


def render_refresh(result: Any, shown: set[str] | frozenset[str] = frozenset()) -> None:
    """The summary after a refresh: one row per source, coverage, duration, notes.

    Notes in ``shown`` were printed as progress already and are not repeated.
    """
    err = console(stderr=True)
    for note in result.notes:
        if note not in shown:
            err.print(f"note: {note}", markup=False)
    if result.status == "skipped":
        console().print(result.reason, markup=False)
        return
    print_table(
        f"catalog {result.build_id}",
        ["source", "origin", "rows", "quarantined", "status", "fetched at (UTC)"],
        [
            (
                s.source,
                s.origin,
                f"{s.row_count:,}",
                f"{s.quarantined:,}",
                s.status,
                f"{s.fetched_at:%Y-%m-%d %H:%M}" if s.fetched_at else "",
            )
            for s in result.sources
        ],
    )
    out = console()
    if result.match_coverage:
        figures = ", ".join(
            f"{k}: {v:.1%}"
            if k.endswith("share") and isinstance(v, float)
            else f"{k}: {_figure(v)}"
            for k, v in result.match_coverage.items()
        )
        out.print(f"match coverage: {figures}", markup=False)
    for problem in result.problems[:10]:
        err.print(f"quarantine: {problem}", markup=False)
    out.print(
        f"published {result.model_count:,} models to {result.path} "
        f"in {result.duration_seconds:.2f} s",
        markup=False,
    )


def render_diff(diff: Any) -> None:
    """Tables of added, removed, re-priced and re-scored models between two builds."""
    out = console()
    if diff.from_build is None:
        out.print(
            "only one build in the history; nothing to compare yet "
            "(the next `llmhub catalog refresh` adds one)",
            markup=False,
        )
        return
    out.print(f"from {diff.from_build} to {diff.to_build}", markup=False)
    if diff.empty:
        out.print("no changes", markup=False)
        return
    if diff.added:
        print_table(f"added ({len(diff.added)})", ["canonical_id"], [[m] for m in diff.added])
    if diff.removed:
        print_table(f"removed ({len(diff.removed)})", ["canonical_id"], [[m] for m in diff.removed])
    for title, changes in (
        ("price changes", diff.price_changes),
        ("score changes", diff.score_changes),
        ("quality changes", diff.quality_changes),
        ("speed changes", diff.speed_changes),
    ):
        if changes:
            print_table(
                f"{title} ({len(changes)})",
                ["canonical_id", "field", "old", "new", "change"],
                [
                    (c.canonical_id, c.field, _figure(c.old), _figure(c.new), _delta(c.old, c.new))
                    for c in changes
                ],
            )


def _figure(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _delta(old: float | None, new: float | None) -> str:
    if old is None or new is None:
        return "new" if old is None else "gone"
    if old == 0:
        return f"{new - old:+.4g}"
    return f"{new - old:+.4g} ({(new - old) / abs(old):+.1%})"


_HEADERS = {
    "canonical_id": "model",
    "price_input_per_million": "in $/M",
    "price_output_per_million": "out $/M",
    "cost_tier": "cost",
    "quality_tier": "quality",
    "arena_score": "arena",
    "quality_overall": "arena-eq",
    "quality_overall_low": "low",
    "quality_overall_high": "high",
    "quality_at": "quality at",
    "ttft_seconds": "ttft s",
    "output_tokens_per_second": "tok/s",
    "speed_variant": "speed at",
    "context_tokens": "context",
    "is_free": "free",
    "is_callable": "callable",
}


def render_models(result: Any, as_json: bool) -> None:
    """``catalog show``/``search``: a table of models (the model id never wrapped), or JSON."""
    if as_json:
        print_json(result.records())
        return
    rows = []
    columns = list(result.columns)
    records = result.records()
    if all(r.get("is_callable", True) for r in records) and "is_callable" in columns:
        columns.remove("is_callable")  # the default listing: every row is callable
    for record in records:
        record["context_tokens"] = _tokens(record.get("context_tokens"))
        for flag in ("is_free", "is_callable"):
            if flag in record:
                record[flag] = "yes" if record[flag] else "no"
        tags = record.get("tags") or []
        record["tags"] = ", ".join(tags[:2]) + (f" +{len(tags) - 2}" if len(tags) > 2 else "")
        rows.append([cell(record[c]) for c in columns])
    from rich.table import Table
    from rich.text import Text

    table = Table()
    for i, column in enumerate(columns):
        # The model id is what people copy: never wrap or cut it.
        table.add_column(_HEADERS.get(column, column), no_wrap=i == 0)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # data, never markup
    console().print(table)
    if result.total > len(result.rows):
        console(stderr=True).print(
            f"showing {len(result.rows)} of {result.total:,} models (--limit 0 shows all)"
        )


def _tokens(value: int | None) -> str | None:
    if value is None:
        return None
    if value >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    return f"{value / 1000:.3g}k" if value >= 1000 else str(value)


def cell(value: Any) -> str:
    """One table cell: empty for None, numbers shortened, lists joined."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.0f}" if abs(value) >= 100 else f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)
