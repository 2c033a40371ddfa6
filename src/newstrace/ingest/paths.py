"""Expand the reader's arguments into input files, each with the id prefix its reports get.

Id rules (documented in `newstrace.ingest.read`):

- a file argument keeps the path exactly as given: ``x.txt`` -> ``x.txt``, ``pages/a.html`` -> ``pages/a.html``;
- a directory is walked recursively in sorted order and each file gets its path relative to that directory
  (``pages/`` -> ``a/b.html``); hidden files and directories (name starting with ``.``) are not read;
- a glob (``*``, ``?``, ``[``; ``**`` recurses) gives the path relative to the glob's fixed prefix directory
  (``pages/*/b.html`` -> ``a/b.html``);
- ``-`` is standard input, id ``-``.

Nothing is read here; the walk is lazy, so a huge directory streams.

Example:
    >>> [s.id for s in expand(["-"])]
    ['-']
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .base import Failure

_MAGIC = ("*", "?", "[")


@dataclass(slots=True, frozen=True)
class Source:
    """One input: `path` on disk (None for stdin), the report `id` it gives, and the `arg` it came from."""

    path: Path | None
    id: str
    arg: str

    @property
    def name(self) -> str:
        """How to name this input in messages and `Report.source`."""
        return "-" if self.path is None else str(self.path)


def _is_glob(arg: str) -> bool:
    return any(c in arg for c in _MAGIC)


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    fixed: list[str] = []
    for p in parts:
        if _is_glob(p):
            break
        fixed.append(p)
    if len(fixed) == len(parts):  # no magic at all: parent dir
        fixed = fixed[:-1]
    return os.path.join(*fixed) if fixed else "."


def _walk(root: Path) -> Iterator[Path]:
    # os.walk with sorted names: deterministic ids and record order, constant memory per directory level.
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if not f.startswith("."):
                yield Path(dirpath) / f


def expand(args: Sequence[str]) -> Iterator[Source | Failure]:
    """Yield one `Source` per input file (or a NT100 `Failure` for an argument that matches nothing).

    Args:
        args: file paths, directories, globs, or ``-`` for stdin.

    Returns:
        An iterator of `Source` (lazily walked) and `Failure` records.
    """
    for arg in args:
        if arg == "-":
            yield Source(None, "-", arg)
            continue
        p = Path(arg)
        if p.is_dir():
            for f in _walk(p):
                yield Source(f, f.relative_to(p).as_posix(), arg)
        elif p.is_file():
            yield Source(p, Path(arg).as_posix(), arg)
        elif _is_glob(arg):
            root = _glob_root(arg)
            hits = 0
            for m in sorted(glob.iglob(arg, recursive=True)):
                mp = Path(m)
                if mp.is_file():
                    hits += 1
                    yield Source(mp, Path(os.path.relpath(m, root)).as_posix(), arg)
                elif mp.is_dir():
                    for f in _walk(mp):
                        hits += 1
                        yield Source(f, Path(os.path.relpath(f, root)).as_posix(), arg)
            if not hits:
                yield Failure(arg, None, InputError("NT100", f"no file matches {arg!r}; check the pattern"))
        elif p.exists():
            yield Failure(arg, arg, InputError("NT109", f"{arg} is not a regular file or directory"))
        else:
            yield Failure(arg, arg, InputError("NT100", f"input not found: {arg}; check the path"))
