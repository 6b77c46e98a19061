"""A real HTTP server on loopback that plays every source: models.dev, LMArena, the litellm cost
map, Artificial Analysis's mirror (its ``data/latest.json`` pointer and the day's ``llms.json``)
and LiveBench (the release's table and categories).

Each route serves the bundled snapshot unless a test swaps in a fault: other bytes, a status
code, a delay longer than the client's timeout, or a body cut off before its Content-Length.
``env()`` gives the variables that point llmhub's live fetches at this server.
"""

from __future__ import annotations

import contextlib
import importlib.util
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent.parent / "data" / "snapshots"


def litellm_cost_map() -> Path:
    """The cost map shipped inside the installed litellm package (found without importing it)."""
    spec = importlib.util.find_spec("litellm")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / "model_prices_and_context_window_backup.json"


ROUTES = {
    "/models.dev/api.json": SNAPSHOTS / "modelsdev-api.json",
    "/lmarena/leaderboard-text.json": SNAPSHOTS / "arena-leaderboard-text.json",
    "/lmarena/leaderboard-vision.json": SNAPSHOTS / "arena-leaderboard-vision.json",
    "/lmarena/scatterplot-data.json": SNAPSHOTS / "arena-scatterplot-data.json",
    "/litellm/model_prices.json": None,  # filled lazily: litellm_cost_map()
    "/aa/data/latest.json": None,  # POINTER below
    "/aa/data/2026-07-10/llms.json": SNAPSHOTS / "artificialanalysis-llms.json",
    "/livebench/table_2026_01_08.csv": SNAPSHOTS / "livebench-table.csv",
    "/livebench/categories_2026_01_08.json": SNAPSHOTS / "livebench-categories.json",
}
POINTER = b'{"date": "2026-07-10", "path": "data/2026-07-10"}'
SOURCE_ROUTE = {
    "models_dev": "/models.dev/api.json",
    "lmarena": "/lmarena/leaderboard-text.json",
    "litellm": "/litellm/model_prices.json",
    "artificial_analysis": "/aa/data/2026-07-10/llms.json",
    "livebench": "/livebench/table_2026_01_08.csv",
}


@dataclass
class Fault:
    """What a route does instead of serving its snapshot."""

    body: bytes | None = None
    status: int = 200
    delay: float = 0.0
    cut_off: bool = False


class SourceServer:
    """Start with ``with SourceServer() as server:``; set ``server.faults[path] = Fault(...)``."""

    def __init__(self) -> None:
        self.faults: dict[str, Fault] = {}
        self.hits: Counter[str] = Counter()
        self._bodies: dict[str, bytes] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits[self.path] += 1
                fault = server.faults.get(self.path, Fault())
                if fault.delay:
                    time.sleep(fault.delay)
                if fault.status != 200:
                    self.send_error(fault.status)
                    return
                body = fault.body if fault.body is not None else server.body(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body[: len(body) // 2] if fault.cut_off else body)
                if fault.cut_off:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def body(self, path: str) -> bytes | None:
        if path not in self._bodies:
            if path not in ROUTES:
                return None
            if path == "/aa/data/latest.json":
                self._bodies[path] = POINTER
            else:
                file = ROUTES[path] or litellm_cost_map()
                self._bodies[path] = file.read_bytes()
        return self._bodies[path]

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def env(self) -> dict[str, str]:
        """Environment variables that send every live fetch to this server, with quick retries."""
        return {
            "LLMHUB_MODELS_DEV_URL": f"{self.url}/models.dev/api.json",
            "LLMHUB_LMARENA_URL": f"{self.url}/lmarena/",
            "LLMHUB_LITELLM_URL": f"{self.url}/litellm/model_prices.json",
            "LLMHUB_ARTIFICIAL_ANALYSIS_URL": f"{self.url}/aa",
            "LLMHUB_LIVEBENCH_URL": f"{self.url}/livebench",
            "LLMHUB_LIVEBENCH_RELEASE": "2026_01_08",
            "LLMHUB_FETCH_BACKOFF": "0.05",
        }

    def __enter__(self) -> SourceServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
