"""Write one benchmark's figures into its own section of BENCHMARKS.md (date, machine, command, figures).

Each bench script owns a section delimited by `<!-- bench:NAME -->` … `<!-- /bench:NAME -->`; re-running the
script replaces its section and leaves the others alone.
"""
from __future__ import annotations

import datetime as _dt
import fcntl
import os
import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BENCHMARKS = ROOT / "BENCHMARKS.md"


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM). getrusage's ru_maxrss survives exec, so a bench child started from a
    large parent would report the parent's high-water mark."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def write_section(name: str, title: str, body: str) -> None:
    """Replace (or append) the section `name` of BENCHMARKS.md with `body`, stamped with date, machine, command."""
    command = " ".join([Path(sys.argv[0]).as_posix().replace(str(ROOT) + "/", ""), *sys.argv[1:]])
    stamp = (
        f"_{_dt.datetime.now().strftime('%Y-%m-%d %H:%M')} · {machine()} · "
        f"command: `.venv/bin/python {command}`_\n\n"
    )
    block = f"<!-- bench:{name} -->\n## {title}\n\n{stamp}{body.strip()}\n<!-- /bench:{name} -->"
    BENCHMARKS.touch()
    with open(BENCHMARKS, "r+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        text = f.read() or "# Benchmarks\n\nEvery figure is written by the script named in its section (see bench/).\n"
        pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
        text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
        f.seek(0)
        f.truncate()
        f.write(text)


def table(headers: list[str], rows: list[list[object]]) -> str:
    def fmt(v: object) -> str:
        return f"{v:.4f}" if isinstance(v, float) else str(v)

    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(out)
