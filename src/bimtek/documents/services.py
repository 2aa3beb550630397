"""Writes and batch generation for documents: templates and rates saved with a check, documents built in batch.

1. `template_save` refuses a template with an unknown placeholder or a syntax error, naming the field and
   the placeholder; `rate_save` sets a body's rates for a region. Both audited.
2. `document_build` makes one batch (letters, lampiran SK, berita acara as A4 PDF; the honorarium list as
   XLSX) for what the scope covers, and audits the counts only (never names or NIKs).
3. A large batch runs as the job `documents.generate` (`run_generate_job`), which leaves the file in the
   data directory for the download page.

Steps 1 and 3 are here; step 2, building a batch (`Request`, `document_build`, `batch_size`), is in
`build.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from bimtek.accounts.access import Ability, may
from bimtek.accounts.scoping import Scope, scope_of
from bimtek.audit.services import log_action
from bimtek.documents import placeholders
from bimtek.documents.build import Request, document_build
from bimtek.documents.models import DocumentTemplate, Rate
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress
from bimtek.workforce.models import Body

ERR_NOT_WRITER = "Hanya KPU yang dapat mengubah templat dan tarif"
ERR_NO_PRINTER = "Akun ini tidak dapat mencetak dokumen"
ERR_RATE = "Tarif harus bilangan bulat rupiah, 0 atau lebih"
ERR_BODY = "Badan tidak dikenal"
JOB_THRESHOLD = 200  # letters or listed people above this are a job's work, not a web request's
FIELD_LABELS = {"title": "Judul", "body": "Isi", "number_pattern": "Pola nomor"}


class TemplateInvalid(DomainError):
    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__("template_invalid", f"{FIELD_LABELS[field_name]}: {problem}")
        self.field = field_name


def can_write(user: Any) -> bool:
    return may(user, Ability.OPERATE)


def can_print(user: Any) -> bool:
    """KPU, PPK and PPS print for their region; a KPPS member prints nothing."""
    return may(user, Ability.VIEW_REGION)


def template_problems(kind: str, values: Mapping[str, str]) -> dict[str, str]:
    allowed = {"title": placeholders.PLACEHOLDERS[kind], "body": placeholders.PLACEHOLDERS[kind]}
    allowed["number_pattern"] = placeholders.NUMBER_PLACEHOLDERS
    out = {}
    for name, names in allowed.items():
        problem = placeholders.check(values.get(name, ""), names)
        if problem:
            out[name] = problem
    return out


def template_save(*, kind: str, region_code: str, values: Mapping[str, str], actor: Any) -> DocumentTemplate:
    """Store the region's own template of a kind (region '' is the national default), checked first."""
    problems = template_problems(kind, values)
    if problems:
        name, problem = next(iter(problems.items()))
        raise TemplateInvalid(name, problem)
    fields = ("title", "body", "kpu_name", "address", "city", "signatory_name", "signatory_position")
    defaults = {f: values.get(f, "") for f in (*fields, "number_pattern")}
    with transaction.atomic(durable=True):
        template, created = DocumentTemplate.objects.update_or_create(
            kind=kind,
            region_code=region_code,
            defaults={**defaults, "updated_by": actor if not isinstance(actor, str) else None},
        )
        log_action(
            actor=actor,
            action="documents.template_save",
            object_type="document_template",
            object_id=template.pk,
            region_code=region_code,
            after={"kind": kind, "created": created},
        )
    return template


def rate_save(*, region_code: str, body: str, transport: int, honorarium: int, actor: Any) -> Rate:
    if body not in Body.values:
        raise DomainError("body_unknown", ERR_BODY)
    if transport < 0 or honorarium < 0:
        raise DomainError("rate_invalid", ERR_RATE)
    with transaction.atomic(durable=True):
        rate, _ = Rate.objects.update_or_create(
            region_code=region_code,
            body=body,
            defaults={
                "transport_per_day": transport,
                "honorarium_per_session": honorarium,
                "updated_by": actor if not isinstance(actor, str) else None,
            },
        )
        log_action(
            actor=actor,
            action="documents.rate_save",
            object_type="rate",
            object_id=rate.pk,
            region_code=region_code,
            after={"body": body, "transport_per_day": transport, "honorarium_per_session": honorarium},
        )
    return rate


def output_dir() -> Path:
    path = Path(settings.DATA_DIR) / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def run_generate_job(job: Any, progress: Progress) -> dict[str, Any]:
    """Job handler for `documents.generate`: params are a `Request`; the file waits in the data directory."""
    req = Request.from_params(job.params)
    scope = scope_of(job.created_by) if job.created_by else Scope(region_code=None, person_id=None)
    built = document_build(req=req, scope=scope, actor=job.created_by or "sistem", progress=progress)
    suffix = Path(built.filename).suffix
    (output_dir() / f"{job.pk}{suffix}").write_bytes(built.content)
    return {
        **built.summary(),
        "content_type": built.content_type,
        "suffix": suffix,
        "download_url": reverse("documents:job_file", args=[job.pk]),
    }


def job_file(job: Any) -> Path | None:
    suffix = (job.result or {}).get("suffix", "")
    path = output_dir() / f"{job.pk}{suffix}"
    return path if suffix and path.exists() else None
