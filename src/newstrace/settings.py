"""One frozen settings object: built-in defaults → ``newstrace.toml`` → environment → CLI flags.

Environment variables are ``NEWSTRACE_<FIELD>`` in upper case (``NEWSTRACE_DB=/tmp/x.duckdb``).

Example:
    >>> s = Settings().merged({"workers": 1})
    >>> s.workers
    1
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import InputError


BACKENDS = ("local", "ray")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of newstrace, with its default."""

    db: str = "newstrace.duckdb"
    format: str = "auto"
    workers: int = 1
    doc_timeout_s: float = 60.0
    max_bytes: int = 64 * 1024 * 1024
    extractor: str = "html.v1"
    # lines.v6 is the mean of lines.v2, lines.v3 (v2's features + topical coherence) and lines.v5 (v3's + a learned
    # lexical view); chosen on dev CV (trafilatura-eval pages: line F1 0.758 / text F1 0.878, against 0.756 / 0.874
    # for the v2 + v3 mean and 0.743 / 0.870 for v2). aeb page lines, same bench run: 0.825 / 0.896 (v2 0.814 /
    # 0.896, v1 0.800 / 0.884); v1-v5 stay registered.
    line_cleaner: str = "lines.v6"
    # Beliefs and intentions ("police believe", "wants to") count as attributions by default: a reader tracing
    # a claim wants them, and the held-out political set counts them. They cost little on attrib-dev, whose
    # guideline leaves them out (with_source F1 0.904 against 0.910 for attribution.v1).
    # v2 is v1 with the parse only on sentences that can hold an attribution (issue 16): the same attributions and
    # mentions on attrib-dev and its extra set, less parsing (BENCHMARKS.md "throughput").
    attributor: str = "attribution.beliefs.v3"
    clusterer: str = "stories.v1"
    # How `newstrace entities` links the entities of different stories (newstrace.compare.store_entities).
    store_linker: str = "entities.store-link.v1"
    # After an ingest, re-cluster the whole store when it holds at most this many reports (0: never) and the
    # rebuild costs no more than the ingest did (newstrace.corpus.REBUILD_PER_CHANGED_REPORT). The
    # stream assigns each report as it arrives; the rebuild re-optimises globally and in a canonical order, so
    # stories do not depend on ingest order (ECB+ B-cubed, leave-topics-out: stream 0.866, rebuild 0.950;
    # through the CLI 0.9526; the rebuild also splits look-alike events merged into one story).
    # Past this size the stream alone runs and `newstrace stories --rebuild` does the periodic re-optimisation.
    rebuild_max_reports: int = 20_000
    # Run the story stage (compare + provenance, `newstrace.provenance.stage`) at the end of each ingest for the
    # stories it touched, so `newstrace story`, the export and the web UI read stored records. Off: a story is
    # traced when it is first read (`Corpus.dossier`) or by `newstrace export`; for a bulk load of many batches,
    # where each batch would re-trace the same growing stories.
    trace_at_ingest: bool = True
    # The story stage's limit per story, in the runner's worker (with ``workers`` > 1): a story whose build
    # overruns it fails (NT406) and keeps its last trace, the others go on. A safety limit, not a tuned figure: a
    # 500-report story builds in about 2 s here (BENCHMARKS.md "story-stage").
    story_timeout_s: float = 600.0
    backend: str = "local"

    def __post_init__(self) -> None:
        # Checked here, where every source of a value (file, environment, flag) meets, so a bad value fails
        # before any work starts rather than halfway through an ingest.
        for f in fields(self):
            value, want = getattr(self, f.name), type(f.default)
            ok = isinstance(value, want) and not (isinstance(value, bool) and want is not bool)
            if want is float and isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, f.name, float(value))
                ok = True
            if not ok:
                raise InputError("NT105", f"setting {f.name} must be {want.__name__}, got {value!r}")
        if self.backend not in BACKENDS:
            raise InputError("NT105", f"unknown backend {self.backend!r}: use {' or '.join(BACKENDS)}")
        for name in ("workers", "doc_timeout_s", "story_timeout_s", "max_bytes"):
            if getattr(self, name) <= 0:
                raise InputError("NT105", f"setting {name} must be positive, got {getattr(self, name)!r}")
        if self.rebuild_max_reports < 0:
            raise InputError("NT105", f"setting rebuild_max_reports must be >= 0, got {self.rebuild_max_reports!r}")

    def merged(self, overrides: dict[str, Any]) -> Settings:
        """A copy with the non-None `overrides` applied (unknown keys are an error)."""
        known = {f.name for f in fields(self)}
        bad = set(overrides) - known
        if bad:
            raise InputError("NT105", f"unknown setting(s) {sorted(bad)}; known: {sorted(known)}")
        clean = {k: v for k, v in overrides.items() if v is not None}
        return dataclasses.replace(self, **clean)


def _coerce(value: str, like: Any) -> Any:
    if isinstance(like, bool):
        return value.lower() in {"1", "true", "yes", "on"}
    try:
        if isinstance(like, int):
            return int(value)
        if isinstance(like, float):
            return float(value)
    except ValueError:
        raise InputError("NT105", f"not {'an integer' if isinstance(like, int) else 'a number'}: {value!r}") from None
    return value


def load(config: str | Path | None = None, **flags: Any) -> Settings:
    """Build the settings: defaults, then the TOML file, then ``NEWSTRACE_*`` variables, then `flags`.

    Args:
        config: path of a TOML file; ``./newstrace.toml`` is read when it exists and none is given.
        flags: CLI flags (None means "not given").

    Raises:
        InputError: NT105 when the file is not valid TOML or names an unknown setting.
    """
    base = Settings()
    path = Path(config) if config else Path("newstrace.toml")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise InputError("NT105", f"{path} is not valid TOML: {e}") from None
        base = base.merged(data.get("newstrace", data))
    elif config:
        raise InputError("NT100", f"config file not found: {path}")
    env = {}
    for f in fields(base):
        v = os.environ.get(f"NEWSTRACE_{f.name.upper()}")
        if v is not None:
            try:
                env[f.name] = _coerce(v, getattr(base, f.name))
            except InputError as e:
                raise InputError("NT105", f"NEWSTRACE_{f.name.upper()}: {e.message}") from None
    return base.merged(env).merged(flags)
