"""Check results and scores as JSON objects (the CLI contract) and as text for people."""

from dataclasses import asdict
from typing import Any

from bimtek.drill.core.checker import CheckResult, Violation
from bimtek.drill.core.form import CountForm
from bimtek.drill.core.scoring import Score


def violation_json(violation: Violation) -> dict[str, Any]:
    return {
        "code": violation.code,
        "fields": list(violation.fields),
        "values": dict(violation.values),
        "message": violation.message,
    }


def result_json(form: CountForm, result: CheckResult) -> dict[str, Any]:
    return {
        "id": form.id,
        "kind": form.kind,
        "contest": form.contest,
        "ok": result.ok,
        "errors": [violation_json(v) for v in result.errors],
        "warnings": [violation_json(v) for v in result.warnings],
    }


def result_text(form: CountForm, result: CheckResult) -> str:
    head = (
        f"Formulir {form.id} ({form.kind}, {form.contest}): "
        f"{len(result.errors)} kesalahan, {len(result.warnings)} peringatan"
    )
    lines = [head]
    lines += [f"  KESALAHAN [{v.code}] {', '.join(v.fields)}: {v.message}" for v in result.errors]
    lines += [f"  PERINGATAN [{v.code}] {', '.join(v.fields)}: {v.message}" for v in result.warnings]
    return "\n".join(lines)


def score_json(result: Score) -> dict[str, Any]:
    return {
        "score": result.score,
        "correct": result.correct,
        "total": result.total,
        "wrong": [asdict(w) for w in result.wrong],
        "errors": [violation_json(v) for v in result.check.errors],
        "warnings": [violation_json(v) for v in result.check.warnings],
    }


def score_text(result: Score) -> str:
    lines = [f"Nilai: {result.score} ({result.correct} dari {result.total} kotak benar)"]
    lines += [f"  {w.path}: tertulis {_show(w.given)}, seharusnya {_show(w.expected)}" for w in result.wrong]
    if result.check.errors:
        lines.append("Kesalahan yang seharusnya tertangkap oleh aturan formulir:")
        lines += [f"  [{v.code}] {v.message}" for v in result.check.errors]
    return "\n".join(lines)


def _show(value: int | None) -> str:
    return "(kosong)" if value is None else str(value)
