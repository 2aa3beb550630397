"""Completion and certificates: who completed a program, their certificate, its public verification.

1. `completed` is the completion rule as a pure function: every required part attended, and the post-test
   passed when the rule asks for it.
2. `certificates_issue` applies it to everyone of a program in a region (a kabupaten: a job with progress),
   issues what is new and revokes certificates of workers who were dismissed or replaced (PAW).
3. The public page answers for what a person types or the QR link carries (`certificate_lookup`):
   - the printed code `XXXX-XXXX-XXXX` (`bimtek.lib.typed_code`): its check character tells a typo from a
     code never issued before anything is looked up; only a stored code verifies, and with 55 random bits
     a guess does not find one;
   - the QR link's `CODE:signature` (Django's signing with its own salt): an altered link fails on its
     signature without a query;
   - the 10-character code printed on certificates issued before the typed code (random and stored too).
   Misses are counted per address, and past `CERTIFICATE_VERIFY_MISSES` in the window the page stops
   answering for a while, so it cannot be used to try codes in bulk.
"""

from __future__ import annotations

import io
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from bimtek.assessment.models import Program
from bimtek.assessment.selectors import post_test_passers, program_by_id
from bimtek.audit.services import log_action
from bimtek.delivery.models import DEFAULT_PARTS, Attendance, Certificate, CertificateStatus, CompletionRule
from bimtek.delivery.printouts import qr_image
from bimtek.lib import typed_code
from bimtek.lib.errors import DomainError
from bimtek.lib.reports import Progress, no_progress
from bimtek.lib.windows import count_in_window
from bimtek.planner.models import SessionStatus, tiers_counting_for
from bimtek.workforce.models import Status
from bimtek.workforce.selectors import active_in, departed_people

SALT = "bimtek.delivery.certificate"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # the QR key's: no 0/O or 1/I to misread
LEGACY_LENGTH = 10
REVOKING = (Status.DISMISSED, Status.REPLACED)
MISSES = ("typo", "unknown", "forged")  # what a guesser gets; counted against the asking address

ERR_FORGED = _("Tautan verifikasi tidak sah: tanda tangannya tidak cocok (dipalsukan atau rusak)")
ERR_TYPO = _("Kode salah ketik: periksa lagi ke-12 karakternya pada sertifikat")
ERR_UNKNOWN = _("Sertifikat dengan kode ini tidak ditemukan")
ERR_THROTTLED = _("Terlalu banyak kode yang tidak cocok dari alamat ini. Coba lagi beberapa menit lagi.")
ERR_ALREADY_REVOKED = "Sertifikat ini sudah dicabut"
ERR_NOT_WRITER = "Hanya KPU yang dapat menerbitkan atau mencabut sertifikat"

BATCH = 1000


def completed(
    *, required: Iterable[str], attended: Iterable[str], post_test_passed: bool, require_post_test: bool
) -> str:
    """'' when complete, else the first unmet condition's code."""
    if not set(required) <= set(attended):
        return "attendance_incomplete"
    if require_post_test and not post_test_passed:
        return "post_test_not_passed"
    return ""


def rule_of(program: Program) -> tuple[tuple[str, ...], bool]:
    rule = CompletionRule.objects.filter(program=program).first()
    if rule is None:
        return DEFAULT_PARTS, True
    return tuple(rule.parts) or DEFAULT_PARTS, rule.require_post_test


def sign(code: str) -> str:
    return signing.Signer(salt=SALT).sign(code)


@dataclass(frozen=True)
class Verification:
    ok: bool
    code: str  # valid, revoked, typo, unknown, forged, throttled
    message: str | Promise
    certificate: Certificate | None = None
    matched: str = ""  # the code as it was found, to show back


def _verdict(cert: Certificate | None, matched: str) -> Verification:
    if cert is None:
        return Verification(False, "unknown", ERR_UNKNOWN)
    if cert.status == CertificateStatus.REVOKED:
        return Verification(False, "revoked", _("Sertifikat ini DICABUT"), cert, matched)
    return Verification(True, "valid", _("Sertifikat sah"), cert, matched)


def certificate_verify(*, text: str) -> Verification:
    """The answer for a printed code as typed, a QR link's signed key, or an older certificate's code."""
    certs = Certificate.objects.select_related("program", "person")
    text = text.strip()
    if ":" in text:  # the QR link
        try:
            key = signing.Signer(salt=SALT).unsign(text)
        except signing.BadSignature:
            return Verification(False, "forged", ERR_FORGED)
        return _verdict(certs.filter(code=key).first(), key)
    legacy = typed_code.compact(text)  # O/I/L left as typed: the old codes' alphabet holds L
    if len(legacy) == LEGACY_LENGTH:
        return _verdict(certs.filter(code=legacy).first(), legacy)
    reading, code = typed_code.read(text)
    if reading == "typo":
        return Verification(False, "typo", ERR_TYPO)
    return _verdict(certs.filter(verification_code=code).first(), typed_code.grouped(code))


def _misses_key(client: str) -> str:
    return f"delivery.certificate_verify.misses:{client}"


def certificate_lookup(*, text: str, client: str) -> Verification:
    """`certificate_verify` for the public page: an address with too many misses in the window is refused
    without a lookup until the window ends."""
    key = _misses_key(client)
    if cache.get(key, 0) >= settings.CERTIFICATE_VERIFY_MISSES:
        return Verification(False, "throttled", ERR_THROTTLED)
    verdict = certificate_verify(text=text)
    if verdict.code in MISSES:
        count_in_window(key, settings.CERTIFICATE_VERIFY_WINDOW_SECONDS)
    return verdict


def _tiers_of(program: Program) -> tuple[str, ...]:
    return tiers_counting_for(program.kind)  # the bimtek's make-up sessions (susulan) count like the bimtek


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


@dataclass
class IssueResult:
    issued: int = 0
    already: int = 0
    incomplete: int = 0
    revoked: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def certificates_issue(
    *,
    program: Program,
    region_code: str,
    actor: Any,
    progress: Progress = no_progress,
    person_id: int | None = None,
) -> IssueResult:
    """Issue certificates to everyone in the region who completed the program; revoke those of ended workers.

    With `person_id`, only that person's (a participant claiming their own from their page).
    """
    required, require_post = rule_of(program)
    result = IssueResult(
        revoked=0
        if person_id is not None
        else certificates_revoke_ended(program=program, region_code=region_code, actor=actor)
    )
    appointments = active_in(program.election, region_code, program.bodies)
    if person_id is not None:
        appointments = appointments.filter(person_id=person_id)
    people = list(appointments.values_list("person_id", "region_id").order_by("region_id", "person_id"))
    have = set(
        Certificate.objects.filter(program=program, person_id__in=[p for p, _ in people]).values_list(
            "person_id", flat=True
        )
    )
    total = len(people)
    for start in range(0, total, BATCH):
        chunk = people[start : start + BATCH]
        ids = [p for p, _ in chunk]
        attended: dict[int, set[str]] = defaultdict(set)
        last_day: dict[int, Any] = {}
        rows = Attendance.objects.filter(
            person_id__in=ids,
            session__plan__election=program.election,
            session__plan__tier__in=_tiers_of(program),
        ).exclude(session__status=SessionStatus.CANCELLED)
        for pid, part, day in rows.values_list("person_id", "part", "session__date"):
            attended[pid].add(part)
            last_day[pid] = max(last_day.get(pid, day), day)
        passed = set(post_test_passers(ids, program=program))
        new = []
        for pid, region in chunk:
            if pid in have:
                result.already += 1
                continue
            if completed(
                required=required,
                attended=attended[pid],
                post_test_passed=pid in passed,
                require_post_test=require_post,
            ):
                result.incomplete += 1
                continue
            new.append(
                Certificate(
                    program=program,
                    person_id=pid,
                    region_code=region,
                    code=_new_code(),
                    completed_on=last_day[pid],
                )
            )
        with transaction.atomic(durable=True):
            Certificate.objects.bulk_create(new, ignore_conflicts=True)
            if new:
                log_action(
                    actor=actor,
                    action="certificate.issue",
                    object_type="program",
                    object_id=program.pk,
                    region_code=region_code,
                    after={"count": len(new)},
                )
        result.issued += len(new)
        progress(min(start + BATCH, total), total, f"{result.issued} sertifikat diterbitkan")
    progress(total, total, f"{result.issued} sertifikat diterbitkan")
    return result


def certificate_revoke(*, certificate: Certificate, reason: str, actor: Any) -> Certificate:
    with transaction.atomic(durable=True):
        cert = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if cert.status == CertificateStatus.REVOKED:
            raise DomainError("certificate_revoked", ERR_ALREADY_REVOKED)
        cert.status, cert.revoked_at, cert.revoked_reason = (
            CertificateStatus.REVOKED,
            timezone.now(),
            reason[:255],
        )
        cert.save(update_fields=["status", "revoked_at", "revoked_reason"])
        log_action(
            actor=actor,
            action="certificate.revoke",
            object_type="certificate",
            object_id=cert.pk,
            region_code=cert.region_code,
            after={"reason": reason},
        )
    return cert


def certificates_revoke_ended(*, program: Program, region_code: str, actor: Any) -> int:
    """Revoke the valid certificates of people whose appointment ended by dismissal or replacement (PAW)."""
    ended = departed_people(program.election, region_code, program.bodies, REVOKING)
    certs = Certificate.objects.filter(program=program, status=CertificateStatus.VALID, person_id__in=ended)
    with transaction.atomic(durable=True):
        ids = list(certs.select_for_update().values_list("pk", flat=True))
        if ids:
            Certificate.objects.filter(pk__in=ids).update(
                status=CertificateStatus.REVOKED,
                revoked_at=timezone.now(),
                revoked_reason="Petugas diberhentikan atau diganti (PAW)",
            )
            log_action(
                actor=actor,
                action="certificate.revoke_ended",
                object_type="program",
                object_id=program.pk,
                region_code=region_code,
                after={"count": len(ids)},
            )
    return len(ids)


def run_issue_job(job: Any, progress: Progress) -> dict[str, Any]:
    """Job handler for `certificates.issue`: params program (id) and region (code)."""
    program = program_by_id(job.params["program"])
    if program is None:
        raise ValueError(f"program {job.params['program']} does not exist")
    actor = job.created_by or "sistem"
    return certificates_issue(
        program=program, region_code=job.params["region"], actor=actor, progress=progress
    ).as_dict()


def certificate_pdf(certificate: Certificate, *, link: str, page: str) -> bytes:
    """One A4 landscape certificate: name, program, date, a QR of the verification `link`, and the code to
    type on the verification `page` for those who cannot scan."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setTitle("Sertifikat")
    canvas.setFont("Helvetica-Bold", 30)
    canvas.drawCentredString(width / 2, height - 45 * mm, "SERTIFIKAT")
    canvas.setFont("Helvetica", 14)
    canvas.drawCentredString(width / 2, height - 62 * mm, "diberikan kepada")
    canvas.setFont("Helvetica-Bold", 24)
    canvas.drawCentredString(width / 2, height - 80 * mm, certificate.person.name)
    canvas.setFont("Helvetica", 14)
    canvas.drawCentredString(
        width / 2, height - 96 * mm, f"yang telah menyelesaikan {certificate.program.name}"
    )
    canvas.drawCentredString(
        width / 2,
        height - 106 * mm,
        f"{certificate.program.election.name} · {certificate.completed_on:%d-%m-%Y}",
    )
    image = qr_image(link, 38)
    image.drawOn(canvas, width - 58 * mm, 18 * mm)
    canvas.setFont("Courier-Bold", 14)  # fixed width: each character of the code stands apart
    canvas.drawCentredString(width - 39 * mm, 12 * mm, certificate.printed_code)
    canvas.setFont("Helvetica", 9)
    canvas.drawString(
        20 * mm, 24 * mm, f"Periksa keaslian: pindai QR, atau buka {page} dan ketik kode di bawah QR"
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
