"""The embedded DuckDB store (see `newstrace.store.duck.Store`)."""
from .duck import Store

__all__ = ["Store"]
