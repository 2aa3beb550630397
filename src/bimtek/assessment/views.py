"""Pages of the assessment: thin views over services and selectors.

Programs, modules and the question bank belong to an election, not a region: every user with a
role sees them, only a national KPU admin changes them. Attempts and results are regional: they
are always read through `visible_to`/`in_scope`, and a `region` parameter outside the user's
scope is a 404. Taking a test needs no account: the attempt's code (on the paper sheet and in the
link) is the key, as a ticket is.

This module holds the guards the pages share and the programs with their curriculum (modules, a test
form's settings and fixed questions). The other pages sit by area: the question bank in `views_bank.py`,
results and item analysis in `views_results.py`, a test form's sitting (issuing attempts, answer sheets,
paper answers) in `views_tests.py`, and taking a test by its code in `views_take.py`.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, may, may_run_tests, require_covers, requires
from bimtek.accounts.scoping import Scope, scope_of
from bimtek.assessment import curriculum, fixed, selectors
from bimtek.assessment.forms import ModuleForm, PassMarkForm, TestFormSettingsForm
from bimtek.assessment.models import Module, Program, Question, TestForm
from bimtek.elections.selectors import election_or_404
from bimtek.lib.errors import DomainError


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


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


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
