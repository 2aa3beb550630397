"""Pages of the assessment: thin views over services and selectors.

Programs, modules and the question bank belong to an election, not a region: every user with a
role sees them, only a national KPU admin changes them. Attempts and results are regional: they
are always read through `visible_to`/`in_scope`, and a `region` parameter outside the user's
scope is a 404. Taking a test needs no account: the attempt's code (on the paper sheet and in the
link) is the key, as a ticket is.
"""

import io
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import (
    Ability,
    may,
    may_run_tests,
    may_see_results,
    public,
    require_covers,
    requires,
    scoped_get,
)
from bimtek.accounts.scoping import Scope, region_filter, scope_of
from bimtek.assessment import attempts as attempt_services
from bimtek.assessment import bank, curriculum, exports, fixed, paper, selectors, sheets
from bimtek.assessment.forms import ModuleForm, PassMarkForm, TestFormSettingsForm, UploadForm
from bimtek.assessment.models import Attempt, AttemptMode, AttemptStatus, Module, Program, Question, TestForm
from bimtek.assessment.packing import unpack
from bimtek.elections.selectors import election_or_404
from bimtek.jobs.models import Job
from bimtek.jobs.services import job_start
from bimtek.lib.errors import DomainError
from bimtek.lib.jsonbody import JsonBodyError, parse_json
from bimtek.lib.tabular import TableError
from bimtek.regions.models import Region


def _scope(request: HttpRequest) -> Scope:
    scope = scope_of(request.user)
    if scope.nothing:
        raise Http404
    return scope


def _can_edit_curriculum(request: HttpRequest) -> bool:
    return may(request.user, Ability.OPERATE, "")  # "" is the whole country: a national KPU admin


def _can_facilitate(request: HttpRequest) -> bool:
    return may(request.user, Ability.FACILITATE)


def _require_tests_of(request: HttpRequest, form: TestForm) -> None:
    """A PPK/PPS runs the tests of the KPPS and Linmas they train; the ToT's tests (their own) are the KPU's."""
    if not may_run_tests(request.user, form.program.kind):
        raise PermissionDenied


def _region(request: HttpRequest, scope: Scope) -> str:
    code = request.GET.get("region") or request.POST.get("region") or scope.region_code or ""
    require_covers(request, code)
    return code


@requires(Ability.VIEW_REGION)
def programs(request: HttpRequest, slug: str) -> HttpResponse:
    _scope(request)
    election = election_or_404(slug)
    items = Program.objects.filter(election=election).prefetch_related("modules", "forms")
    return render(request, "assessment/program_list.html", {"election": election, "programs": items})


@requires(Ability.VIEW_REGION)
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _scope(request)
    program = get_object_or_404(Program.objects.select_related("election"), pk=pk)
    editable = _can_edit_curriculum(request)
    form = PassMarkForm(request.POST or None, initial={"pass_mark": program.pass_mark})
    if request.method == "POST":
        if not editable:
            return HttpResponseForbidden()
        if form.is_valid():
            curriculum.program_update(
                program=program, pass_mark=form.cleaned_data["pass_mark"], actor=request.user
            )
            messages.success(request, "Nilai lulus disimpan")
            return redirect("assessment:program", pk=program.pk)
    modules = [(m, ModuleForm(initial=_module_initial(m), prefix=f"m{m.pk}")) for m in program.modules.all()]
    return render(
        request,
        "assessment/program_detail.html",
        {
            "program": program,
            "election": program.election,
            "modules": modules,
            "form": form,
            "editable": editable,
            "banks": selectors.bank_counts(program),
            "total_minutes": sum(m.minutes for m, _ in modules),
        },
    )


def _module_initial(module: Module) -> dict[str, Any]:
    return {f: getattr(module, f) for f in ("title", "minutes", "questions", "objectives", "regulations")}


@requires(Ability.OPERATE)
@require_POST
def module_edit(request: HttpRequest, pk: int) -> HttpResponse:
    module = get_object_or_404(Module, pk=pk)
    if not _can_edit_curriculum(request):
        return HttpResponseForbidden()
    form = ModuleForm(request.POST, prefix=f"m{module.pk}")
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        try:
            curriculum.module_update(module=module, actor=request.user, **form.cleaned_data)
            messages.success(request, "Modul disimpan")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("assessment:program", pk=module.program_id)


@requires(Ability.OPERATE)
@require_POST
def form_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Only a national KPU admin changes a test: every region's participants take the same form."""
    test_form = get_object_or_404(TestForm, pk=pk)
    if not _can_edit_curriculum(request):
        return HttpResponseForbidden()
    settings_form = TestFormSettingsForm(request.POST)
    if not settings_form.is_valid():
        messages.error(request, "; ".join(str(e) for errs in settings_form.errors.values() for e in errs))
    else:
        try:
            curriculum.test_form_configure(form=test_form, actor=request.user, **settings_form.cleaned_data)
            messages.success(request, "Pengaturan tes disimpan")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("assessment:form", pk=test_form.pk)


@requires(Ability.OPERATE)
def form_fixed(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the questions every participant of the form gets, in order, from the program's banks.

    Every KPU operator may look (the questions with their text are theirs: `Ability.OPERATE`); saving is a
    change to a form that every region takes, so it needs the whole country (`_can_edit_curriculum`).
    """
    _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    editable = _can_edit_curriculum(request)
    banks = fixed.program_banks(form)
    chosen_bank = request.GET.get("modul", "")
    chosen_bank = chosen_bank if chosen_bank in banks else ""
    problem: fixed.FixedQuestionsError | None = None
    chosen = list(form.fixed_questions)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        try:
            ids = fixed.parse_choice(request.POST)
            fixed.test_form_fix_questions(form=form, question_ids=ids, actor=request.user)
            messages.success(request, _("Soal tetap disimpan: %(n)d soal") % {"n": len(ids)})
            return redirect("assessment:form", pk=form.pk)
        except fixed.FixedQuestionsError as exc:
            problem = exc
            chosen = [int(v) for v in request.POST.getlist("q") if v.isdigit()]
    rows = fixed.choices(form, chosen_bank, chosen)
    shown = {row.question.pk for row in rows}
    codes = dict(Question.objects.filter(pk__in=chosen).values_list("pk", "code"))
    context = {
        "form": form,
        "program": form.program,
        "election": form.program.election,
        "rows": rows,
        "kept": [(pk, i, codes.get(pk, pk)) for i, pk in enumerate(chosen, start=1) if pk not in shown],
        "count": len(chosen),
        "banks": banks,
        "chosen_bank": chosen_bank,
        "editable": editable,
        "problem": problem,
    }
    return render(request, "assessment/form_fixed.html", context, status=400 if problem else 200)


@requires(Ability.ASSESS)
def bank_list(request: HttpRequest, slug: str) -> HttpResponse:
    _scope(request)
    election = election_or_404(slug)
    questions = Question.objects.filter(election=election, active=True).select_related("current")
    chosen = request.GET.get("modul", "")
    if chosen:
        questions = questions.filter(bank=chosen)
    banks = sorted(bank.known_banks(election))
    page = Paginator(questions.order_by("bank", "code"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/bank_list.html",
        {
            "election": election,
            "page": page,
            "banks": banks,
            "chosen": chosen,
            "upload": UploadForm(),
            "editable": _can_edit_curriculum(request),
            "report": None,
        },
    )


@requires(Ability.ASSESS)
def bank_export(request: HttpRequest, slug: str) -> HttpResponse:
    _scope(request)
    election = election_or_404(slug)
    return _xlsx(bank.questions_export(election=election), f"bank-soal-{election.slug}.xlsx")


@requires(Ability.OPERATE)
@require_POST
def bank_import(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    if not _can_edit_curriculum(request):
        return HttpResponseForbidden()
    upload = UploadForm(request.POST, request.FILES)
    report = None
    if upload.is_valid():
        f = upload.cleaned_data["file"]
        try:
            report = bank.questions_import(
                election=election,
                source=io.BytesIO(f.read()),
                filename=f.name,
                actor=request.user,
                dry_run=upload.cleaned_data["dry_run"],
                keep_good_rows=upload.cleaned_data["keep_good_rows"],
            )
        except TableError as exc:
            messages.error(request, exc.message)
    questions = Question.objects.filter(election=election, active=True).select_related("current")
    page = Paginator(questions.order_by("bank", "code"), 50).get_page(1)
    return render(
        request,
        "assessment/bank_list.html",
        {
            "election": election,
            "page": page,
            "banks": sorted(bank.known_banks(election)),
            "chosen": "",
            "upload": upload,
            "editable": True,
            "report": report,
        },
    )


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Ability.VIEW_REGION)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    program = get_object_or_404(Program.objects.select_related("election"), pk=pk)
    if not may_see_results(request.user, program.kind):
        raise PermissionDenied
    code = _region(request, scope)
    rows = selectors.participants(program, scope, code)
    groups = selectors.group_results(rows, selectors.child_key(code))
    region = Region.objects.filter(code=code).first() if code else None
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    # The page's own 50 rows get their desa names in one query; the code stays as a title for the operator.
    region_names = dict(Region.objects.filter(code__in={p.region for p in page}).values_list("code", "name"))
    pre, post = selectors.forms_of(program)
    return render(
        request,
        "assessment/results.html",
        {
            "program": program,
            "election": program.election,
            "region": region,
            "groups": groups,
            "overall": selectors.overall(rows),
            "page": page,
            "page_rows": [(p, region_names.get(p.region, p.region)) for p in page],
            "pre": pre,
            "post": post,
            "count": len(rows),
            "can_facilitate": _can_facilitate(request),
        },
    )


@requires(Ability.ASSESS)
def form_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    code = _region(request, scope)
    analysis = selectors.form_item_analysis(form, scope, code)
    return render(
        request,
        "assessment/analysis.html",
        {
            "form": form,
            "program": form.program,
            "election": form.program.election,
            "analysis": analysis,
            "region_code": code,
        },
    )


@requires(Ability.ASSESS)
def form_analysis_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    code = _region(request, scope)
    analysis = selectors.form_item_analysis(form, scope, code)
    return _xlsx(exports.analysis_xlsx(form, analysis), f"analisis-butir-{form.pk}.xlsx")


@requires(Ability.FACILITATE)
@require_POST
def form_issue(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program"), pk=pk)
    _require_tests_of(request, form)
    code = _region(request, scope)
    if not _can_facilitate(request):
        return HttpResponseForbidden()
    mode = AttemptMode.PAPER if request.POST.get("mode") == "paper" else AttemptMode.ONLINE
    try:
        made = attempt_services.attempts_issue(
            form=form, region_code=code, mode=mode, actor=request.user, scope=scope
        )
        messages.success(request, f"{made} peserta mendapat tes baru")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('assessment:form', args=[form.pk])}?region={code}")


@requires(Ability.FACILITATE)
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    _require_tests_of(request, form)
    code = _region(request, scope)
    attempts = Attempt.objects.visible_to(request.user).filter(form=form).select_related("person")
    if code:
        attempts = attempts.filter(region_filter("region__code", code))
    page = Paginator(attempts.order_by("region_id", "person__name", "number"), 50).get_page(
        request.GET.get("page")
    )
    return _render_form_detail(
        request,
        form,
        page=page,
        region_code=code,
        can_facilitate=_can_facilitate(request),
        upload=UploadForm(),
    )


@requires(Ability.FACILITATE)
def form_sheets(request: HttpRequest, pk: int) -> HttpResponse:
    """The unfinished attempts' answer sheets: a PDF at once up to SHEETS_INLINE, else a job started by a
    POST from the page this answers (a GET never starts work)."""
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    _require_tests_of(request, form)
    code = _region(request, scope)
    if not _can_facilitate(request):
        return HttpResponseForbidden()
    attempts = sheets.sheet_attempts(request.user, form, code)
    count = attempts.count()
    take_url = request.build_absolute_uri(reverse("assessment:take", args=["X"])).removesuffix("X/")
    if request.method == "POST" and count:
        job = job_start(
            kind=sheets.JOB_KIND,
            title=f"Lembar jawaban · {form} · {count:,}".replace(",", "."),
            params={"form_id": form.pk, "region_code": code, "take_url": take_url},
            actor=request.user,
            region_code=code,
        )
        return redirect(reverse("jobs:job", args=[job.pk]))
    if count and count <= sheets.SHEETS_INLINE:
        pdf = paper.sheets_pdf(attempts=list(attempts), take_url=take_url)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{sheets.filename(form, code)}"'
        return response
    region = Region.objects.filter(code=code).first() if code else None
    context = {
        "form": form,
        "count": count,
        "region_code": code,
        "region": region,
        "inline": sheets.SHEETS_INLINE,
    }
    return render(request, "assessment/sheets_offer.html", context)


@requires(Ability.FACILITATE)
def form_sheets_file(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = scoped_get(request, Job.objects.filter(kind=sheets.JOB_KIND), pk=pk)
    if job.created_by_id != request.user.pk and not may(request.user, Ability.OPERATE):
        raise Http404  # a facilitator's batch holds only what they may see
    path = sheets.job_file(job)
    if path is None:
        raise Http404
    filename = (job.result or {}).get("filename") or path.name
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


@requires(Ability.FACILITATE)
@require_POST
def form_answers_import(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    form = get_object_or_404(TestForm.objects.select_related("program__election"), pk=pk)
    _require_tests_of(request, form)
    if not _can_facilitate(request):
        return HttpResponseForbidden()
    upload = UploadForm(request.POST, request.FILES)
    report = None
    if upload.is_valid():
        f = upload.cleaned_data["file"]
        try:
            report = paper.answers_import(
                form=form,
                source=io.BytesIO(f.read()),
                filename=f.name,
                actor=request.user,
                scope=scope,
                dry_run=upload.cleaned_data["dry_run"],
                keep_good_rows=upload.cleaned_data["keep_good_rows"],
            )
        except TableError as exc:
            messages.error(request, exc.message)
    attempts = Attempt.objects.visible_to(request.user).filter(form=form).select_related("person")
    page = Paginator(attempts.order_by("region_id", "person__name"), 50).get_page(1)
    return _render_form_detail(
        request,
        form,
        page=page,
        region_code=scope.region_code or "",
        can_facilitate=True,
        upload=upload,
        report=report,
    )


def _render_form_detail(
    request: HttpRequest,
    form: TestForm,
    *,
    page: Any,
    region_code: str,
    can_facilitate: bool,
    upload: Any,
    report: Any = None,
) -> HttpResponse:
    settings_form = TestFormSettingsForm(
        initial={
            "mode": form.mode,
            "time_limit_minutes": form.time_limit_minutes,
            "max_attempts": form.max_attempts,
            "shuffle_options": form.shuffle_options,
        }
    )
    context = {
        "form": form,
        "program": form.program,
        "election": form.program.election,
        "page": page,
        "region_code": region_code,
        "can_facilitate": can_facilitate,
        "upload": upload,
        "report": report,
        "blueprint": attempt_services.blueprint(form),
        "can_edit": _can_edit_curriculum(request),
        "can_operate": may(request.user, Ability.OPERATE),
        "settings_form": settings_form,
    }
    return render(request, "assessment/form_detail.html", context)


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
        {"attempt": attempt, "items": items, "deadline": end.isoformat() if end else ""},
    )


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
