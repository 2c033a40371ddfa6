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

from collections.abc import Callable
from typing import Any


class Registry:
    """Maps versioned names (``"lines.rules.v1"``) to factories."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, Callable[..., Any]] = {}

    def register(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
            if name in self._items and self._items[name] is not fn:
                raise ValueError(f"{self.kind}: {name} registered twice")
            self._items[name] = fn
            return fn

        return deco

    def get(self, name: str) -> Callable[..., Any]:
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
