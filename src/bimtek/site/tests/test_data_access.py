"""Who queries whose tables: an app reads another app's data through that app's selectors (and writes it through
its services), not through the other app's model manager (issue 14). Read from the code: every
`<Model>.objects` (or `_default_manager`) in a module of one app, where `<Model>` was imported from another
app's `models`, tests and migrations left out. Importing a model class for a ForeignKey, a type hint or a
signal's sender is not a read and is not counted; neither are reads through relations (`tps.appointments`),
which this scan cannot see.

Three tables say what is allowed:
- REFERENCE: the frame every app filters by, read anywhere by design (why beside each).
- GENERATORS: modules that make data for every app at once (the demo, the synthetic country); like fixtures
  they write and back-date other apps' rows on purpose and are not counted (why beside each).
- DEBT: other direct reads, per (reading app, model), with their count: empty since issue 14 moved the last
  134 into their owners' selectors. It can only shrink: a new pair, or more reads of a listed pair, fails.
"""

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # src/bimtek

REFERENCE = {
    "regions.Region": "the Kemendagri tree: every page, import and export is scoped and labelled by it",
    "elections.Election": "the election in every URL and command; read-only after setup",
    "elections.TPS": "the polling stations every crew, session group and snapshot hangs on",
    "accounts.User": "the signed-in account and the actors of audit entries",
}

GENERATORS = {
    "site/demo": "the demo fills every app with a plausible week of work and back-dates it: a fixture, not a feature",
    "synthetic/": "the synthetic country COPYs millions of rows into every app's tables for benchmarks",
}

# Paid in full (issue 14): every other read goes through the owner's selectors. The table stays so that a read
# that cannot move (and says why in its own line) has a place; today a new direct read simply fails.
DEBT: dict[tuple[str, str], int] = {}


def _direct_reads() -> Counter[tuple[str, str]]:
    reads: Counter[tuple[str, str]] = Counter()
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or len(parts) < 2:
            continue
        app = parts[0]
        if any("/".join(parts).startswith(prefix) for prefix in GENERATORS):
            continue
        tree = ast.parse(path.read_text())
        owner: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                p = node.module.split(".")
                if len(p) == 3 and p[0] == "bimtek" and p[2] == "models" and p[1] not in (app, "lib"):
                    owner.update({a.asname or a.name: f"{p[1]}.{a.name}" for a in node.names})
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("objects", "_default_manager")
                and isinstance(node.value, ast.Name)
                and node.value.id in owner
                and owner[node.value.id] not in REFERENCE
            ):
                reads[(app, owner[node.value.id])] += 1
    return reads


def test_no_app_queries_another_apps_table_beyond_the_named_debt() -> None:
    reads = _direct_reads()
    grown = {k: (DEBT.get(k, 0), n) for k, n in reads.items() if n > DEBT.get(k, 0)}
    assert not grown, (
        "new direct reads of another app's table (app, model): (allowed, found); "
        f"add a selector to the owning app instead: {grown}"
    )


def test_the_debt_table_says_what_is_left() -> None:
    reads = _direct_reads()
    paid = {k: (n, reads.get(k, 0)) for k, n in DEBT.items() if reads.get(k, 0) < n}
    assert not paid, f"reads moved to their owner (listed, left): lower DEBT to match: {paid}"
    print(f"direct cross-app table reads left: {sum(reads.values())} in {len(reads)} pairs")
