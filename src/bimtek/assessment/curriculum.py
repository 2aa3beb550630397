"""Programs and their modules: the standard structure seeded per election, edited by a KPU admin."""

import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from bimtek.assessment.models import FormMode, Module, Program, Stage, TestForm
from bimtek.audit.services import log_action
from bimtek.elections.models import Election
from bimtek.lib.errors import DomainError

DATA = Path(__file__).parent / "data"


@cache
def curriculum() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "curriculum.json").read_text(encoding="utf-8"))
    return data


@dataclass
class SeedReport:
    programs: int = 0
    modules: int = 0
    forms: int = 0
    unchanged: int = 0  # programs that already existed and were left as the admin edited them

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@transaction.atomic(durable=True)
def programs_seed(*, election: Election, actor: Any) -> SeedReport:
    """Create the ToT, KPPS and Linmas programs with their modules and a pre- and post-test each.

    Seeding again leaves existing programs alone, so an admin's edits survive.
    """
    report = programs_write(election=election)
    log_action(
        actor=actor,
        action="assessment.programs_seed",
        object_type="election",
        object_id=election.pk,
        after=report.as_dict(),
    )
    return report


def programs_write(*, election: Election, post_attempts: int = 1) -> SeedReport:
    """The rows of `programs_seed`, inside the caller's transaction (the synthetic country's load uses
    it too); `post_attempts` is the post-test's allowed sittings."""
    data = curriculum()
    report = SeedReport()
    for kind, spec in data["programs"].items():
        program, created = Program.objects.get_or_create(
            election=election, kind=kind, defaults={"name": spec["name"], "pass_mark": spec["pass_mark"]}
        )
        if not created:
            report.unchanged += 1
            continue
        report.programs += 1
        modules = [
            _module(program, position, data["modules"][bank], bank)
            for position, bank in enumerate(spec["modules"], start=1)
        ]
        Module.objects.bulk_create(modules)
        report.modules += len(modules)
        TestForm.objects.bulk_create(
            [
                TestForm(
                    program=program,
                    stage=stage,
                    mode=FormMode.BLUEPRINT,
                    max_attempts=post_attempts if stage == Stage.POST else 1,
                )
                for stage in (Stage.PRE, Stage.POST)
            ]
        )
        report.forms += 2
    return report


def _module(program: Program, position: int, spec: dict[str, Any], bank: str) -> Module:
    return Module(
        program=program,
        position=position,
        bank=bank,
        title=spec["title"],
        minutes=spec["minutes"],
        objectives=spec["objectives"],
        regulations=spec["regulations"],
        parts=spec.get("parts", []),
        questions=spec["questions"],
    )


PARTS_MISMATCH = (
    "module_parts_minutes",
    "Jumlah menit bagian modul ({parts}) harus sama dengan menit modul ({minutes})",
)
PASS_MARK_RANGE = ("pass_mark_range", "Nilai lulus harus antara 0 dan 100")


@transaction.atomic(durable=True)
def module_update(
    *, module: Module, title: str, minutes: int, objectives: str, regulations: str, questions: int, actor: Any
) -> Module:
    parts_total = sum(int(p["minutes"]) for p in module.parts)
    if module.parts and parts_total != minutes:
        code, message = PARTS_MISMATCH
        raise DomainError(code, message.format(parts=parts_total, minutes=minutes))
    before = {"title": module.title, "minutes": module.minutes, "questions": module.questions}
    module.title, module.minutes, module.questions = title, minutes, questions
    module.objectives, module.regulations = objectives, regulations
    module.save(update_fields=["title", "minutes", "objectives", "regulations", "questions"])
    log_action(
        actor=actor,
        action="assessment.module_update",
        object_type="module",
        object_id=module.pk,
        before=before,
        after={"title": title, "minutes": minutes, "questions": questions},
    )
    return module


@transaction.atomic(durable=True)
def program_update(*, program: Program, pass_mark: int, actor: Any) -> Program:
    if not 0 <= pass_mark <= 100:
        raise DomainError(*PASS_MARK_RANGE)
    before = {"pass_mark": program.pass_mark}
    program.pass_mark = pass_mark
    program.save(update_fields=["pass_mark"])
    log_action(
        actor=actor,
        action="assessment.program_update",
        object_type="program",
        object_id=program.pk,
        before=before,
        after={"pass_mark": pass_mark},
    )
    return program


@transaction.atomic(durable=True)
def test_form_configure(
    *,
    form: TestForm,
    mode: str,
    time_limit_minutes: int | None,
    max_attempts: int,
    shuffle_options: bool,
    actor: Any,
) -> TestForm:
    """Change how a pre/post test is given. Attempts already issued keep the questions they were drawn."""
    if mode not in FormMode.values:
        raise DomainError("form_mode", "Cara penyusunan tes tidak dikenal")
    if mode == FormMode.FIXED and not form.fixed_questions:
        raise DomainError(
            "form_fixed_empty",
            "Tes tetap membutuhkan daftar soal: pilih di halaman Soal tetap, atau pakai cetak biru (acak per peserta)",
        )
    fields = {
        "mode": mode,
        "time_limit_minutes": time_limit_minutes,
        "max_attempts": max_attempts,
        "shuffle_options": shuffle_options,
    }
    before = {k: getattr(form, k) for k in fields}
    for key, value in fields.items():
        setattr(form, key, value)
    form.save(update_fields=list(fields))
    log_action(
        actor=actor,
        action="assessment.form_configure",
        object_type="test_form",
        object_id=form.pk,
        before=before,
        after=fields,
    )
    return form
