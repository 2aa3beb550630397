"""Readiness of one TPS: is its crew complete, trained, tested, drilled, with a Sirekap operator?

Pure Python, no Django. The input is what the database knows about one TPS, already counted
(`TPSFacts`); the output is a status with its reasons (`Verdict`). The services build the facts for a
whole region with a few grouped queries and run `assess` once per TPS.

Statuses: `ready` (no reason at all), `at_risk` (something is missing but there is still time to fix
it), `not_ready` (something is missing and the time to fix it has run out). Two thresholds decide
which, because the gaps differ in how long they take to close:

- a **staffing** gap (crew incomplete, no ketua, no Sirekap operator) needs a PAW: a replacement is
  recruited, sworn in and then trained. With fewer than `staffing_days` (14) days left it makes the
  TPS `not_ready`;
- a **training** gap (someone not trained, post-test not passed, the ketua's counting drill not
  passed, the operator not trained, and where the KPU chose so for the election, no resolved
  double-entry crew drill at the pass mark) needs a pendalaman session. With fewer than `training_days` (3)
  days left (logistics go out from D-3) it makes the TPS `not_ready`.

Before those dates each gap makes the TPS `at_risk`. After voting day (negative days) everything
counts as out of time.

Two welfare gaps (KPPS without BPJS Ketenagakerjaan, KPPS without a valid health statement; the rules of
`workforce.core.welfare` decide which person has them) count only where the KPU has chosen so for the
election (`Policy`), as training gaps.
"""

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    READY = "ready"
    AT_RISK = "at_risk"
    NOT_READY = "not_ready"


STATUS_LABELS = {
    Status.READY: "Siap",
    Status.AT_RISK: "Berisiko",
    Status.NOT_READY: "Belum siap",
}
STATUS_ORDER = (Status.NOT_READY, Status.AT_RISK, Status.READY)


class Code(StrEnum):
    """Stable reason codes; the bit is the code's place in the stored bit mask (never reorder)."""

    CREW_INCOMPLETE = "crew_incomplete"
    KETUA_MISSING = "ketua_missing"
    OPERATOR_MISSING = "operator_missing"
    CREW_UNTRAINED = "crew_untrained"
    POST_TEST_NOT_PASSED = "post_test_not_passed"
    KETUA_DRILL_NOT_PASSED = "ketua_drill_not_passed"
    OPERATOR_UNTRAINED = "operator_untrained"
    # Welfare gaps, counted only where the KPU chooses (`Policy`): off by default.
    KPPS_BPJS_MISSING = "kpps_bpjs_missing"
    KPPS_HEALTH_UNCHECKED = "kpps_health_unchecked"
    CREW_DRILL_NOT_PASSED = "crew_drill_not_passed"  # only where the KPU counts crew drills

    @property
    def bit(self) -> int:
        return 1 << list(Code).index(self)


STAFFING_CODES = frozenset({Code.CREW_INCOMPLETE, Code.KETUA_MISSING, Code.OPERATOR_MISSING})

# Short labels for lists and charts; `Reason.message` says the same with the TPS's own numbers.
CODE_LABELS = {
    Code.CREW_INCOMPLETE: "Petugas belum lengkap",
    Code.KETUA_MISSING: "Ketua KPPS belum ada",
    Code.OPERATOR_MISSING: "Operator Sirekap belum ditunjuk",
    Code.CREW_UNTRAINED: "Ada petugas belum ikut bimtek",
    Code.POST_TEST_NOT_PASSED: "Ada petugas belum lulus post-test",
    Code.KETUA_DRILL_NOT_PASSED: "Ketua KPPS belum lulus latihan penghitungan",
    Code.OPERATOR_UNTRAINED: "Operator Sirekap belum ikut bimtek",
    Code.KPPS_BPJS_MISSING: "Ada KPPS tanpa BPJS Ketenagakerjaan",
    Code.KPPS_HEALTH_UNCHECKED: "Ada KPPS tanpa surat sehat yang berlaku",
    Code.CREW_DRILL_NOT_PASSED: "Regu KPPS belum lulus latihan isian ganda",
}
WELFARE_CODES = frozenset({Code.KPPS_BPJS_MISSING, Code.KPPS_HEALTH_UNCHECKED})


@dataclass(frozen=True)
class Thresholds:
    staffing_days: int = 14
    training_days: int = 3


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Policy:
    """Which welfare gaps make a TPS less than ready: the KPU's choice per election (issue 15), both off
    unless it says so. A welfare gap is closed like a training gap (a card issued, a check done before the
    logistics leave), so it follows `Thresholds.training_days`."""

    count_bpjs: bool = False  # a KPPS not enrolled in BPJS Ketenagakerjaan (JKK/JKM), or not known to be
    count_health: bool = False  # a KPPS with no health statement, or one too old for voting day


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class TPSFacts:
    """What is known about one TPS's active crew, counted.

    `untrained` and `post_test_not_passed` count members of the active crew (KPPS and Linmas);
    `post_test_expected` is how many of them have a post-test to pass at all (a body whose program has
    no post-test form is not held to one).
    """

    tps_id: int
    days_left: int
    kpps_required: int = 7
    linmas_required: int = 2
    kpps: int = 0
    linmas: int = 0
    untrained: int = 0
    post_test_expected: int = 0
    post_test_not_passed: int = 0
    ketua: bool = False
    ketua_drill_passed: bool = False
    operator: bool = False
    operator_trained: bool = False
    kpps_bpjs_missing: int = 0  # active KPPS whose record does not say enrolled
    kpps_health_unchecked: int = 0  # active KPPS without a health statement valid on voting day
    # The KPU's per-election choice: a resolved double-entry crew drill at the pass mark is required.
    crew_drill_required: bool = False
    crew_drill_passed: bool = False


@dataclass(frozen=True)
class Reason:
    code: Code
    message: str

    @property
    def staffing(self) -> bool:
        return self.code in STAFFING_CODES


@dataclass(frozen=True)
class Verdict:
    tps_id: int
    status: Status
    reasons: tuple[Reason, ...]
    days_left: int

    @property
    def bits(self) -> int:
        mask = 0
        for reason in self.reasons:
            mask |= reason.code.bit
        return mask


def reasons_of(facts: TPSFacts, policy: Policy = DEFAULT_POLICY) -> tuple[Reason, ...]:
    """Every rule that fails, in the order a commissioner would fix them: people first, then training,
    then the welfare gaps the KPU counts."""
    out: list[Reason] = []
    crew = facts.kpps + facts.linmas
    if facts.kpps < facts.kpps_required or facts.linmas < facts.linmas_required:
        out.append(
            Reason(
                Code.CREW_INCOMPLETE,
                f"KPPS {facts.kpps}/{facts.kpps_required}, Linmas {facts.linmas}/{facts.linmas_required}",
            )
        )
    if not facts.ketua:
        out.append(Reason(Code.KETUA_MISSING, "Kursi ketua KPPS kosong"))
    if not facts.operator:
        out.append(
            Reason(Code.OPERATOR_MISSING, "Belum ada anggota KPPS yang ditunjuk sebagai operator Sirekap")
        )
    if facts.untrained:
        out.append(Reason(Code.CREW_UNTRAINED, f"{facts.untrained} dari {crew} petugas belum ikut bimtek"))
    if facts.post_test_not_passed:
        out.append(
            Reason(
                Code.POST_TEST_NOT_PASSED,
                f"{facts.post_test_not_passed} dari {facts.post_test_expected} petugas belum lulus post-test",
            )
        )
    if facts.ketua and not facts.ketua_drill_passed:
        out.append(Reason(Code.KETUA_DRILL_NOT_PASSED, "Ketua KPPS belum lulus latihan penghitungan suara"))
    if facts.operator and not facts.operator_trained:
        out.append(Reason(Code.OPERATOR_UNTRAINED, "Operator Sirekap belum ikut bimtek"))
    if facts.crew_drill_required and not facts.crew_drill_passed:
        out.append(
            Reason(
                Code.CREW_DRILL_NOT_PASSED,
                "Regu KPPS belum menyelesaikan latihan penghitungan isian ganda dengan nilai lulus",
            )
        )
    if policy.count_bpjs and facts.kpps_bpjs_missing:
        out.append(
            Reason(
                Code.KPPS_BPJS_MISSING,
                f"{facts.kpps_bpjs_missing} dari {facts.kpps} KPPS belum terdaftar BPJS Ketenagakerjaan",
            )
        )
    if policy.count_health and facts.kpps_health_unchecked:
        out.append(
            Reason(
                Code.KPPS_HEALTH_UNCHECKED,
                f"{facts.kpps_health_unchecked} dari {facts.kpps} KPPS tanpa surat sehat yang berlaku",
            )
        )
    return tuple(out)


def status_of(
    reasons: tuple[Reason, ...], days_left: int, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> Status:
    if not reasons:
        return Status.READY
    if any(r.staffing for r in reasons) and days_left < thresholds.staffing_days:
        return Status.NOT_READY
    if days_left < thresholds.training_days:
        return Status.NOT_READY
    return Status.AT_RISK


def assess(
    facts: TPSFacts, thresholds: Thresholds = DEFAULT_THRESHOLDS, policy: Policy = DEFAULT_POLICY
) -> Verdict:
    reasons = reasons_of(facts, policy)
    return Verdict(
        tps_id=facts.tps_id,
        status=status_of(reasons, facts.days_left, thresholds),
        reasons=reasons,
        days_left=facts.days_left,
    )


def codes_of(bits: int) -> tuple[Code, ...]:
    """The codes stored in a bit mask, in the rules' order."""
    return tuple(code for code in Code if bits & code.bit)
