"""Read form files (our JSON schema or Sirekap's, one form or a list) and store drill attempts.

The drill and the checker are pure (drill/core); this module is where they meet the database: a
trainee's boxes are scored against the truth regenerated from the seed, and the attempt is stored
for the person with an audit entry.
"""

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from bimtek.audit.services import log_action
from bimtek.drill.core.form import CountForm, Kind, form_from_boxes
from bimtek.drill.core.generator import Drill, Level, new_drill
from bimtek.drill.core.schema import FormDataError, form_from_json, form_to_json
from bimtek.drill.core.scoring import Score, score
from bimtek.drill.core.sirekap import form_from_sirekap, is_sirekap
from bimtek.drill.models import DrillAttempt
from bimtek.elections.models import Election
from bimtek.lib.jsonbody import JsonBodyError, parse_json
from bimtek.lib.signals import training_recorded
from bimtek.workforce.models import Person

ERR_NO_FORMS = "berkas tidak berisi formulir"
ERR_EMPTY_FORM = "formulir kosong: tidak ada isian"


def forms_from_file(path: Path) -> list[CountForm]:
    """Every form in the file; FormDataError names the field (with `[i]` when the file holds a list)."""
    if path.stat().st_size > settings.IMPORT_MAX_BYTES:
        raise FormDataError("", _too_large(settings.IMPORT_MAX_BYTES), code="body_too_large")
    return forms_from_bytes(path.read_bytes())


def _too_large(max_bytes: int) -> str:
    return f"lebih dari {max_bytes // (1024 * 1024)} MB; bagi berkasnya"


def forms_from_bytes(data: bytes, *, max_bytes: int | None = None) -> list[CountForm]:
    """Every form in `data`, read with limits (size, depth, encodable text): bad input is a FormDataError."""
    try:
        parsed = parse_json(data, max_bytes=max_bytes or settings.IMPORT_MAX_BYTES)
    except JsonBodyError as exc:
        raise FormDataError(exc.path, exc.message, code=exc.code) from None
    if parsed in ([], None, {}):
        raise FormDataError("", ERR_NO_FORMS, code="form_empty")
    if isinstance(parsed, list):
        return [_form(item, f"[{i}]", f"form-{i + 1}") for i, item in enumerate(parsed)]
    return [_form(parsed, "", "form-1")]


def _form(data: Any, prefix: str, default_id: str) -> CountForm:
    if data is None or data == {}:
        raise FormDataError(prefix, ERR_EMPTY_FORM, code="form_empty")
    try:
        if is_sirekap(data):
            return form_from_sirekap(data, form_id=default_id)
        return form_from_json(data, default_id=default_id)
    except FormDataError as exc:
        path = f"{prefix}.{exc.path}" if prefix and exc.path else prefix or exc.path
        raise FormDataError(path, exc.message, code=exc.code) from None


@lru_cache(maxsize=256)
def drill_for(*, kind: Kind, level: Level, seed: int) -> Drill:
    """The drill of a seed; generation is deterministic, so a page and its POST share one cache entry."""
    return new_drill(seed, level, kind)


def drill_score(*, drill: Drill, values: Mapping[str, int | None]) -> tuple[CountForm, Score]:
    """The trainee's boxes as a form with the truth's columns, and its score against the truth."""
    day = drill.day
    form = form_from_boxes(id=f"seed-{day.seed}", kind=day.kind, contest=day.contest, values=values)
    return form, score(form, drill.truth)


@transaction.atomic(durable=True)
def drill_attempt_record(
    *,
    person: Person,
    election: Election,
    level: Level,
    seed: int,
    values: Mapping[str, int | None],
    actor: Any,
) -> DrillAttempt:
    """Score a trainee's filled form and store it on their record."""
    drill = drill_for(kind=election.kind, level=level, seed=seed)  # type: ignore[arg-type]  # a TextChoices str; the core has a Literal
    form, result = drill_score(drill=drill, values=values)
    attempt = DrillAttempt.objects.create(
        person=person,
        election=election,
        seed=seed,
        level=level,
        kind=election.kind,
        form=form_to_json(form),
        score=result.score,
        wrong_fields=[w.path for w in result.wrong],
        violation_codes=sorted({v.code for v in (*result.check.errors, *result.check.warnings)}),
        recorded_by=actor if actor is not None and not isinstance(actor, str) else None,
    )
    log_action(
        actor=actor,
        action="drill.attempt.record",
        object_type="drill.attempt",
        object_id=attempt.pk,
        region_code=person.region_id,
        after={
            "person_id": person.pk,
            "election": election.slug,
            "seed": seed,
            "level": level,
            "score": result.score,
        },
    )
    training_recorded.send(sender=DrillAttempt, election_id=election.pk, person_ids=[person.pk])
    return attempt
