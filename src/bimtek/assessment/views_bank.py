"""Pages of the assessment: the question bank of an election.

The bank's list (filtered by module), its XLSX export and its import, which checks a file and stores
its questions only when no row was refused (or the operator kept the good rows), as a dry run first if
asked. Everyone who assesses reads the bank; only a national KPU admin imports into it.
"""

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, requires
from bimtek.assessment import bank
from bimtek.assessment.forms import UploadForm
from bimtek.assessment.models import Question
from bimtek.assessment.views import _can_edit_curriculum, _scope, _xlsx
from bimtek.elections.selectors import election_or_404
from bimtek.lib.tabular import TableError


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
