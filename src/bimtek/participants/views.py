"""A participant's own space (/saya/) and signing in with a one-time code.

Every read starts from the signed-in user's own person: there is no id of another person to put in a URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from bimtek.accounts.access import Ability, public, requires
from bimtek.accounts.backends import PATH as BACKEND
from bimtek.lib import clock
from bimtek.lib.errors import DomainError
from bimtek.participants import selectors, services, signin
from bimtek.planner.models import Reply
from bimtek.workforce.models import Person
from bimtek.workforce.selectors import person_by_id

SESSION_KEY = "bimtek.signin_code"


def _person(request: HttpRequest) -> Person:
    person_id = getattr(request.user, "person_id", None)
    if person_id is None:
        raise PermissionDenied  # an account without a person (a KPU operator) has no own space
    return person_by_id(person_id)


@requires(Ability.PARTICIPATE)
def home(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    today = clock.today()
    sessions = selectors.my_sessions(person, today)
    context = {
        "person": person,
        "upcoming": [s for s in sessions if not s.is_past],
        "past": [s for s in sessions if s.is_past],
        "programs": selectors.my_programs(person),
        "drills": selectors.my_drills(person),
        "reminders": selectors.my_messages(person),
        "today": today,
        "replies": Reply,
        "verify_url": request.build_absolute_uri(reverse("delivery:verify")),
    }
    return render(request, "participants/home.html", context)


@requires(Ability.PARTICIPATE)
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request)
    try:
        services.session_reply(
            person=person,
            session_id=pk,
            reply=request.POST.get("reply", ""),
            reason=request.POST.get("reason", ""),
            today=clock.today(),
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Jawaban Anda tersimpan dan diteruskan ke penyelenggara")
    return redirect(f"{reverse('participants:home')}#sesi-{pk}")


@requires(Ability.PARTICIPATE)
@require_POST
def certificate_claim(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request)
    try:
        result = services.certificate_claim(person=person, program_id=pk, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if result.issued or result.already:
            messages.success(request, "Sertifikat Anda siap diunduh")
        else:
            messages.error(request, "Syarat sertifikat belum terpenuhi")
    return redirect(f"{reverse('participants:home')}#sertifikat")


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


@public
def signin_request(request: HttpRequest) -> HttpResponse:
    """Step 1: the NIK. The answer never says whether it is registered."""
    error = ""
    if request.method == "POST":
        link_base = request.build_absolute_uri(reverse("participants:signin_link", args=["X"])).removesuffix(
            "X/"
        )
        try:
            sent = signin.login_code_request(
                nik=request.POST.get("nik", ""), client=_client(request), link_base=link_base
            )
        except DomainError as exc:
            error = exc.message
        else:
            request.session[SESSION_KEY] = sent.login_code_id
            return redirect("participants:signin_code")
    return render(request, "participants/signin_request.html", {"error": error}, status=400 if error else 200)


@public
def signin_code(request: HttpRequest) -> HttpResponse:
    """Step 2: the six digits from the SMS or e-mail."""
    if SESSION_KEY not in request.session:
        return redirect("participants:signin")
    error = ""
    if request.method == "POST":
        login_code_id = request.session.get(SESSION_KEY)
        try:
            if login_code_id is None:
                raise DomainError("code_invalid", signin.ERR_CODE)
            user = signin.login_code_verify(login_code_id=login_code_id, code=request.POST.get("code", ""))
        except DomainError as exc:
            error = exc.message
        else:
            request.session.pop(SESSION_KEY, None)
            login(request, user, backend=BACKEND)
            return redirect(_next(request))
    return render(request, "participants/signin_code.html", {"error": error}, status=400 if error else 200)


@public
def signin_link(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link from the message. A GET only shows a button, so a link preview cannot use it up."""
    if request.method != "POST":
        return render(request, "participants/signin_link.html", {"token": token})
    try:
        user = signin.login_link_verify(token=token)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("participants:signin")
    login(request, user, backend=BACKEND)
    return redirect(_next(request))


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("participants:home")
