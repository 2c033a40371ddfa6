"""Stories: streaming story clustering (`StoryIndex`) and copy detection (`find_copies`, `CopyIndex`).

Example:
    >>> from newstrace.model import Report
    >>> from newstrace.stories import StoryIndex
    >>> idx = StoryIndex()
    >>> idx.add(Report(id="a", title="Quake hits Iran", text="A quake hit Qeshm island."))
    's000001'
"""
from __future__ import annotations

from .copies import CopyIndex, compare, find_copies, is_copy
from .index import Model, StoryIndex

__all__ = ["CopyIndex", "Model", "StoryIndex", "compare", "find_copies", "is_copy"]
