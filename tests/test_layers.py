"""The import direction of the stages: ingest → clean → nlp → stories → compare → provenance → report → web.

No module of a stage imports a later stage (at module level or inside a function), so each stage can run, be
tested and be replaced without the ones after it. What a later stage provides to an earlier one goes through a
registry by name (`registry.source_readers`, `registry.name_matchers`). The shared helpers below every stage
are `common`, `model`, `registry`, `errors` and `settings`; they import no stage at all.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "newstrace"
ORDER = ["ingest", "clean", "nlp", "stories", "compare", "provenance", "report", "web"]
BELOW = ["common", "model", "registry", "errors", "settings"]


def _imports(path: Path, rel: tuple[str, ...] | None = None) -> list[str]:
    """Absolute module names `path` imports; `rel` is its place under src/newstrace (default: where it is)."""
    rel = rel if rel is not None else path.relative_to(SRC).parts
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = ["newstrace", *rel[:-1]][: len(rel) - node.level + 1]
                out.append(".".join(base + ([node.module] if node.module else [])))
            else:
                out.append(node.module or "")
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names]
    return out


def _area(path: Path) -> str:
    rel = path.relative_to(SRC).parts
    return rel[0] if len(rel) > 1 else rel[0][:-3]


def test_no_stage_imports_a_later_stage() -> None:
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        area = _area(path)
        for mod in _imports(path):
            parts = mod.split(".")
            if parts[0] != "newstrace" or len(parts) < 2:
                continue
            target = parts[1]
            if area in ORDER and target in ORDER and ORDER.index(target) > ORDER.index(area):
                bad.append(f"{path.relative_to(SRC)} imports {mod}")
            if area in BELOW and target in ORDER:
                bad.append(f"{path.relative_to(SRC)} (below every stage) imports {mod}")
    assert bad == []


def test_the_check_sees_a_violation(tmp_path: Path) -> None:
    """The walker finds function-level and relative imports (so the test above can fail)."""
    f = tmp_path / "_probe.py"
    f.write_text("def f():\n    from ..provenance import origins\n", encoding="utf-8")
    assert _imports(f, ("compare", "_probe.py")) == ["newstrace.provenance"]
