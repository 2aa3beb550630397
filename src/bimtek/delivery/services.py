"""Check-in: record who attended which part of a session, exactly once, from a phone with a weak connection.

A phone makes an idempotency key per scan and may send it many times (a retry after a timeout, a queue
synced after an hour offline, two phones scanning the same person). The rows go in with one
`INSERT ... ON CONFLICT DO NOTHING RETURNING key`: the database's unique constraints decide, not a Python
lock, so a key sent twice, or the same (session, person, part) from two keys, is stored once and the
others answer "already". Both PostgreSQL and SQLite (3.35+) speak this statement.

Answers carry stable codes (`created`, `already`, and the refusals below) that the phone and tests read.

After the session's day a normal scan is refused (`session_over`); the facilitator records a late entry
instead, with a reason, and the row is marked `late`. Which day a scan was made on is the phone's clock
(`at`) shifted by the pinned demo "today" (`BIMTEK_TODAY`), so a demo of a past election judges as its
own calendar does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_noop

from bimtek.delivery import scan_reads, selectors
from bimtek.delivery.attendance_store import Row, attendance_store
from bimtek.delivery.models import Attendance, Method
from bimtek.lib import clock
from bimtek.lib.errors import DomainError
from bimtek.planner.models import SessionStatus, TrainingSession
from bimtek.workforce.models import Person

CREATED = "created"
ALREADY = "already"

# The phone shows these words in its page's language (views_checkin.checkin_words); the API answers them as they are.
ERR_QR_UNKNOWN = gettext_noop("Kode QR tidak dikenal; cari peserta dengan nama atau NIK")
ERR_NOT_PARTICIPANT = gettext_noop("Orang ini bukan peserta sesi ini (atau di luar wilayah Anda)")
ERR_PART = gettext_noop("Bagian hari tidak dikenal untuk sesi ini")
ERR_CANCELLED = gettext_noop("Sesi ini dibatalkan; kehadiran tidak dapat dicatat")
ERR_KEY = gettext_noop("Kunci pemindaian tidak sah")
ERR_KEY_REUSED = gettext_noop("Kunci pemindaian ini sudah dipakai untuk kehadiran lain")
ERR_REASON = gettext_noop("Isi alasan untuk pencatatan manual (terlambat)")
ERR_METHOD = gettext_noop("Cara pencatatan tidak dikenal")
ERR_TIME = gettext_noop("Waktu pemindaian tidak masuk akal (di masa depan)")
ERR_FORBIDDEN = gettext_noop("Akun ini tidak dapat mencatat kehadiran")
ERR_TOO_MANY = gettext_noop("Terlalu banyak pemindaian dalam satu kiriman")
ERR_SESSION_OVER = gettext_noop("Hari sesi ini sudah lewat; catat sebagai entri terlambat dengan alasan")
# A refused scan's code -> its message: what the phone's page shows, in its language, for a refusal.
REFUSALS = {
    "key_invalid": ERR_KEY,
    "key_reused": ERR_KEY_REUSED,
    "session_cancelled": ERR_CANCELLED,
    "method_invalid": ERR_METHOD,
    "part_unknown": ERR_PART,
    "reason_required": ERR_REASON,
    "qr_unknown": ERR_QR_UNKNOWN,
    "not_participant": ERR_NOT_PARTICIPANT,
    "time_invalid": ERR_TIME,
    "session_over": ERR_SESSION_OVER,
}

MAX_BATCH = 500
CLOCK_SKEW = dt.timedelta(minutes=10)  # a phone's clock may run ahead a little
_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_QR_SALT = "bimtek.delivery.participant"


# -- the participant's QR --------------------------------------------------------------------------------------


def participant_token(person_id: int) -> str:
    """What a participant's QR holds: their id, signed, so a made-up code is refused and no NIK is printed."""
    return signing.Signer(salt=_QR_SALT).sign(f"p{person_id}")


def person_of_token(token: str) -> int | None:
    try:
        value = signing.Signer(salt=_QR_SALT).unsign(token.strip())
    except signing.BadSignature:
        return None
    return int(value[1:]) if value.startswith("p") and value[1:].isdigit() else None


# -- one scan --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scan:
    """One queued scan as the phone sends it: a QR token or a person id, and its idempotency key."""

    key: str
    part: str
    method: str = Method.QR
    token: str = ""
    person_id: int | None = None
    at: dt.datetime | None = None
    reason: str = ""
    offline: bool = False  # the phone queued it with no connection


def day_offset() -> dt.timedelta:
    """How far the pinned "today" (a demo of a past election) lies from the real one; zero in production."""
    return clock.offset()


def scan_day(at: dt.datetime) -> dt.date:
    """The calendar day a scan was made on, as the session's dates count days."""
    return timezone.localdate(at) + day_offset()


def offline_until(session: TrainingSession) -> dt.datetime:
    """When a phone's copy of a session's pages expires: the end of the session's last day, by the phone's clock."""
    return end_of_day(session.last_date)


def end_of_day(day: dt.date) -> dt.datetime:
    """The end of `day` (the app's calendar, shifted when "today" is pinned) as the phone's clock tells it."""
    after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), timezone.get_current_timezone())
    return after - day_offset()


@dataclass(frozen=True)
class Answer:
    key: str
    status: str  # created | already | refused
    code: str  # created, already, or the refusal's code
    message: str = ""
    person_id: int | None = None
    name: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "person": self.person_id,
            "name": self.name,
        }


def _refused(scan: Scan, code: str, message: str, person_id: int | None = None) -> Answer:
    return Answer(scan.key, "refused", code, message, person_id)


class Roster:
    """What a batch is checked against, read once per request: the session's parts and, of the people the
    batch names, those who are participants the actor may check in (one query, however long the batch)."""

    def __init__(self, session: TrainingSession, actor: Any, person_ids: Iterable[int]) -> None:
        self.session = session
        self.parts = selectors.session_parts(session)
        self.people = scan_reads.participants_among(actor, session, person_ids)


def _person_of(scan: Scan) -> int | None:
    """The person a scan names: its QR token's (None when forged), else its person id."""
    return person_of_token(scan.token) if scan.token else scan.person_id


def _check(scan: Scan, person_id: int | None, roster: Roster, now: dt.datetime) -> Row | Answer:
    """Every refusal a single scan can meet, in the order a facilitator would want to hear them."""
    if not _KEY.match(scan.key or ""):
        return _refused(scan, "key_invalid", ERR_KEY)
    if roster.session.status == SessionStatus.CANCELLED:
        return _refused(scan, "session_cancelled", ERR_CANCELLED)
    if scan.method not in Method.values:
        return _refused(scan, "method_invalid", ERR_METHOD)
    if scan.part not in roster.parts:
        return _refused(scan, "part_unknown", ERR_PART)
    if scan.method == Method.MANUAL and not scan.reason.strip():
        return _refused(scan, "reason_required", ERR_REASON)
    if scan.token and person_id is None:
        return _refused(scan, "qr_unknown", ERR_QR_UNKNOWN)
    if person_id is None or person_id not in roster.people:
        return _refused(scan, "not_participant", ERR_NOT_PARTICIPANT, person_id)
    at = scan.at or now
    if at > now + CLOCK_SKEW:
        return _refused(scan, "time_invalid", ERR_TIME, person_id)
    # A paper sheet is the day's own record, whenever it is typed in; any other scan after the session's
    # last day (a two-day session runs over two) is late.
    late = scan.method != Method.PAPER and scan_day(at) > roster.session.last_date
    if late and scan.method != Method.MANUAL:
        return _refused(scan, "session_over", ERR_SESSION_OVER, person_id)
    region, name = roster.people[person_id]
    return Row(scan, person_id, region, name, at, late)


def attendance_check_in(
    *,
    session: TrainingSession,
    person: Person,
    part: str,
    key: str,
    method: str,
    actor: Any,
    at: dt.datetime | None = None,
    reason: str = "",
) -> Answer:
    """Record one check-in; "created" the first time, "already" after. Raises DomainError when refused."""
    scan = Scan(key=key, part=part, method=method, person_id=person.pk, at=at, reason=reason)
    answer = attendance_sync(session=session, scans=[scan], actor=actor)[0]
    if answer.status == "refused":
        raise DomainError(answer.code, answer.message)
    return answer


def attendance_sync(*, session: TrainingSession, scans: Sequence[Scan], actor: Any) -> list[Answer]:
    """Record a phone's queued scans for one session; one answer per scan, in order."""
    if len(scans) > MAX_BATCH:
        raise DomainError("batch_too_large", ERR_TOO_MANY)
    if not selectors.can_check_in(actor):
        raise DomainError("forbidden", ERR_FORBIDDEN)
    now = timezone.now()
    people = [_person_of(s) for s in scans]
    roster = Roster(session, actor, {p for p in people if p is not None})
    checked = [_check(s, p, roster, now) for s, p in zip(scans, people, strict=True)]
    rows = [c for c in checked if isinstance(c, Row)]
    firsts: dict[str, Row] = {}
    for r in rows:
        firsts.setdefault(r.scan.key, r)
    unique = list(firsts.values())
    created = attendance_store(session, unique, actor, now) if unique else set()
    outcome = _already(unique, created)
    answers = []
    for item in checked:
        if isinstance(item, Answer):
            answers.append(item)
            continue
        first = firsts[item.scan.key]
        if first is not item:  # the same key twice in one batch
            same = (first.person_id, first.scan.part) == (item.person_id, item.scan.part)
            code = ALREADY if same else "key_reused"
        else:
            code = outcome.get(item.scan.key, CREATED)
        refused = code == "key_reused"
        answers.append(
            Answer(
                item.scan.key,
                "refused" if refused else code,
                code,
                ERR_KEY_REUSED if refused else "",
                item.person_id,
                item.name,
            )
        )
    return answers


def _already(rows: list[Row], created: set[str]) -> dict[str, str]:
    """For each key not stored now: "already" (this scan or this person's part is stored) or "key_reused"."""
    missing = [r for r in rows if r.scan.key not in created]
    if not missing:
        return {}
    stored = {
        k: (p, part)
        for k, p, part in Attendance.objects.filter(key__in=[r.scan.key for r in missing]).values_list(
            "key", "person_id", "part"
        )
    }
    out = {}
    for r in missing:
        holder = stored.get(r.scan.key)  # None: another key already holds this person's part
        out[r.scan.key] = ALREADY if holder in (None, (r.person_id, r.scan.part)) else "key_reused"
    return out
