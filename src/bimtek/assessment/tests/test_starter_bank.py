"""The starter bank shipped with Bimtek: enough questions, well formed, arithmetic that adds up."""

import json
import math
import re

from bimtek.assessment.curriculum import DATA, curriculum
from bimtek.drill.core.form import reserve

BANK = json.loads((DATA / "starter_bank.json").read_text(encoding="utf-8"))["questions"]


def test_it_ships_at_least_80_questions_for_every_module_with_a_test() -> None:
    assert len(BANK) >= 80
    assert len({q["code"] for q in BANK}) == len(BANK)
    modules = curriculum()["modules"]
    for bank, spec in modules.items():
        have = sum(q["bank"] == bank for q in BANK)
        assert have >= 2 * spec["questions"], bank  # room to draw different forms per participant


def test_it_has_a_key_explanation_and_regulation_for_every_question() -> None:
    for q in BANK:
        assert q["text"] and q["explanation"] and q["regulation"], q["code"]
        if q["kind"] == "mc":
            assert 2 <= len(q["options"]) <= 6 and 0 <= q["answer"] < len(q["options"]), q["code"]
            assert len(set(q["options"])) == len(q["options"]), q["code"]
        elif q["kind"] == "tf":
            assert q["options"] == ["Benar", "Salah"] and q["answer"] in (0, 1), q["code"]
        else:
            assert q["kind"] == "num" and q["options"] == [] and isinstance(q["answer"], int), q["code"]


def test_its_reserve_questions_agree_with_the_form_checker() -> None:
    """Every 'DPT n ... cadangan' question is DPT + reserve as the C.Hasil checker computes it."""
    checked = 0
    for q in BANK:
        found = re.search(
            r"DPT (?:sebuah TPS )?(\d+)(?: pemilih)?[,.]? (?:cadangan|Berapa surat suara diterima termasuk cadangan) (2|2,5)%",
            q["text"],
        )
        if q["kind"] != "num" or not found or "diterima" not in q["text"]:
            continue
        dpt = int(found[1])
        kind = "pilkada" if found[2] == "2,5" else "pemilu"
        assert q["answer"] == dpt + reserve(kind, dpt), q["code"]
        assert reserve(kind, dpt) == math.ceil(dpt * (0.025 if kind == "pilkada" else 0.02) - 1e-9)
        checked += 1
    assert checked >= 6
