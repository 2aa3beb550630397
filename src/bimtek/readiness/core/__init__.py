"""The readiness rules, free of Django: typed facts about a TPS in, a status with its reasons out."""

from bimtek.readiness.core.rules import (
    CODE_LABELS,
    DEFAULT_POLICY,
    DEFAULT_THRESHOLDS,
    STATUS_LABELS,
    STATUS_ORDER,
    WELFARE_CODES,
    Code,
    Policy,
    Reason,
    Status,
    Thresholds,
    TPSFacts,
    Verdict,
    assess,
    codes_of,
)

__all__ = [
    "CODE_LABELS",
    "DEFAULT_POLICY",
    "DEFAULT_THRESHOLDS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "WELFARE_CODES",
    "Code",
    "Policy",
    "Reason",
    "Status",
    "TPSFacts",
    "Thresholds",
    "Verdict",
    "assess",
    "codes_of",
]
