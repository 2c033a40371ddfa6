"""Shared browser fixture of the Chromium tests: Debian's chromium driven by playwright (never `playwright install`)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# without the background-networking flags Chromium tries to reach Google's hosts, which this machine refuses
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@contextmanager
def serving(corpus: Any) -> Iterator[str]:
    """`newstrace serve`'s server over `corpus` on a free loopback port, in a thread; yields its base URL."""
    from newstrace.web.app import make_server_for

    server = make_server_for(corpus, "127.0.0.1", 0)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        t.join(5)
