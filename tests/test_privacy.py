"""newstrace switches off every library's telemetry and auto-download."""
from __future__ import annotations

import os
import socket

import pytest


def test_import_switches_off_telemetry() -> None:
    import newstrace  # noqa: F401

    assert os.environ["RAY_USAGE_STATS_ENABLED"] == "0"
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_network_guard_is_active() -> None:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(AssertionError, match="network"):
        s.connect(("192.0.2.1", 80))
    s.close()
