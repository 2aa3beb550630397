"""Pages of the assessment: taking a test, with no account, by the attempt's code.

The participant's page of an attempt (`take`, or its review once submitted) and the phone's JSON posts
that save one answer (`take_answer`) and submit the attempt (`take_submit`); a body too large, too deep
or not JSON is a coded 400, an answer the attempt refuses a coded 409.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import public
from bimtek.assessment import attempts as attempt_services
from bimtek.assessment.models import Attempt, AttemptStatus
from bimtek.assessment.packing import unpack
from bimtek.lib.errors import DomainError
from bimtek.lib.jsonbody import JsonBodyError, parse_json


def _attempt(code: str) -> Attempt:
    return get_object_or_404(Attempt.objects.select_related("form__program", "person"), code=code.upper())


@public
def take(request: HttpRequest, code: str) -> HttpResponse:
    attempt = _attempt(code)
    versions = attempt_services.versions_of(attempt)
    answers = unpack(attempt.answers)
    if attempt.status == AttemptStatus.SUBMITTED:
        review = [(v, a, a == v.answer) for v, a in zip(versions, answers, strict=True)]
        return render(request, "assessment/take_done.html", {"attempt": attempt, "review": review})
    attempt_services.attempt_start(attempt=attempt)
    items = [
        {
            "position": i,
            "version": v,
            "options": attempt_services.shown_options(attempt, v),
            "answer": answers[i],
        }
        for i, v in enumerate(versions)
    ]
    end = attempt_services.deadline(attempt)
    return render(
        request,
        "assessment/take.html",
        {
            "attempt": attempt,
            "items": items,
            "deadline": end.isoformat() if end else "",
            "words": take_words(),
        },
    )


def take_words() -> dict[str, str]:
    """What the test page's script says, in the page's language, written into the page so it needs no
    second request on a weak signal."""
    return {
        "answered": _("%(answered)s/%(total)s terjawab"),
        "waiting": _("Luring · %(count)s menunggu"),
        "saving": _("Menyimpan…"),
        "saved": _("Semua jawaban tersimpan"),
        "sending": _("Mengirim…"),
        "not_sent": _("Belum terkirim"),
        "sent_later": _("Belum terkirim: tes akan dikirim otomatis saat sinyal kembali."),
        "blank_left": _("Masih ada %(count)s soal kosong. Tekan sekali lagi untuk tetap mengirim."),
    }


def _json_body(request: HttpRequest) -> dict[str, Any]:
    """The phone's JSON object; JsonBodyError (a coded 400) for a body too large, too deep or not JSON."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if _content_length(request) > limit:  # before request.body, which would answer Django's HTML 400
        raise JsonBodyError("body_too_large", f"Isi lebih dari {limit // (1024 * 1024)} MB")
    if not request.body.strip():
        return {}
    body = parse_json(request.body, max_bytes=limit, max_depth=8)
    return body if isinstance(body, dict) else {}


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _refuse_body(exc: JsonBodyError) -> JsonResponse:
    return JsonResponse({"ok": False, "code": exc.code, "message": exc.message}, status=400)


def _int_or_none(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise DomainError("answer_invalid", "Jawaban tidak sesuai pilihan soal")
    try:
        return int(value)
    except ValueError:
        raise DomainError("answer_invalid", "Jawaban tidak sesuai pilihan soal") from None


@public
@require_POST
def take_answer(request: HttpRequest, code: str) -> JsonResponse:
    attempt = _attempt(code)
    try:
        body = _json_body(request)
    except JsonBodyError as exc:
        return _refuse_body(exc)
    try:
        position = _int_or_none(body.get("position"))
        attempt_services.attempt_answer(
            code=attempt.code,
            position=position if position is not None else -1,
            value=_int_or_none(body.get("value")),
        )
    except DomainError as exc:
        return JsonResponse({"ok": False, "code": exc.code, "message": exc.message}, status=409)
    return JsonResponse({"ok": True})


@public
@require_POST
def take_submit(request: HttpRequest, code: str) -> JsonResponse:
    attempt = _attempt(code)
    try:
        body = _json_body(request)
    except JsonBodyError as exc:
        return _refuse_body(exc)
    try:
        raw = body.get("answers") or {}
        answers = {int(k): _int_or_none(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
        done = attempt_services.attempt_submit(code=attempt.code, answers=answers)
    except (DomainError, ValueError) as exc:
        code_ = getattr(exc, "code", "answer_invalid")
        return JsonResponse(
            {"ok": False, "code": code_, "message": getattr(exc, "message", str(exc))}, status=409
        )
    return JsonResponse(
        {
            "ok": True,
            "score": done.score,
            "percent": done.percent,
            "passed": done.passed,
            "next": reverse("assessment:take", args=[done.code]),
        }
    )
