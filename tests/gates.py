"""Pinned quality floors (eval gates), in `tests/<area>/gates*.toml` (one file per owner).

A gate file looks like::

    [aeb_html_f1]
    floor = 0.975   # what the test asserts; a regression below it fails CI
    goal = 0.975    # the issue's number, for the record

Floors only move up. `tests/test_gates_ratchet.py` walks the git history of every gates.toml and fails when a
commit lowered a floor without saying so (`GATE-LOWERED: <why>` in its message).
"""
from __future__ import annotations

import tomllib
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def floor(area: str, name: str) -> float:
    """The pinned floor of gate `name` in one of `tests/<area>/gates*.toml`."""
    for path in sorted((TESTS / area).glob("gates*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if name in data:
            return float(data[name]["floor"])
    raise KeyError(f"no gate {name!r} in tests/{area}/gates*.toml")
