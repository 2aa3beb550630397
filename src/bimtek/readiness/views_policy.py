"""The KPU RI page that chooses which welfare gaps count in readiness, and re-judges the country."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bimtek.accounts.access import Ability, may, requires
from bimtek.accounts.scoping import scope_of
from bimtek.drill.selectors import crew_drill_rule
from bimtek.elections.selectors import election_or_404
from bimtek.jobs.services import job_start
from bimtek.lib.errors import DomainError
from bimtek.readiness.core import Policy
from bimtek.readiness.selectors import policy_of
from bimtek.readiness.services import readiness_policy_set
from bimtek.workforce.core.welfare import BPJS_2024, HEALTH_AGE, HEALTH_MAX_AGE_DAYS


class PolicyForm(forms.Form):
    count_bpjs = forms.BooleanField(
        required=False, label=gettext_lazy("Hitung KPPS tanpa BPJS Ketenagakerjaan (JKK/JKM) sebagai celah")
    )
    count_health = forms.BooleanField(
        required=False,
        label=gettext_lazy("Hitung KPPS tanpa surat keterangan sehat yang berlaku sebagai celah"),
    )


@requires(Ability.VIEW_REGION)
def policy(request: HttpRequest, slug: str) -> HttpResponse:
    """Everyone who sees readiness may read the rule; only KPU RI changes it (then the country is refreshed)."""
    election = election_or_404(slug)
    current = policy_of(election)
    can_set = may(request.user, Ability.OPERATE) and scope_of(request.user).is_national
    initial = {"count_bpjs": current.count_bpjs, "count_health": current.count_health}
    form = PolicyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_set:
            raise Http404
        if form.is_valid():
            wanted = Policy(**form.cleaned_data)
            try:
                readiness_policy_set(election=election, policy=wanted, actor=request.user)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                job = job_start(
                    kind="readiness.refresh",
                    title=f"Kesiapan {election.name} Indonesia",
                    params={"election_id": election.pk, "region_code": ""},
                    actor=request.user,
                    region_code="",
                )
                messages.success(request, _("Aturan disimpan; kesiapan seluruh Indonesia dihitung ulang"))
                return redirect("jobs:job", pk=job.pk)
    context = {
        "election": election,
        "policy": current,
        "form": form,
        "can_set": can_set,
        "bpjs_source": BPJS_2024.citation,
        "health_source": HEALTH_AGE.citation,
        "health_days": HEALTH_MAX_AGE_DAYS,
        # The crew drill's rule is the drill app's (set on its crews page, with the crew's pass mark).
        "crew_drill": crew_drill_rule(election),
    }
    return render(request, "readiness/policy.html", context, status=400 if form.errors else 200)
