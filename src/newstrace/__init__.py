"""newstrace: trace news stories to their sources.

Point it at news pages (HTML, WARC, JSON Lines, plain text with page chrome) and get back stories, who said
what according to whom, which outlets carry each claim, and how many independent origins stand behind it.

newstrace sends nothing anywhere: importing it switches off the telemetry and auto-downloads of the libraries
it uses (Ray usage stats, Hugging Face hub access); DuckDB extension autoloading is switched off per connection
in `newstrace.store`.
"""
from __future__ import annotations

import os as _os

for _k, _v in {
    "RAY_USAGE_STATS_ENABLED": "0",
    "RAY_DISABLE_DOCKER_CPU_WARNING": "1",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "DO_NOT_TRACK": "1",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    _os.environ.setdefault(_k, _v)

__version__ = "0.1.0"

from .model import Attribution, Claim, Copy, Entity, Hop, Mention, Report, Span, Story  # noqa: E402

__all__ = ["Attribution", "Claim", "Copy", "Entity", "Hop", "Mention", "Report", "Span", "Story", "__version__"]
