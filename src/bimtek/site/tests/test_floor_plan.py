"""The floor plan of docs/architecture.md, read from the code: module sizes and the cycles between apps.

import-linter (scripts/test) checks that apps import only downwards, with the debt it ignores named in
pyproject.toml; apps on one floor may import each other, and an ignored upward import closes a loop, so
this test counts the loops themselves: every import between apps, inside functions too, tests and
migrations left out.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # src/bimtek
MAX_LINES = 400

# No app cycle is left (issue 14: the region and TPS pages moved up to workforce, user_create reaches the
# Region through its own relation and announces itself to the audit log by a signal, the planner asks
# delivery's completion rule through a hook, the XLSX helpers went to lib). A new cycle fails here.
KNOWN_CYCLES: list[set[str]] = []


def _apps() -> list[str]:
    return sorted(p.name for p in ROOT.iterdir() if (p / "apps.py").exists())


def _modules() -> list[Path]:
    return [
        p
        for p in ROOT.rglob("*.py")
        if "tests" not in p.relative_to(ROOT).parts and "migrations" not in p.parts
    ]


def _app_imports() -> dict[str, set[str]]:
    apps = _apps()
    edges: dict[str, set[str]] = {a: set() for a in apps}
    for path in _modules():
        app = path.relative_to(ROOT).parts[0]
        if app not in edges:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "bimtek" and len(parts) > 1 and parts[1] in edges and parts[1] != app:
                    edges[app].add(parts[1])
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one app (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for app in edges:
        if app not in index:
            visit(app)
    return found


def test_no_module_outside_tests_and_migrations_is_longer_than_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_apps_form_no_cycle_but_the_ones_named_as_debt() -> None:
    cycles = _cycles(_app_imports())
    assert sorted(map(sorted, cycles)) == sorted(map(sorted, KNOWN_CYCLES))


def test_the_cycle_finder_finds_a_loop_and_nothing_in_a_tree() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert _cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []
