from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, may, requires, scoped_get
from bimtek.accounts.scoping import region_filter
from bimtek.elections.models import TPS
from bimtek.elections.selectors import election_or_404
from bimtek.lib.errors import DomainError
from bimtek.lib.redirects import safe_next
from bimtek.regions.forms import within_scope
from bimtek.workforce.core.welfare import FINDING_LABELS
from bimtek.workforce.forms import PeopleFilter, ReplaceForm, SeatFillForm
from bimtek.workforce.models import Appointment, Body, Person, Status
from bimtek.workforce.services import appointment_replace, seat_fill, seat_history
from bimtek.workforce.welfare import person_findings

PAGE_SIZE = 50


@requires(Ability.VIEW_REGION)
def people_list(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    form = within_scope(PeopleFilter(request.GET or None), request.user)
    qs = (
        Appointment.objects.visible_to(request.user)
        .filter(election=election, status=Status.ACTIVE)
        .select_related("person", "region", "tps")
        .order_by("region_id", "body", "tps__number", "seat")
    )
    if form.is_bound and not form.is_valid():
        qs = qs.none()  # a refused search shows its error, not everyone
    elif form.is_valid():
        q, body, region = form.cleaned_data["q"], form.cleaned_data["body"], form.cleaned_data["region"]
        if q.isdigit():
            qs = qs.filter(person__nik__endswith=q)
        elif q:
            qs = qs.filter(person__name__icontains=q)
        if body:
            qs = qs.filter(body=body)
        if region:
            qs = qs.filter(region_filter("region__code", region))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workforce/people_list.html",
        {"election": election, "form": form, "page": page, "query": query.urlencode()},
    )


@requires(Ability.VIEW_REGION)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = scoped_get(request, Person.objects.select_related("region"), pk=pk)
    appointments = (
        Appointment.objects.filter(person=person)
        .select_related("election", "region", "tps", "replaces__person")
        .order_by("-election__voting_day", "-created_at")
    )
    histories = {a.pk: seat_history(a) for a in appointments if a.replaces_id or a.status != Status.ACTIVE}
    # The rules are judged for the person's latest active appointment: its body and its voting day.
    current = next((a for a in appointments if a.status == Status.ACTIVE), None)
    found = (
        person_findings(person, body=current.body, voting_day=current.election.voting_day) if current else []
    )
    return render(
        request,
        "workforce/person_detail.html",
        {
            "person": person,
            "appointments": appointments,
            "histories": histories,
            "show_nik": may(request.user, Ability.OPERATE),
            "replace_form": ReplaceForm(),
            "current": current,
            # Health readings are specific personal data (UU PDP): in numbers for the KPU roles only.
            "findings": [(f, FINDING_LABELS[f.code]) for f in found],
        },
    )


def _form_errors(form: forms.Form) -> str:
    """A refused form in words: each field by its label, never by its internal name."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return "; ".join(parts)


@requires(Ability.OPERATE)
@require_POST
def appointment_replace_view(request: HttpRequest, pk: int) -> HttpResponse:
    """PAW from the person page or a TPS page (`next`): end the appointment, seat the replacement."""
    appointment = scoped_get(request, Appointment.objects.select_related("person"), pk=pk)
    back = safe_next(request, reverse("workforce:person", args=[appointment.person_id]))
    form = ReplaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(back)
    replacement = (
        Person.objects.visible_to(request.user).filter(nik=form.cleaned_data["replacement_nik"]).first()
    )
    if replacement is None:
        messages.error(
            request, gettext("NIK pengganti tidak ditemukan di wilayah Anda; impor datanya lebih dulu")
        )
        return redirect(back)
    try:
        new = appointment_replace(
            appointment=appointment,
            replacement=replacement,
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
            status=form.cleaned_data["status"],
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(
        request,
        gettext("%(old)s digantikan oleh %(new)s")
        % {"old": appointment.person.name, "new": replacement.name},
    )
    return redirect(safe_next(request, reverse("workforce:person", args=[new.person_id])))


@requires(Ability.OPERATE)
@require_POST
def seat_fill_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Appoint a registered person to an empty seat of a TPS, from the TPS page; back there afterwards."""
    tps = scoped_get(request, TPS.objects.select_related("election", "village"), pk=pk)
    back = safe_next(request, reverse("workforce:tps", args=[tps.election.slug, tps.pk]))
    form = SeatFillForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(back)
    person = Person.objects.visible_to(request.user).filter(nik=form.cleaned_data["nik"]).first()
    if person is None:
        messages.error(request, gettext("NIK tidak ditemukan di wilayah Anda; impor datanya lebih dulu"))
        return redirect(back)
    data = form.cleaned_data
    try:
        seat_fill(
            tps=tps, body=data["body"], seat=data["seat"], person=person, on=data["on"], actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(
        request,
        gettext("%(name)s diangkat sebagai %(body)s kursi %(seat)s TPS %(tps)s")
        % {"name": person.name, "body": Body(data["body"]).label, "seat": data["seat"], "tps": tps.label},
    )
    return redirect(back)
