from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bimtek.accounts.access import scoped_get
from bimtek.accounts.scoping import region_filter
from bimtek.elections.selectors import election_or_404
from bimtek.lib.errors import DomainError
from bimtek.workforce.forms import PeopleFilter, ReplaceForm
from bimtek.workforce.models import Appointment, Person, Status
from bimtek.workforce.services import appointment_replace, seat_history

PAGE_SIZE = 50


@login_required
def people_list(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    form = PeopleFilter(request.GET or None)
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


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = scoped_get(request, Person.objects.select_related("region"), pk=pk)
    appointments = (
        Appointment.objects.filter(person=person)
        .select_related("election", "region", "tps", "replaces__person")
        .order_by("-election__voting_day", "-created_at")
    )
    histories = {a.pk: seat_history(a) for a in appointments if a.replaces_id or a.status != Status.ACTIVE}
    return render(
        request,
        "workforce/person_detail.html",
        {
            "person": person,
            "appointments": appointments,
            "histories": histories,
            "show_nik": getattr(request.user, "can_write", False),
            "replace_form": ReplaceForm(),
        },
    )


@login_required
@require_POST
def appointment_replace_view(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = scoped_get(request, Appointment.objects.select_related("person"), pk=pk)
    if not getattr(request.user, "can_write", False):
        return HttpResponseForbidden()
    form = ReplaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        return redirect("workforce:person", pk=appointment.person_id)
    replacement = (
        Person.objects.visible_to(request.user).filter(nik=form.cleaned_data["replacement_nik"]).first()
    )
    if replacement is None:
        messages.error(request, "NIK pengganti tidak ditemukan di wilayah Anda; impor datanya lebih dulu")
        return redirect("workforce:person", pk=appointment.person_id)
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
        return redirect("workforce:person", pk=appointment.person_id)
    messages.success(request, f"{appointment.person.name} digantikan oleh {replacement.name}")
    return redirect("workforce:person", pk=new.person_id)
