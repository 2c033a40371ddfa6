"""A small registry of swappable algorithms with versioned names (like spaCy's factories).

Example:
    >>> reg = Registry("demo")
    >>> @reg.register("upper.v1")
    ... def upper(s: str) -> str:
    ...     return s.upper()
    >>> reg.get("upper.v1")("a")
    'A'
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


class Registry:
    """Maps versioned names (``"lines.rules.v1"``) to factories."""

    def __init__(self, kind: str, providers: Mapping[str, str] | None = None) -> None:
        self.kind = kind
        self._items: dict[str, Callable[..., Any]] = {}
        # name -> the module that registers it, imported on first use: a stage can use an algorithm a later
        # stage provides without importing that stage (the import direction, tests/test_layers.py)
        self._providers = dict(providers or {})

    def register(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
            if name in self._items and self._items[name] is not fn:
                raise ValueError(f"{self.kind}: {name} registered twice")
            self._items[name] = fn
            return fn

        return deco

    def get(self, name: str) -> Callable[..., Any]:
        if name not in self._items and name in self._providers:
            import_module(self._providers[name])
        try:
            return self._items[name]
        except KeyError:
            raise KeyError(f"{self.kind}: no algorithm named {name!r}; known: {sorted(self._items)}") from None

    def names(self) -> list[str]:
        return sorted(self._items)


extractors = Registry("extractor")
line_cleaners = Registry("line cleaner")
attributors = Registry("attributor")
clusterers = Registry("clusterer")
#: who said a sentence, read from its text (`newstrace.provenance.sources.detect_source`), and whether two source
#: names are one person or organisation (`newstrace.provenance.origins.same_source`): provided by the provenance
#: stage, used by compare's divergences
source_readers = Registry("source reader", {"sources.regex.v1": "newstrace.provenance.sources",
                                            "sources.regex.v2": "newstrace.provenance.sources"})
name_matchers = Registry("name matcher", {"names.same-source.v1": "newstrace.provenance.origins"})
