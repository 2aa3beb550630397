"""The audit log page: operators read the entries of their region, filtered by action."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bimtek.accounts.access import Ability, requires
from bimtek.audit import words
from bimtek.audit.models import AuditEntry


@requires(Ability.OPERATE)
def audit_list(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.visible_to(request.user).select_related("actor")
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions = sorted(((code, str(label)) for code, label in words.ACTIONS.items()), key=lambda a: a[1])
    return render(request, "audit/audit_list.html", {"page": page, "action": action, "actions": actions})
