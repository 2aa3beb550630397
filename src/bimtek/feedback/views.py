"""Evaluation pages: the operator's survey page (QR, state, the session's results), the participant's form
(public, mobile), and the results of a region with their XLSX. Thin views over services and selectors."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, home_region, public, require_covers, requires
from bimtek.accounts.models import PERSONAL_ROLES
from bimtek.delivery.selectors import can_check_in, session_visible
from bimtek.elections.selectors import election_or_404
from bimtek.feedback import exports, selectors, services
from bimtek.feedback.forms import CodeForm, SurveyForm
from bimtek.lib.errors import DomainError
from bimtek.lib.xlsx import XLSX
from bimtek.planner.models import TrainingSession
from bimtek.planner.sessions import session_with_plan
from bimtek.regions.models import Region
from bimtek.regions.selectors import typed_code


def _session_or_404(request: HttpRequest, pk: int) -> TrainingSession:
    """A session the user may see and whose results they may read (not a KPPS account)."""
    session = session_visible(request.user, pk)
    if session is None or selectors.results_scope(request.user).nothing:
        raise Http404
    return session


@requires(Ability.PARTICIPATE)  # a participant is sent on to the form itself
def survey_page(request: HttpRequest, pk: int) -> HttpResponse:
    """What the facilitator shows or prints: the survey's QR and link, its state and the session's results.
    A participant (KPPS account) who follows the session's link lands on the form itself."""
    visible = session_visible(request.user, pk)
    if visible is not None and selectors.results_scope(request.user).nothing:
        return redirect(reverse("feedback:fill", args=[services.survey_token(visible.pk)]))
    session = _session_or_404(request, pk)
    link = request.build_absolute_uri(reverse("feedback:fill", args=[services.survey_token(session.pk)]))
    scope = selectors.results_scope(request.user)
    context = {
        "session": session,
        "election": session.plan.election,
        "link": link,
        "qr": segno.make(link, error="m").svg_inline(scale=5, border=2),
        "state": selectors.survey_state(session),
        "results": selectors.results(
            scope=scope,
            election=session.plan.election,
            session=session,
            own_person_id=selectors.own_person(request.user),
        ),
        "remarks": selectors.remarks(scope=scope, session=session),
        "can_close": can_check_in(request.user),
    }
    return render(request, "feedback/survey.html", context)


@requires(Ability.FACILITATE)
@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    try:
        services.survey_close(session=session, actor=request.user)
        messages.success(request, _("Evaluasi sesi ini ditutup"))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("feedback:survey", args=[session.pk]))


@public
def fill(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the participant's form. Step 1 names the participant (login or card code), step 2 answers."""
    session = session_with_plan(services.session_of_token(token))
    if session is None:
        return _fill_page(request, None, error=services.ERR_TOKEN, status=404)
    kpps = _logged_in_kpps(request)
    if request.method != "POST" and not kpps:
        return _fill_page(request, session, code_form=CodeForm())
    code = "" if kpps else request.POST.get("code", "").strip()[:120]
    try:
        person_id = services.participant_of(user=request.user, code=code)
        questionnaire = services.questionnaire_for(session=session, person_id=person_id)
    except DomainError as exc:
        form = None if kpps else CodeForm(request.POST)
        return _fill_page(request, session, error=exc.message, code_form=form, status=_STATUS[exc.code])
    answering = request.method == "POST" and "satisfaction" in request.POST
    form = SurveyForm(questionnaire, request.POST if answering else None, initial={"code": code})
    if not answering or not form.is_valid():
        return _fill_page(request, session, form=form)
    try:
        services.response_submit(session=session, person_id=person_id, answers=form.answers())
    except DomainError as exc:
        return _fill_page(request, session, error=exc.message, status=_STATUS[exc.code])
    return _fill_page(request, session, thanks=True)


# Refusals a participant can meet: answered already is a conflict, the rest are refusals of who or when.
_STATUS = defaultdict(lambda: 403, {"already_answered": 409, "answers_invalid": 400, "remarks_too_long": 400})


def _fill_page(
    request: HttpRequest, session: TrainingSession | None, status: int = 200, **context: object
) -> HttpResponse:
    if session is not None:
        context |= {"session": session, "state": selectors.survey_state(session)}
    return render(request, "feedback/fill.html", context, status=status)


def _logged_in_kpps(request: HttpRequest) -> bool:
    user: Any = request.user
    return bool(user.is_authenticated and user.role in PERSONAL_ROLES and user.person_id)  # KPPS, Linmas


def _region_results(request: HttpRequest, slug: str) -> tuple[object, str, selectors.Results]:
    election = election_or_404(slug)
    scope = selectors.results_scope(request.user)
    if scope.nothing:
        raise Http404
    typed = request.GET.get("region", "")
    code = typed_code(Region.objects.visible_to(request.user), typed) or home_region(scope)
    require_covers(request, code)
    found = selectors.results(
        scope=scope, election=election, region_code=code, own_person_id=selectors.own_person(request.user)
    )
    return election, code, found


@requires(Ability.VIEW_REGION)
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    election, code, found = _region_results(request, slug)
    return render(request, "feedback/results.html", {"election": election, "region": code, "results": found})


@requires(Ability.VIEW_REGION)
def results_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    election, code, found = _region_results(request, slug)
    response = HttpResponse(exports.results_xlsx(found), content_type=XLSX)
    name = f"evaluasi-{slug}-{code or 'indonesia'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
