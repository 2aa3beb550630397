"""Welfare and eligibility of stored people: the rules of `workforce.core.welfare` on Person rows, and the
BPJS Ketenagakerjaan coverage of KPPS that the readiness pages show."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bimtek.workforce.core.welfare import FINDING_LABELS, Finding, findings
from bimtek.workforce.models import Appointment, Body, BpjsEnrolled, Person
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
    """How many of a TPS's active KPPS are enrolled in BPJS Ketenagakerjaan, over the crew already read with
    their people (the TPS page): no query. Regions read theirs from the readiness snapshot."""
    kpps = [a for a in crew if a.body == Body.KPPS]
    return Coverage(enrolled=sum(a.person.bpjs_enrolled == BpjsEnrolled.YES for a in kpps), total=len(kpps))
