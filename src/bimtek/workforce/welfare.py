"""Welfare and eligibility of stored people: the rules of `workforce.core.welfare` on Person rows, and the
BPJS Ketenagakerjaan coverage of KPPS that the readiness pages show."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q

from bimtek.accounts.scoping import region_filter
from bimtek.elections.models import TPS, Election
from bimtek.workforce.core.welfare import FINDING_LABELS, Finding, findings
from bimtek.workforce.models import Appointment, Body, BpjsEnrolled, Person, Status
from bimtek.workforce.people_welfare import as_rules_input


def person_findings(person: Person, *, body: str, voting_day: dt.date) -> list[Finding]:
    """What the welfare rules find about a stored person serving in `body` at an election on `voting_day`."""
    return findings(as_rules_input(person.birth_date, body, person), voting_day)


def flag_labels(person: Person, *, body: str, voting_day: dt.date) -> list[tuple[str, str]]:
    """(code, short label) of each finding, with no health values in the words (for lists)."""
    return [
        (f.code, FINDING_LABELS[f.code]) for f in person_findings(person, body=body, voting_day=voting_day)
    ]


@dataclass(frozen=True)
class Coverage:
    enrolled: int
    total: int


def crew_bpjs_coverage(crew: Iterable[Appointment]) -> Coverage:
    """The same count over a TPS's active crew already read with their people (the TPS page): no query."""
    kpps = [a for a in crew if a.body == Body.KPPS]
    return Coverage(enrolled=sum(a.person.bpjs_enrolled == BpjsEnrolled.YES for a in kpps), total=len(kpps))


def kpps_bpjs_coverage(*, election: Election, region_code: str = "", tps: TPS | None = None) -> Coverage:
    """How many active KPPS of a region (by code prefix; "" the country) or of one TPS are enrolled in
    BPJS Ketenagakerjaan. A live count: it is not in the readiness snapshot yet."""
    qs = Appointment.objects.filter(election=election, body=Body.KPPS, status=Status.ACTIVE)
    if tps is not None:
        qs = qs.filter(tps=tps)
    elif region_code:
        qs = qs.filter(region_filter("region__code", region_code))
    counts = qs.aggregate(
        total=Count("id"), enrolled=Count("id", filter=Q(person__bpjs_enrolled=BpjsEnrolled.YES))
    )
    return Coverage(enrolled=counts["enrolled"], total=counts["total"])
