"""PostgreSQL side of the synthetic training: venues, the election's programs and bank, COPY, and --replace.

Runs inside the generator's transaction with its psycopg cursor. The programs and the starter bank are
a few hundred rows written with the ORM, the same rows `assessment.curriculum.programs_seed` and
`assessment.bank.questions_import_starter` write for a new election (both are durable transactions of
their own, so they cannot run inside the generator's). Everything large goes by COPY.
"""

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from bimtek.synthetic.load import CHUNK, _text

Tick = Callable[[int], None]
NULL = "\\N"
SYNTH_VENUE_SUFFIX = " (sintetis)"  # names the halls the generator made, so --replace removes only those
WIB = "+07"  # every timestamp in West Indonesia Time (WITA and WIT regions too: a simplification)


def copy_lines(cursor: Any, table: str, columns: str, lines: Iterable[str], tick: Tick | None = None) -> None:
    """COPY rendered chunks (each a string of whole lines)."""
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for chunk in lines:
            copy.write(chunk)
            if tick is not None:
                tick(chunk.count("\n"))


def json_text(value: Any) -> str:
    return _text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def stamps(moments: npt.NDArray[np.datetime64]) -> list[str]:
    """datetime64[m] (wall clock in WIB) → timestamptz text."""
    return [f"{s}{WIB}" for s in np.datetime_as_string(moments, unit="m").tolist()]


# --- Regions and venues ------------------------------------------------------------------------------


def region_names(cursor: Any, codes: list[str]) -> dict[str, tuple[str, str]]:
    """code → (name, kind)."""
    cursor.execute("SELECT code, name, kind FROM regions_region WHERE code = ANY(%s)", [codes])
    return {code: (name, kind) for code, name, kind in cursor.fetchall()}


def display_name(name: str, kind: str) -> str:
    """As `Region.display_name`: 'Kab. X', 'Kota X', 'Kec. X', else the name."""
    prefix = {"kabupaten": "Kab.", "kota": "Kota", "kecamatan": "Kec."}.get(kind, "")
    if prefix and not name.lower().startswith(prefix.lower().rstrip(".")):
        return f"{prefix} {name}"
    return name


def venues_ensure(
    cursor: Any,
    wanted: list[tuple[str, str, int]],
    *,
    created_at: dt.datetime,
    reserve: Callable[[str, int], int],
) -> list[int]:
    """Ids of the halls (region, name, capacity), creating those the database lacks.

    A hall's capacity depends on its region only, so a second synthetic election reuses the first's halls.
    """
    cursor.execute(
        "SELECT region_code, name, id FROM planner_venue WHERE name LIKE %s", [f"%{SYNTH_VENUE_SUFFIX}"]
    )
    have = {(region, name): pk for region, name, pk in cursor.fetchall()}
    missing = [w for w in dict.fromkeys(wanted) if (w[0], w[1]) not in have]
    if missing:
        first = reserve("planner_venue", len(missing))
        stamp = created_at.isoformat()
        copy_lines(
            cursor,
            "planner_venue",
            "id, name, capacity, address, created_at, region_code",
            [
                "".join(
                    f"{first + i}\t{_text(name)}\t{capacity}\t\t{stamp}\t{region}\n"
                    for i, (region, name, capacity) in enumerate(missing)
                )
            ],
        )
        have.update({(region, name): first + i for i, (region, name, _c) in enumerate(missing)})
    return [have[(region, name)] for region, name, _c in wanted]


# --- Programs and the question bank ------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramInfo:
    kind: str
    pass_mark: int
    forms: dict[str, int]  # stage → form id
    banks: list[tuple[str, int]]  # (bank, questions per test), modules in order


def programs_and_bank(election_id: int, *, post_attempts: int) -> list[ProgramInfo]:
    """The ToT, KPPS and Linmas programs with their modules and pre/post forms, and the starter bank.

    The rows of `programs_seed` and `questions_import_starter`, written inside the load's transaction;
    the post-tests allow `post_attempts` sittings (a remedial retake after a pendalaman).
    """
    from bimtek.assessment.bank import starter_specs
    from bimtek.assessment.curriculum import programs_write
    from bimtek.assessment.models import Program, Question, QuestionVersion
    from bimtek.elections.models import Election

    programs_write(election=Election.objects.get(pk=election_id), post_attempts=post_attempts)
    out = [
        ProgramInfo(
            kind=program.kind,
            pass_mark=program.pass_mark,
            forms={f.stage: f.pk for f in program.forms.all()},
            banks=[(m.bank, m.questions) for m in program.modules.order_by("position") if m.questions],
        )
        for program in Program.objects.filter(election_id=election_id)
        .prefetch_related("forms")
        .order_by("pk")
    ]
    for spec in starter_specs():
        question = Question.objects.create(election_id=election_id, bank=spec.bank, code=spec.code)
        version = QuestionVersion.objects.create(question=question, number=1, **spec.version_fields())
        question.current = version
        question.save(update_fields=["current"])
    return out


@dataclass(frozen=True)
class Bank:
    version: npt.NDArray[np.int64]
    bank: list[str]
    kind: list[str]
    answer: npt.NDArray[np.int64]
    options: npt.NDArray[np.int64]

    def pool(self, bank: str) -> npt.NDArray[np.int64]:
        """Indexes (into these columns) of the bank's questions, by version id as `draw_items` sorts them."""
        return np.array([i for i, b in enumerate(self.bank) if b == bank], dtype=np.int64)


def read_bank(cursor: Any, election_id: int) -> Bank:
    cursor.execute(
        "SELECT v.id, q.bank, v.kind, v.answer, jsonb_array_length(v.options) FROM assessment_question q "
        "JOIN assessment_questionversion v ON v.id = q.current_id WHERE q.election_id = %s AND q.active "
        "ORDER BY q.id",
        [election_id],
    )
    rows = cursor.fetchall()
    return Bank(
        version=np.array([r[0] for r in rows], dtype=np.int64),
        bank=[r[1] for r in rows],
        kind=[r[2] for r in rows],
        answer=np.array([r[3] for r in rows], dtype=np.int64),
        options=np.array([r[4] for r in rows], dtype=np.int64),
    )


# --- Drills ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrillVariant:
    seed: int
    level: str
    score: int
    line: str  # the COPY fields seed .. violation_codes, rendered once


def drill_library(kind: str, rng: np.random.Generator, *, seeds: int = 60) -> list[DrillVariant]:
    """Filled forms for a few seeded drills, each with a few slips, scored by the product's own scorer.

    A slip changes one box by 1 to 3 (the classic: invalid votes one too many); a form with many
    slips fails the pass mark. Attempts pick from this library, so every stored score is what the
    drill page would have given for that form.
    """
    from bimtek.drill.core.form import boxes
    from bimtek.drill.core.schema import form_to_json
    from bimtek.drill.services import drill_for, drill_score

    variants = []
    for level in ("easy", "hard"):
        for seed in rng.integers(1, 10**6, seeds).tolist():
            drill = drill_for(kind=kind, level=level, seed=seed)  # type: ignore[arg-type]  # plain str where the core has Literal kinds and levels
            truth = dict(boxes(drill.truth))
            names = sorted(truth)
            for slips in (0, 0, 1, 1, 2, 3, 6, 8, 12):
                values = dict(truth)
                for box in rng.choice(names, size=slips, replace=False).tolist():
                    values[box] = max(0, (values[box] or 0) + int(rng.choice([-3, -2, -1, 1, 2, 3])))
                form, result = drill_score(drill=drill, values=values)
                codes = sorted({v.code for v in (*result.check.errors, *result.check.warnings)})
                line = (
                    f"{seed}\t{level}\t{kind}\t{json_text(form_to_json(form))}\t{result.score}\t"
                    f"{json_text([w.path for w in result.wrong])}\t{json_text(codes)}"
                )
                variants.append(DrillVariant(seed, level, result.score, line))
    return variants


# --- --replace ---------------------------------------------------------------------------------------

# Subqueries spelled out in each statement (plain literals: nothing is interpolated into the SQL).
TRAINING_DELETES = (
    ("readiness", "DELETE FROM readiness_readinesstps WHERE election_id = %(e)s"),
    ("readiness_rollups", "DELETE FROM readiness_readinessrollup WHERE election_id = %(e)s"),
    ("readiness_history", "DELETE FROM readiness_readinesshistory WHERE election_id = %(e)s"),
    (
        "attendance",
        "DELETE FROM delivery_attendance a USING planner_trainingsession s, planner_trainingplan p "
        "WHERE a.session_id = s.id AND s.plan_id = p.id AND p.election_id = %(e)s",
    ),
    (
        "facilitators",
        "DELETE FROM planner_sessionfacilitator f USING planner_trainingsession s, planner_trainingplan p "
        "WHERE f.session_id = s.id AND s.plan_id = p.id AND p.election_id = %(e)s",
    ),
    (
        "groups",
        "DELETE FROM planner_sessiongroup g USING planner_trainingplan p "
        "WHERE g.plan_id = p.id AND p.election_id = %(e)s",
    ),
    (
        "sessions",
        "DELETE FROM planner_trainingsession s USING planner_trainingplan p "
        "WHERE s.plan_id = p.id AND p.election_id = %(e)s",
    ),
    (
        "plan_venues",
        "DELETE FROM planner_planvenue v USING planner_trainingplan p WHERE v.plan_id = p.id AND p.election_id = %(e)s",
    ),
    ("plans", "DELETE FROM planner_trainingplan WHERE election_id = %(e)s"),
    (
        "attempts",
        "DELETE FROM assessment_attempt a USING assessment_testform f, assessment_program p "
        "WHERE a.form_id = f.id AND f.program_id = p.id AND p.election_id = %(e)s",
    ),
    ("drill_attempts", "DELETE FROM drill_drillattempt WHERE election_id = %(e)s"),
    (
        "forms",
        "DELETE FROM assessment_testform f USING assessment_program p WHERE f.program_id = p.id AND p.election_id = %(e)s",
    ),
    (
        "modules",
        "DELETE FROM assessment_module m USING assessment_program p WHERE m.program_id = p.id AND p.election_id = %(e)s",
    ),
    (
        "completion_rules",
        "DELETE FROM delivery_completionrule r USING assessment_program p "
        "WHERE r.program_id = p.id AND p.election_id = %(e)s",
    ),
    ("programs", "DELETE FROM assessment_program WHERE election_id = %(e)s"),
    ("question_current", "UPDATE assessment_question SET current_id = NULL WHERE election_id = %(e)s"),
    (
        "question_versions",
        "DELETE FROM assessment_questionversion v USING assessment_question q "
        "WHERE v.question_id = q.id AND q.election_id = %(e)s",
    ),
    ("questions", "DELETE FROM assessment_question WHERE election_id = %(e)s"),
)
REMOVED_COUNTED = ("attendance", "sessions", "plans", "attempts", "drill_attempts", "programs", "questions")


def delete_training_rows(cursor: Any, election_id: int) -> dict[str, int]:
    """Remove an earlier run's training rows (and its readiness snapshot), in SQL: the ORM's cascade
    would load millions of attempts into Python. Halls the generator made go too when nothing else
    uses them; other elections' rows are never touched."""
    cursor.execute(
        "CREATE TEMP TABLE synth_old_venues ON COMMIT DROP AS SELECT DISTINCT v.venue_id AS id "
        "FROM planner_planvenue v JOIN planner_trainingplan p ON p.id = v.plan_id WHERE p.election_id = %(e)s",
        {"e": election_id},
    )
    removed = {}
    for name, sql in TRAINING_DELETES:
        cursor.execute(sql, {"e": election_id})
        if name in REMOVED_COUNTED:
            removed[name] = cursor.rowcount
    cursor.execute(
        "DELETE FROM planner_venue v USING synth_old_venues o WHERE v.id = o.id AND v.name LIKE %s "
        "AND NOT EXISTS (SELECT 1 FROM planner_planvenue pv WHERE pv.venue_id = v.id) "
        "AND NOT EXISTS (SELECT 1 FROM planner_trainingsession s WHERE s.venue_id = v.id)",
        [f"%{SYNTH_VENUE_SUFFIX}"],
    )
    removed["venues"] = cursor.rowcount
    cursor.execute("DROP TABLE synth_old_venues")
    return removed


def chunks(total: int, size: int = CHUNK) -> Iterable[slice]:
    for start in range(0, total, size):
        yield slice(start, min(start + size, total))
