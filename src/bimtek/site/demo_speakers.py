"""Speakers for the demo: KPU Belitung Timur's commissioners by division and its guests, set as the defaults of
the ToT's modules, then Beltim's ToT sessions filled from those defaults through the product's own service
(parallel classes take the second default; what stays empty says why on the session page).

The names are invented; the divisions and agencies are the ones KPU uses (docs: domain notes, speakers).
"""

from __future__ import annotations

from bimtek.assessment.models import Module
from bimtek.elections.models import Election
from bimtek.planner.models import SessionStatus, Tier, TrainingSession
from bimtek.speakers.services import module_speaker_set, session_speakers_fill, speaker_create

ACTOR = "demo"
BELTIM = "19.06"
KPU = "KPU Kabupaten Belitung Timur"
# (name, institution, division, the ToT module positions they speak on by default)
SPEAKERS = [
    ("Rahmat Hidayat", KPU, "sdm", (1, 5)),
    ("Sri Wahyuni", KPU, "hukum", (2,)),
    ("Dedi Kurniawan", KPU, "teknis", (3, 4)),
    ("Fitri Handayani", KPU, "data", (4, 1)),
    ("Agus Salim", "Sekretariat KPU Kabupaten Belitung Timur", "sirekap", (4,)),
    ("Iptu Bambang Santoso", "Polres Belitung Timur", "polisi", (2,)),
    ("Yuliana Putri", "Bawaslu Kabupaten Belitung Timur", "bawaslu", (3, 5)),
]


def demo_speakers(election: Election) -> int:
    """Create the register and the defaults, fill Beltim's planned ToT sessions; the number of sessions filled."""
    modules = {m.position: m for m in Module.objects.filter(program__election=election, program__kind="tot")}
    for name, institution, division, positions in SPEAKERS:
        speaker = speaker_create(
            actor=ACTOR, region_code=BELTIM, name=name, institution=institution, division=division
        )
        for position in positions:
            if position in modules:
                module_speaker_set(actor=ACTOR, module=modules[position], speaker=speaker, region_code=BELTIM)
    sessions = TrainingSession.objects.filter(
        plan__election=election, plan__tier=Tier.TOT, plan__region_id=BELTIM, status=SessionStatus.PLANNED
    ).select_related("plan", "venue")
    filled = 0
    for session in sessions:
        if session_speakers_fill(actor=ACTOR, session=session).filled:
            filled += 1
    return filled
