"""Budget pages: the estimate against the actuals of a region (narrowed to a plan, a tier or a session), the
unit costs with where each comes from, the forms finance uses, and the XLSX. Thin: selectors read, services write.

Reading is for whoever sees the region's pages (KPU operators, and a PPK/PPS for its own region's sessions);
writing is the KPU's (`Ability.OPERATE`). A KPPS or Linmas member gets 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, covers, requires, scoped_get
from bimtek.accounts.scoping import Scope, scope_of
from bimtek.budget import exports, selectors, services
from bimtek.budget.core import AKUN_NAMES, AKUN_SOURCE, AMOUNT_SOURCE, LABELS, UNITS, Item
from bimtek.budget.forms import ActualCostForm, FocusForm, UnitCostForm
from bimtek.budget.models import ActualCost
from bimtek.elections.models import Election
from bimtek.elections.selectors import election_or_404
from bimtek.lib.xlsx import XLSX
from bimtek.planner.models import Tier
from bimtek.planner.sessions import has_plan, has_session, plans_in_scope
from bimtek.regions.models import Region
from bimtek.regions.selectors import region_or_404

ERR_PLAN = "Rencana tidak ada dalam pemilihan dan wilayah ini"
ERR_SESSION = "Sesi tidak ada dalam pemilihan dan wilayah ini"


def _focus(data: Any, election: Election, scope: Scope, code: str) -> tuple[selectors.Focus, FocusForm]:
    """The focus from the query string; a bad value is a form error on its field (the page answers 400)."""
    form = FocusForm(data)
    if not form.is_valid():
        return selectors.Focus(code), form
    d = form.cleaned_data
    plan_id, session_id = d.get("rencana"), d.get("sesi")
    if plan_id and not has_plan(election, plan_id, scope):
        form.add_error("rencana", ERR_PLAN)
    if session_id and not has_session(election, session_id, scope):
        form.add_error("sesi", ERR_SESSION)
    if form.errors:
        return selectors.Focus(code), form
    focus = selectors.Focus(
        code, plan_id=plan_id, tier=d.get("jenjang") or "", session_id=session_id, wave=d.get("gelombang")
    )
    return focus, form


def _own_level(budget: selectors.Budget) -> tuple[int, int] | None:
    """Estimate and actual held at this region's own level (a kabupaten's hall, its own entries), not in a child."""
    if not budget.children:
        return None
    estimate = budget.totals.estimate - sum(c.estimate for c in budget.children)
    actual = budget.totals.actual - sum(c.actual for c in budget.children)
    return (estimate, actual) if estimate or actual else None


def _parent_link(scope: Scope, region: Region | None) -> Region | str | None:
    """The region above, when the user may see it: a Region, '' for the country, None for no link."""
    if region is None:
        return None
    if region.parent_id is None:
        return "" if scope.is_national else None
    return region.parent if covers(scope, region.parent_id) else None


@requires(Ability.VIEW_REGION)
def national(request: HttpRequest, slug: str) -> HttpResponse:
    scope = scope_of(request.user)
    if not scope.is_national and scope.region_code:
        url = reverse("budget:region", args=[slug, scope.region_code])
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url)
    return _page(request, slug, "")


@requires(Ability.VIEW_REGION)
def region(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    return _page(request, slug, code)


def _page(
    request: HttpRequest,
    slug: str,
    code: str,
    *,
    unit_form: UnitCostForm | None = None,
    actual_form: ActualCostForm | None = None,
) -> HttpResponse:
    election = election_or_404(slug)
    scope, region_obj = region_or_404(request.user, code)
    focus, focus_form = _focus(request.GET, election, scope, code)
    budget = selectors.budget_of(election=election, scope=scope, focus=focus)
    lines = {line.item: line for line in budget.lines}
    can_write = services.can_write(request.user)
    unit_form = unit_form or UnitCostForm(initial={"region": code})
    actual_form = actual_form or ActualCostForm(initial={"region": code, "tier": focus.tier})
    context = {
        "election": election,
        "region": region_obj,
        "code": code,
        "parent": _parent_link(scope, region_obj),
        "own_level": _own_level(budget),
        "over": budget.totals.difference > 0,
        "gap": abs(budget.totals.difference),
        "focus": focus,
        "focus_form": focus_form,
        "focus_query": request.GET.urlencode() if not focus_form.errors else "",
        "budget": budget,
        "rows": [
            {
                "row": row,
                "line": lines.get(row.item),
                "unit": UNITS[row.item],
                "akun_name": AKUN_NAMES.get(row.akun, ""),
            }
            for row in budget.rows
        ],  # fmt: skip
        "costs": [
            {
                "item": item,
                "label": LABELS[item],
                "cost": cost_row.cost,
                "origin": cost_row.origin,
                "akun_name": AKUN_NAMES.get(cost_row.cost.akun, ""),
            }
            for item, cost_row in budget.costs.items()
            if item != Item.PARTICIPANT_HONOR
        ],  # fmt: skip
        "akun_source": AKUN_SOURCE,
        "amount_source": AMOUNT_SOURCE,
        "waves": selectors.waves_of(scope=scope, plan_id=focus.plan_id) if focus.plan_id else [],
        "plans": plans_in_scope(scope).filter(election=election).order_by("start", "pk"),
        "tiers": [(Tier.TOT.value, Tier.TOT.label), (Tier.BIMTEK.value, Tier.BIMTEK.label)],
        "entries": selectors.entered(election=election, scope=scope, focus=focus).order_by("-pk")[:50],
        "can_write": can_write,
        "unit_form": unit_form,
        "actual_form": actual_form,
    }
    bad = focus_form.errors or (unit_form and unit_form.errors) or (actual_form and actual_form.errors)
    return render(request, "budget/page.html", context, status=400 if bad else 200)


def _back(slug: str, code: str) -> str:
    return reverse("budget:region", args=[slug, code]) if code else reverse("budget:national", args=[slug])


def _writer_region(request: HttpRequest) -> str:
    """A write's region, from the form: 403 for a role that may not write, 404 outside the user's scope."""
    if not services.can_write(request.user):
        raise PermissionDenied
    code = (request.POST.get("region") or "").strip()
    region_or_404(request.user, code)
    return code


@requires(Ability.OPERATE)
@require_POST
def unit_cost_set(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    code = _writer_region(request)
    form = UnitCostForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        akun = d["akun"] or selectors.unit_costs_for(election, code)[Item(d["item"])].cost.akun
        try:
            services.unit_cost_set(election=election, region_code=code, item=d["item"], amount=d["amount"],
                                   akun=akun, source=d["source"], actor=request.user)  # fmt: skip
        except services.BudgetInvalid as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Biaya satuan disimpan"))
            return redirect(_back(slug, code))
    return _page(request, slug, code, unit_form=form)


@requires(Ability.OPERATE)
@require_POST
def actual_cost_record(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    code = _writer_region(request)
    if not code:
        form = ActualCostForm(request.POST)
        form.add_error(None, _("Pilih wilayah dulu: biaya realisasi dicatat untuk sebuah wilayah"))
        return _page(request, slug, code, actual_form=form)
    form = ActualCostForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        costs = selectors.unit_costs_for(election, code)
        akun = d["akun"] or costs[Item(d["item"])].cost.akun
        try:
            services.actual_cost_record(election=election, region_code=code, item=d["item"], amount=d["amount"],
                                        akun=akun, note=d["note"], tier=d["tier"] or "",
                                        actor=request.user)  # fmt: skip
        except services.BudgetInvalid as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Biaya realisasi dicatat"))
            return redirect(_back(slug, code))
    return _page(request, slug, code, actual_form=form)


@requires(Ability.OPERATE)
@require_POST
def actual_cost_delete(request: HttpRequest, pk: int) -> HttpResponse:
    cost = scoped_get(request, ActualCost.objects.select_related("election"), pk=pk)
    slug, code = cost.election.slug, cost.region_code
    services.actual_cost_delete(cost=cost, actor=request.user)
    messages.success(request, _("Biaya realisasi dihapus"))
    return redirect(_back(slug, code))


def _focus_words(focus: selectors.Focus) -> str:
    """', ToT PPK/PPS, rencana 3, gelombang 22-01-2024': what the sheet is of, for its title."""
    words = []
    if focus.tier:
        words.append(str(Tier(focus.tier).label))
    if focus.plan_id:
        words.append(f"rencana {focus.plan_id}")
    if focus.wave:
        words.append(f"gelombang {focus.wave:%d-%m-%Y}")
    if focus.session_id:
        words.append(f"sesi {focus.session_id}")
    return "".join(f", {w}" for w in words)


@requires(Ability.VIEW_REGION)
def export_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    election = election_or_404(slug)
    scope = scope_of(request.user)
    code = (request.GET.get("wilayah") or ("" if scope.is_national else scope.region_code or "")).strip()
    scope, region_obj = region_or_404(request.user, code)
    focus, form = _focus(request.GET, election, scope, code)
    if form.errors:
        return _page(request, slug, code)
    budget = selectors.budget_of(election=election, scope=scope, focus=focus, with_children=False)
    where = region_obj.display_name if region_obj else "Indonesia"
    title = f"Rincian anggaran pelatihan {election.name}, {where}{_focus_words(focus)}"
    data = exports.budget_xlsx(budget=budget, title=title)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="anggaran-{code or "indonesia"}.xlsx"'
    return response
