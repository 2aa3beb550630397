"""The role walk: every URL states its rule, and each persona gets exactly what its role may do.

- Every page and every API endpoint carries a rule (`bimtek.accounts.access`); a new URL without one fails
  `test_it_has_a_rule_for_every_url`, and a new URL without a case below fails the walks.
- A KPPS member (a participant) is refused (403) every page, export and endpoint that is not theirs: the
  question bank and its XLSX, item analyses, other people's results, plans, readiness, operator menus.
- The PPS of the neighbouring desa (a facilitator elsewhere) gets no page of Lenggang's objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bimtek.accounts.access import ABILITIES, Ability, Rule
from bimtek.accounts.models import Role, User
from bimtek.conftest import LENGGANG
from bimtek.delivery.certificates import sign
from bimtek.elections.models import Election
from bimtek.feedback.services import survey_token
from bimtek.participants.tests.world import SECRET_NAME, World, build

pytestmark = pytest.mark.django_db

SLUG = "pemilu-2024"
# Django's own views, whose rule is Django's: the language switch is open to anyone.
DJANGO_PUBLIC = {"set_language"}


def _patterns() -> dict[str, Any]:
    """'namespace:name' -> the view callback, for every named URL outside the admin."""
    out: dict[str, Any] = {}

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue  # Django's admin: superusers only, by Django's own check
                walk(p.url_patterns, f"{prefix}{p.namespace}:" if p.namespace else prefix)
            elif isinstance(p, URLPattern) and p.name:
                out[f"{prefix}{p.name}"] = p.callback

    walk(get_resolver().url_patterns, "")
    return out


def rule_of(callback: Any) -> str | None:
    """The rule a view states: `access_rule` on a function view, `required_ability` on a DRF view."""
    if hasattr(callback, "access_rule"):
        return str(callback.access_rule)
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    wanted = getattr(view_class, "required_ability", None)
    return str(wanted) if wanted is not None else None


def test_it_has_a_rule_for_every_url() -> None:
    missing = {name for name, cb in _patterns().items() if rule_of(cb) is None and name not in DJANGO_PUBLIC}
    assert missing == set(), f"state a rule with bimtek.accounts.access for: {sorted(missing)}"


# How to reach each URL with the world's objects: name -> (method, kwargs from the world).
Case = tuple[str, Callable[[World], dict[str, Any]]]
SESSION: Callable[[World], dict[str, Any]] = lambda w: {"pk": w.session.pk}  # noqa: E731
FORM: Callable[[World], dict[str, Any]] = lambda w: {"pk": w.form.pk}  # noqa: E731
E: Callable[[World], dict[str, Any]] = lambda w: {"slug": SLUG}  # noqa: E731
NONE: Callable[[World], dict[str, Any]] = lambda w: {}  # noqa: E731
CASES: dict[str, Case] = {
    "accounts:login": ("get", NONE),
    "accounts:logout": ("post", NONE),
    "set_language": ("post", NONE),
    "site:home": ("get", NONE),
    "site:import": ("get", NONE),
    "jobs:jobs": ("get", NONE),
    "jobs:job": ("get", lambda w: {"pk": w.job.pk}),
    "jobs:job_status": ("get", lambda w: {"pk": w.job.pk}),
    "jobs:job_confirm": ("post", lambda w: {"pk": w.job.pk}),
    "audit:audit": ("get", NONE),
    "jobs:job_cancel": ("post", lambda w: {"pk": w.job.pk}),
    "site:healthz": ("get", NONE),
    "site:csp_report": ("post", NONE),
    "pwa:worker": ("get", NONE),
    "pwa:manifest": ("get", NONE),
    "pwa:offline": ("get", NONE),
    "pwa:keep": ("get", NONE),
    "regions:search": ("get", NONE),
    "workforce:region_national": ("get", E),
    "workforce:region": ("get", lambda w: {"slug": SLUG, "code": LENGGANG}),
    "workforce:tps": ("get", lambda w: {"slug": SLUG, "pk": w.tps.pk}),
    "workforce:people": ("get", E),
    "workforce:person": ("get", lambda w: {"pk": w.crew[1].person_id}),
    "workforce:replace": ("post", lambda w: {"pk": w.crew[1].pk}),
    "workforce:seat_fill": ("post", lambda w: {"pk": w.tps.pk}),
    "drill:index": ("get", NONE),
    "drill:start": ("get", E),
    "drill:drill": ("get", lambda w: {"slug": SLUG, "level": "easy", "seed": 7}),
    "drill:worksheet": ("get", lambda w: {"slug": SLUG, "level": "easy", "seed": 7}),
    "drill:attempt": ("get", lambda w: {"pk": w.drill.pk}),
    "drill:person": ("get", lambda w: {"pk": w.crew[0].person_id}),
    "drill:mistakes": ("get", E),
    "drill:check": ("get", E),
    "drill:check_file": ("post", E),
    "drill:check_template": ("get", E),
    "drill:crews": ("get", E),
    "drill:crew_policy": ("post", E),
    "drill:crew_tps": ("get", lambda w: {"slug": SLUG, "tps": w.tps.pk}),
    "drill:crew": ("get", lambda w: {"pk": w.crew_drill.pk}),
    "drill:crew_entry": ("get", lambda w: {"pk": w.crew_drill.pk}),
    "drill:crew_compare": ("get", lambda w: {"pk": w.crew_drill.pk}),
    "readiness:national": ("get", E),
    "readiness:region": ("get", lambda w: {"slug": SLUG, "code": LENGGANG}),
    "readiness:tps": ("get", lambda w: {"slug": SLUG, "pk": w.tps.pk}),
    "readiness:tps_remind": ("post", lambda w: {"slug": SLUG, "pk": w.tps.pk}),
    "readiness:status": ("get", E),
    "readiness:refresh": ("post", E),
    "readiness:policy": ("get", E),
    "readiness:risky": ("get", E),
    "readiness:export_risky": ("get", E),
    "readiness:export_children": ("get", E),
    "readiness:report_pdf": ("get", E),
    "analytics:cascade": ("get", E),
    "analytics:cascade_xlsx": ("get", lambda w: {"slug": SLUG, "table": "wilayah"}),
    "planner:list": ("get", E),
    "planner:create": ("get", E),
    "planner:venue_add": ("post", E),
    "planner:detail": ("get", lambda w: {"pk": w.plan.pk}),
    "planner:solve": ("post", lambda w: {"pk": w.plan.pk}),
    "planner:scenario": ("get", lambda w: {"pk": w.plan.pk}),
    "planner:session": ("get", SESSION),
    "planner:session_held": ("post", SESSION),
    "planner:session_move": ("post", SESSION),
    "planner:session_facilitators": ("post", SESSION),
    "planner:session_cancel": ("post", SESSION),
    "planner:session_create": ("post", lambda w: {"pk": w.plan.pk}),
    "planner:makeup": ("get", E),
    "messaging:session": ("get", SESSION),
    "messaging:send": ("post", SESSION),
    "messaging:mark_sent": ("post", lambda w: {"pk": w.message.pk}),
    "messaging:templates": ("get", NONE),
    "messaging:template_edit": ("get", lambda w: {"kind": "undangan", "tier": "bimtek"}),
    "messaging:region_send": ("post", NONE),
    "documents:index": ("get", E),
    "documents:job_file": ("get", lambda w: {"pk": w.job.pk}),
    "documents:template": ("get", lambda w: {"kind": "izin"}),
    "documents:rates": ("get", NONE),
    "budget:national": ("get", E),
    "budget:region": ("get", lambda w: {"slug": SLUG, "code": LENGGANG}),
    "budget:unit_cost_set": ("post", E),
    "budget:actual_cost_record": ("post", E),
    "budget:actual_cost_delete": ("post", lambda w: {"pk": w.actual_cost.pk}),
    "budget:export_xlsx": ("get", E),
    "speakers:list": ("get", NONE),
    "speakers:add": ("get", NONE),
    "speakers:edit": ("get", lambda w: {"pk": w.speaker.pk}),
    "speakers:module_default": ("post", lambda w: {"pk": w.speaker.pk}),
    "speakers:assign": ("post", SESSION),
    "speakers:fill": ("post", SESSION),
    "speakers:letters": ("get", SESSION),
    "feedback:survey": ("get", SESSION),
    "feedback:survey_close": ("post", SESSION),
    "feedback:fill": ("get", lambda w: {"token": survey_token(w.session.pk)}),
    "feedback:results": ("get", E),
    "feedback:results_xlsx": ("get", E),
    "delivery:my_sessions": ("get", NONE),
    "delivery:session": ("get", SESSION),
    "delivery:checkin": ("get", SESSION),
    "delivery:scan": ("post", SESSION),
    "delivery:sync": ("post", SESSION),
    "delivery:paper_import": ("post", SESSION),
    "delivery:roster_pdf": ("get", SESSION),
    "delivery:cards_pdf": ("get", SESSION),
    "delivery:region_rosters": ("get", lambda w: {"slug": SLUG, "code": LENGGANG}),
    "delivery:region_cards": ("get", lambda w: {"slug": SLUG, "code": LENGGANG}),
    "delivery:plan_rosters": ("get", lambda w: {"pk": w.plan.pk}),
    "delivery:plan_cards": ("get", lambda w: {"pk": w.plan.pk}),
    "delivery:print_file": ("get", lambda w: {"pk": w.job.pk}),
    "delivery:certificates": ("get", E),
    "delivery:certificate_issue": ("post", E),
    "delivery:certificate_pdf": ("get", lambda w: {"pk": w.certificate.pk}),
    "delivery:certificate_revoke": ("post", lambda w: {"pk": w.certificate.pk}),
    "delivery:verify": ("get", NONE),
    "assessment:programs": ("get", E),
    "assessment:program": ("get", lambda w: {"pk": w.program.pk}),
    "assessment:bank": ("get", E),
    "assessment:bank_export": ("get", E),
    "assessment:bank_import": ("post", E),
    "assessment:module_edit": ("post", lambda w: {"pk": w.module.pk}),
    "assessment:results": ("get", lambda w: {"pk": w.program.pk}),
    "assessment:form": ("get", FORM),
    "assessment:form_issue": ("post", FORM),
    "assessment:form_settings": ("post", FORM),
    "assessment:form_fixed": ("get", FORM),
    "assessment:form_sheets": ("get", FORM),
    "assessment:form_sheets_file": ("get", lambda w: {"pk": w.job.pk}),
    "assessment:form_answers_import": ("post", FORM),
    "assessment:form_analysis": ("get", FORM),
    "assessment:form_analysis_xlsx": ("get", FORM),
    "assessment:take": ("get", lambda w: {"code": w.pre.code}),
    "assessment:take_answer": ("post", lambda w: {"code": w.pre.code}),
    "assessment:take_submit": ("post", lambda w: {"code": w.pre.code}),
    "participants:home": ("get", NONE),
    "participants:reply": ("post", SESSION),
    "participants:certificate_claim": ("post", lambda w: {"pk": w.program.pk}),
    "participants:signin": ("get", NONE),
    "participants:signin_code": ("get", NONE),
    "participants:signin_link": ("get", lambda w: {"token": "x" * 32}),
    "api:region-list": ("get", NONE),
    "api:region-detail": ("get", lambda w: {"code": LENGGANG}),
    "api:election-list": ("get", NONE),
    "api:election-detail": ("get", E),
    "api:tps-list": ("get", E),
    "api:tps-detail": ("get", lambda w: {"slug": SLUG, "pk": w.tps.pk}),
    "api:appointment-list": ("get", E),
    "api:appointment-detail": ("get", lambda w: {"slug": SLUG, "pk": w.crew[1].pk}),
    "api:person-list": ("get", NONE),
    "api:person-detail": ("get", lambda w: {"pk": w.crew[1].person_id}),
    "api:job-list": ("get", NONE),
    "api:job-detail": ("get", lambda w: {"pk": w.job.pk}),
    "api:plan-list": ("get", E),
    "api:plan-detail": ("get", lambda w: {"slug": SLUG, "pk": w.plan.pk}),
    "api:session-list": ("get", E),
    "api:session-detail": ("get", lambda w: {"slug": SLUG, "pk": w.session.pk}),
    "api:staffing": ("get", lambda w: {"slug": SLUG, "code": LENGGANG}),
    "api:readiness": ("get", lambda w: {"slug": SLUG, "code": LENGGANG}),
    "api:readiness-tps-list": ("get", lambda w: {"slug": SLUG, "code": LENGGANG}),
    "api:results": ("get", lambda w: {"slug": SLUG, "program": "kpps", "code": LENGGANG}),
    "api:form-check": ("post", NONE),
    "api:schema": ("get", NONE),
    "api:docs": ("get", NONE),
}
# A participant's own things, which the walk reaches with the member's own objects: 200 (or a redirect).
OWN_AS_MEMBER = {
    "participants:home",
    "drill:attempt",
    "drill:person",
    "drill:crew_tps",
    "drill:crew",
    "drill:crew_entry",
    "drill:crew_compare",
    "delivery:certificate_pdf",
    "assessment:take",
}


@pytest.fixture
def world(beltim_tps: Election) -> World:
    return build(beltim_tps)


def test_it_has_a_case_for_every_url() -> None:
    assert set(_patterns()) == set(CASES), "add the new URL to CASES (and to the role rule it needs)"


def _call(client: Client, name: str, world: World) -> Any:
    method, kwargs = CASES[name]
    url = reverse(name, kwargs=kwargs(world))
    if name.startswith("api:"):
        return getattr(client, method)(url, HTTP_ACCEPT="application/json")
    return getattr(client, method)(url)


def _granted(role: str, rule: str) -> bool:
    if rule in (Rule.PUBLIC, Rule.SIGNED_IN):
        return True
    return Ability(rule) in ABILITIES[role]


def test_a_kpps_member_is_refused_everything_that_is_not_theirs(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    patterns = _patterns()
    leaks = []
    for name in sorted(CASES):
        if name in ("accounts:logout", "set_language"):
            continue  # would sign the member out or only switch the language
        rule = rule_of(patterns[name]) or Rule.PUBLIC
        response = _call(client, name, world)
        body = response.content.decode(errors="replace")
        if not _granted(Role.KPPS, rule):
            if response.status_code != 403:
                leaks.append(f"{name}: {response.status_code}, expected 403 ({rule})")
            continue
        assert response.status_code < 500, name
        if name in OWN_AS_MEMBER:
            assert response.status_code in (200, 302), name
        others = [a.person.name for a in world.crew[1:]]
        if any(other in body for other in others):
            leaks.append(f"{name}: shows another person's name")
    assert leaks == []


def test_a_kpps_member_gets_403_on_the_question_bank_and_its_answer_key(world: World) -> None:
    client = Client()
    client.force_login(world.member)
    page = client.get(reverse("assessment:bank", args=[SLUG]))
    xlsx = client.get(reverse("assessment:bank_export", args=[SLUG]))
    assert (page.status_code, xlsx.status_code) == (403, 403)
    assert xlsx.get("Content-Type", "").startswith("text/html")  # the 403 page, not a spreadsheet


def test_the_pps_of_the_neighbouring_desa_gets_nothing_of_lenggang(world: World, pps_neighbour: User) -> None:
    client = Client()
    client.force_login(pps_neighbour)
    patterns = _patterns()
    shown = []
    for name in sorted(CASES):
        if name in ("accounts:logout", "set_language"):
            continue
        response = _call(client, name, world)
        rule = rule_of(patterns[name]) or Rule.PUBLIC
        assert response.status_code < 500, name
        if rule in (Rule.PUBLIC,) or name in ("assessment:take", "feedback:fill", "delivery:verify"):
            continue  # the code in the URL is the key (a ticket), as designed
        if response.status_code == 200 and SECRET_NAME in response.content.decode(errors="replace"):
            shown.append(name)
    assert shown == []


def test_the_pps_of_lenggang_facilitates_its_session(world: World, pps_lenggang: User) -> None:
    client = Client()
    client.force_login(pps_lenggang)
    for name in ("delivery:session", "delivery:checkin", "messaging:session", "feedback:survey"):
        response = _call(client, name, world)
        assert response.status_code == 200, name
    assert _call(client, "assessment:results", world).status_code == 200  # the KPPS it trains
    for name in ("assessment:bank", "assessment:bank_export", "assessment:form_analysis"):
        assert _call(client, name, world).status_code == 403, name  # a PPS takes a ToT test too


def test_a_kpu_operator_reaches_the_bank(world: World, kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    assert _call(client, "assessment:bank", world).status_code == 200
    assert _call(client, "planner:detail", world).status_code == 200


def test_a_public_verification_link_names_the_certificate(world: World) -> None:
    response = Client().get(reverse("delivery:verify") + f"?k={sign(world.certificate.code)}")
    assert response.status_code == 200 and world.crew[0].person.name in response.content.decode()
