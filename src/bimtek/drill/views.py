"""Drill pages (practise, the worksheet, attempts, a class's common mistakes) and the real-form check."""

import random

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, public, require_covers, requires, scoped_get
from bimtek.accounts.scoping import region_filter, scope_of
from bimtek.drill.core.checker import check
from bimtek.drill.core.form import CONTESTS, box_paths, boxes, form_from_boxes, label
from bimtek.drill.core.generator import FORM_NAMES, LEVELS, TRAPS, Drill
from bimtek.drill.core.schema import form_from_json
from bimtek.drill.core.scoring import Score
from bimtek.drill.exports import check_results_xlsx, check_template_xlsx
from bimtek.drill.form_check import FormCheck, TpsResult, check_upload
from bimtek.drill.forms import BoxesForm, CheckEntryForm, UploadForm, mark, pairs_from, sections
from bimtek.drill.models import CrewDrill, DrillAttempt, Level
from bimtek.drill.rules import rule_rows
from bimtek.drill.selectors import PASS_MARK, best_drill_score, common_mistakes
from bimtek.drill.services import drill_attempt_record, drill_for, drill_score
from bimtek.drill.who import own_person, person_param
from bimtek.elections.models import Election
from bimtek.elections.selectors import election_or_404
from bimtek.lib.xlsx import XLSX
from bimtek.regions.forms import within_scope
from bimtek.workforce.models import Person
from bimtek.workforce.selectors import person_visible_to, tps_served_by

MAX_SEED = 2**31 - 1  # the attempt's seed column is a PositiveIntegerField


@public
def index(request: HttpRequest) -> HttpResponse:
    me = getattr(request.user, "person_id", None)
    return render(request, "drill/index.html", {"elections": Election.objects.all(), "me": me})


@public
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """A new drill with a fresh seed; `peserta` (a person the facilitator records for) is carried on."""
    election = election_or_404(slug)
    level = request.GET.get("level", "easy")
    if level not in LEVELS:
        raise Http404
    url = reverse("drill:drill", args=[election.slug, level, random.randint(1, 999_999)])
    person = person_param(request, request.GET)
    return redirect(f"{url}?peserta={person.pk}" if person else url)


def _drill_or_404(election: Election, level: str, seed: int) -> Drill:
    if level not in LEVELS or seed > MAX_SEED:
        raise Http404
    return drill_for(kind=election.kind, level=level, seed=seed)  # type: ignore[arg-type]  # a TextChoices str; the core has a Literal


@public
def drill_page(request: HttpRequest, slug: str, level: str, seed: int) -> HttpResponse:
    """The story and an empty form; a submitted form is scored, and stored when it belongs to a person."""
    election = election_or_404(slug)
    drill = _drill_or_404(election, level, seed)
    paths = list(boxes(drill.truth))
    data = request.POST if request.method == "POST" else None
    person = person_param(request, data or request.GET)
    form = BoxesForm(data, paths=paths)
    if data is None or not form.is_valid():
        return _render_drill(request, election, drill, form, person=person)
    person = person or own_person(request)
    if person is not None:
        attempt = drill_attempt_record(
            person=person,
            election=election,
            level=level,  # type: ignore[arg-type]  # checked against LEVELS above; the core has a Literal
            seed=seed,
            values=form.values(),
            actor=request.user,
        )
        return redirect("drill:attempt", pk=attempt.pk)
    _form, result = drill_score(drill=drill, values=form.values())
    return _render_drill(request, election, drill, form, result=result)


def _render_drill(
    request: HttpRequest,
    election: Election,
    drill: Drill,
    form: BoxesForm,
    *,
    person: Person | None = None,
    result: Score | None = None,
    attempt: DrillAttempt | None = None,
) -> HttpResponse:
    if result is not None:
        flagged = {p for v in (*result.check.errors, *result.check.warnings) for p in v.fields}
        mark(form, wrong=[w.path for w in result.wrong], flagged=flagged)
    context = {
        "election": election,
        "drill": drill,
        "day": drill.day,
        "form_name": FORM_NAMES[drill.day.kind],
        "level_label": Level(drill.day.level).label,
        "form": form,
        "sections": sections(form),
        "person": person or (attempt.person if attempt else None),
        "result": result,
        "attempt": attempt,
        "pass_mark": PASS_MARK,
        "traps": [TRAPS[t] for t in drill.day.traps] if result is not None else [],
    }
    return render(request, "drill/drill.html", context)


@public
def worksheet(request: HttpRequest, slug: str, level: str, seed: int) -> HttpResponse:
    from bimtek.drill.worksheet import worksheet_pdf

    election = election_or_404(slug)
    drill = _drill_or_404(election, level, seed)
    response = HttpResponse(worksheet_pdf(drill), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="latihan-{election.kind}-{level}-{seed}.pdf"'
    return response


@requires(Ability.PARTICIPATE)
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    attempt: DrillAttempt = scoped_get(
        request, DrillAttempt.objects.select_related("person", "election"), pk=pk
    )
    drill = _drill_or_404(attempt.election, attempt.level, attempt.seed)
    submitted = form_from_json(attempt.form)
    form = BoxesForm(initial=boxes(submitted), paths=list(boxes(drill.truth)))
    for f in form.fields.values():
        f.disabled = True  # a stored attempt is read, not refilled
    _form, result = drill_score(drill=drill, values=boxes(submitted))
    return _render_drill(request, attempt.election, drill, form, result=result, attempt=attempt)


@requires(Ability.PARTICIPATE)
def person_attempts(request: HttpRequest, pk: int) -> HttpResponse:
    """A trainee's drill record: best score per election and every attempt."""
    person = person_visible_to(request.user, pk)
    if person is None:
        raise Http404
    attempts = DrillAttempt.objects.visible_to(request.user).filter(person=person).select_related("election")
    elections = Election.objects.all()
    best = [(e, best_drill_score(person, e)) for e in elections]
    # The drills of every crew the person served in: a ketua who has not typed still owns her crew's score.
    crew_drills = CrewDrill.objects.visible_to(request.user).filter(tps_id__in=tps_served_by(person))
    return render(
        request,
        "drill/person.html",
        {
            "person": person,
            "attempts": attempts[:100],
            "best": best,
            "pass_mark": PASS_MARK,
            "levels": LEVELS,
            "drills": crew_drills.select_related("tps__village")[:50],
        },
    )


@requires(Ability.VIEW_REGION)
def mistakes(request: HttpRequest, slug: str) -> HttpResponse:
    """The class's common mistakes: how many attempts broke each rule and got each box wrong."""
    election = election_or_404(slug)
    attempts = DrillAttempt.objects.visible_to(request.user).filter(election=election)
    region = request.GET.get("wilayah", "")
    if region:
        require_covers(request, region)
        attempts = attempts.filter(region_filter("person__region__code", region))
    summary = common_mistakes(attempts)
    return render(
        request,
        "drill/mistakes.html",
        {
            "election": election,
            "summary": summary,
            "rules": rule_rows(summary.by_rule, summary.attempts),
            "boxes": [(path, label(path), n) for path, n in summary.by_box],
            "recent": attempts.select_related("person")[:30],
            "region": region,
            "pass_mark": PASS_MARK,
        },
    )


@requires(Ability.PARTICIPATE)
def check_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Type one TPS's form and see its violations; or upload a file (handled by check_file)."""
    election = election_or_404(slug)
    pairs = pairs_from(request.GET, 3 if election.kind == "pemilu" else 2)
    paths = box_paths(election.kind, pairs)  # type: ignore[arg-type]  # a TextChoices str; the core has a Literal
    data = request.POST if request.method == "POST" else None
    entry, boxes_form = within_scope(CheckEntryForm(data), request.user), BoxesForm(data, paths=paths)
    outcome = None
    if data is not None and entry.is_valid() and boxes_form.is_valid():
        code, tps = entry.cleaned_data["region_code"], entry.cleaned_data["tps"]
        if code:
            require_covers(request, code)
        form_id = f"{code} TPS {tps:03d}" if code and tps else "TPS"
        kind = election.kind
        form = form_from_boxes(id=form_id, kind=kind, contest=CONTESTS[kind][0], values=boxes_form.values())  # type: ignore[index,arg-type]  # kind: a TextChoices str, CONTESTS is keyed by the core's Literal
        outcome = FormCheck(results=[TpsResult(0, code, tps, form, check(form))])  # row 0: typed, no file
        only = outcome.results[0].result
        mark(boxes_form, flagged={p for v in (*only.errors, *only.warnings) for p in v.fields})
    return render(
        request,
        "drill/check.html",
        {
            "election": election,
            "entry": entry,
            "sections": sections(boxes_form),
            "pairs": pairs,
            "upload": UploadForm(),
            "outcome": outcome,
        },
    )


@requires(Ability.PARTICIPATE)
@require_POST
def check_file(request: HttpRequest, slug: str) -> HttpResponse:
    """Check every form of an uploaded file; `export` answers with the results as XLSX instead."""
    election = election_or_404(slug)
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return render(request, "drill/check_file.html", {"election": election, "upload": upload}, status=400)
    file = upload.cleaned_data["file"]
    outcome: FormCheck = check_upload(
        source=file,
        filename=file.name,
        kind=election.kind,  # type: ignore[arg-type]  # a TextChoices str; the core has a Literal
        scope=scope_of(request.user),
        max_bytes=settings.IMPORT_MAX_BYTES,
    )
    if request.POST.get("export"):
        response = HttpResponse(check_results_xlsx(outcome), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="hasil-periksa-{election.slug}.xlsx"'
        return response
    return render(
        request, "drill/check_file.html", {"election": election, "upload": UploadForm(), "outcome": outcome}
    )


@requires(Ability.PARTICIPATE)
def check_template(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    pairs = pairs_from(request.GET, 3 if election.kind == "pemilu" else 2)
    response = HttpResponse(check_template_xlsx(election.kind, pairs), content_type=XLSX)  # type: ignore[arg-type]  # TextChoices str
    response["Content-Disposition"] = f'attachment; filename="templat-c-hasil-{election.slug}.xlsx"'
    return response
