from __future__ import annotations

import pytest

from newstrace.errors import InputError
from newstrace.settings import Settings, load


def test_precedence_defaults_file_env_flags(tmp_path, monkeypatch) -> None:
    cfg = tmp_path / "newstrace.toml"
    cfg.write_text('[newstrace]\ndb = "from-file.duckdb"\nworkers = 3\n', encoding="utf-8")
    assert load(cfg).db == "from-file.duckdb"
    monkeypatch.setenv("NEWSTRACE_WORKERS", "5")
    s = load(cfg)
    assert (s.db, s.workers) == ("from-file.duckdb", 5)
    s = load(cfg, db="flag.duckdb", workers=None)
    assert (s.db, s.workers) == ("flag.duckdb", 5)
    with pytest.raises(Exception):
        s.db = "x"  # frozen


def test_bad_config_is_a_coded_error(tmp_path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("db = [", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load(cfg)
    assert e.value.code == "NT105"
    cfg.write_text("nonsense = 1", encoding="utf-8")
    with pytest.raises(InputError):
        load(cfg)
    assert Settings().db == "newstrace.duckdb"


@pytest.mark.parametrize("source, value, words", [
    ("file", 'workers = "two"', "workers must be int"),
    ("file", "doc_timeout_s = -1", "doc_timeout_s must be positive"),
    ("file", 'backend = "spark"', "unknown backend 'spark'"),
    ("env", "abc", "NEWSTRACE_WORKERS: not an integer"),
    ("flag", 0, "workers must be positive"),
])
def test_bad_values_fail_before_any_work(tmp_path, monkeypatch, source, value, words) -> None:
    cfg = tmp_path / "newstrace.toml"
    cfg.write_text(f"[newstrace]\n{value}\n" if source == "file" else "", encoding="utf-8")
    if source == "env":
        monkeypatch.setenv("NEWSTRACE_WORKERS", value)
    with pytest.raises(InputError) as e:
        load(cfg, workers=value if source == "flag" else None)
    assert e.value.code == "NT105" and words in e.value.message


def test_integer_for_a_float_setting_is_accepted() -> None:
    s = Settings().merged({"doc_timeout_s": 5})
    assert s.doc_timeout_s == 5.0 and isinstance(s.doc_timeout_s, float)
