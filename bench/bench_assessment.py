"""Benchmark the assessment: item analysis of a country's attempts, and the results page of a kabupaten.

    python bench/bench_assessment.py [--quick] [--attempts N] [--trainees N]

1. Item analysis (pure core, no database): N synthetic first attempts (default 12,000,000; --quick
   1,200,000) of 30 items, answers drawn from an ability/difficulty model with a seeded generator,
   fed chunk by chunk to `assessment.core.analysis.Accumulator` exactly as the service does
   (marks = answers == keys, distractor counts from the chosen options). Baseline in the same
   run: merely summing the same answer matrices column by column.
2. Results page (SQLite in a temporary data directory): a kabupaten (Purbalingga, 33.03) with
   20,000 KPPS trainees (--quick 5,000), a pre- and a post-test each, rendered through Django's test
   client as a KPU kabupaten admin sees it. Baseline: fetching the same attempt rows (person,
   region, percent, passed) with one values_list query each.
Writes bench/results/assessment.json (or $BENCH_RESULTS_DIR).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import phase, ratio, table, write_result  # noqa: E402

ITEMS = 30
OPTIONS = 4
CHUNK = 250_000


def _chunk(rng: np.random.Generator, rows: int, keys: np.ndarray, difficulty: np.ndarray) -> np.ndarray:
    """Chosen options (int32, -1 blank) of `rows` attempts: right with a logistic probability."""
    ability = rng.normal(0.0, 1.0, size=(rows, 1))
    p_right = 1.0 / (1.0 + np.exp(-(ability - difficulty[None, :]) * 1.7))
    right = rng.random((rows, ITEMS)) < p_right
    wrong = (keys[None, :] + rng.integers(1, OPTIONS, size=(rows, ITEMS))) % OPTIONS
    answers = np.where(right, keys[None, :], wrong).astype(np.int32)
    answers[rng.random((rows, ITEMS)) < 0.01] = -1  # a few blanks
    return answers


def item_analysis(attempts: int) -> dict[str, Any]:
    from bimtek.assessment.core.analysis import Accumulator

    rng = np.random.default_rng(2024)
    keys = rng.integers(0, OPTIONS, size=ITEMS)
    difficulty = rng.normal(-0.5, 1.0, size=ITEMS)
    generate_s = baseline_s = analysis_s = 0.0
    checksum = np.zeros(ITEMS, dtype=np.int64)
    acc = Accumulator(ITEMS, OPTIONS)
    with phase() as total:
        done = 0
        while done < attempts:
            rows = min(CHUNK, attempts - done)
            t = time.perf_counter()
            answers = _chunk(rng, rows, keys, difficulty)
            generate_s += time.perf_counter() - t
            t = time.perf_counter()
            checksum += answers.sum(axis=0, dtype=np.int64)  # the baseline: touch every answer once
            baseline_s += time.perf_counter() - t
            t = time.perf_counter()
            acc.add((answers == keys[None, :]).astype(np.uint8), None, answers)
            result = None
            analysis_s += time.perf_counter() - t
            done += rows
        t = time.perf_counter()
        result = acc.result()
        analysis_s += time.perf_counter() - t
    assert result is not None and result.test.attempts == attempts
    flagged = sum(bool(i.flags) for i in result.items)
    return {
        "attempts": attempts,
        "items": ITEMS,
        "chunk": CHUNK,
        "generate_s": round(generate_s, 2),
        "baseline_sum_s": round(baseline_s, 2),
        "analysis_s": round(analysis_s, 2),
        "ratio_to_baseline": round(analysis_s / baseline_s, 1) if baseline_s else None,
        "attempts_per_s": round(attempts / analysis_s) if analysis_s else None,
        "peak_rss_mb": round(total.mb, 1),
        "peak_rss_per_phase": total.per_phase,
        "alpha": round(result.test.alpha or 0.0, 4),
        "flagged_items": flagged,
        "storage_bytes_per_attempt": 2 * 4 * ITEMS,  # items + answers, int32 each, before row overhead
    }


def _birth(i: int) -> dt.date:
    """A distinct birth date for each of 6,720 people; the NIK serial counts the rounds."""
    d = i % 6720
    return dt.date(1970 + d // 336, 1 + (d // 28) % 12, 1 + d % 28)


def _setup_django(data_dir: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bimtek.settings",
            "BIMTEK_DATA_DIR": data_dir,
            "SECRET_KEY": "bench-only-secret-key-which-is-long-enough-0123456789",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver,localhost",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def results_page(trainees: int, repeat: int) -> dict[str, Any]:

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bimtek.accounts.scoping import Scope, region_filter
    from bimtek.accounts.services import user_create
    from bimtek.assessment.bank import questions_import_starter
    from bimtek.assessment.curriculum import programs_seed
    from bimtek.assessment.models import Attempt, AttemptStatus, Program, QuestionVersion, Stage
    from bimtek.assessment.packing import pack
    from bimtek.assessment.selectors import form_item_analysis
    from bimtek.elections.models import TPS
    from bimtek.elections.services import bundled_tps_counts, election_create, tps_import
    from bimtek.regions.services import bundled_regions_dir, regions_import
    from bimtek.workforce.models import Appointment, Person
    from bimtek.workforce.nik import make_nik

    with phase() as setup:
        call_command("migrate", verbosity=0, interactive=False)
        regions_import(path=bundled_regions_dir(), actor="bench")
        election = election_create(
            slug="pemilu-2024",
            name="Pemilu 2024",
            kind="pemilu",
            voting_day=dt.date(2024, 2, 14),
            actor="bench",
        )
        tps_import(election=election, source=bundled_tps_counts(), actor="bench", region_code="33.03")
        programs_seed(election=election, actor="bench")
        questions_import_starter(election=election, actor="bench")
        tps = list(
            TPS.objects.filter(election=election).values_list("pk", "village_id")[: (trainees + 6) // 7]
        )
        people = [
            Person(
                nik=make_nik(".".join(v.split(".")[:3]), _birth(i), "LP"[i % 2], 1 + i // 6720),
                name=f"Peserta {i:05d}",
                birth_date=_birth(i),
                sex="LP"[i % 2],
                region_id=v,
            )
            for i, (_, v) in enumerate(t for t in tps for _ in range(7))
        ][:trainees]
        Person.objects.bulk_create(people, batch_size=2000)
        ids = list(Person.objects.order_by("pk").values_list("pk", "region_id"))
        Appointment.objects.bulk_create(
            [
                Appointment(
                    election=election,
                    person_id=pk,
                    body="kpps",
                    region_id=region,
                    tps_id=tps[i // 7][0],
                    seat=1 + i % 7,
                )
                for i, (pk, region) in enumerate(ids)
            ],
            batch_size=2000,
        )
        program = Program.objects.get(election=election, kind="kpps")
        forms = {f.stage: f for f in program.forms.all()}
        versions = list(
            QuestionVersion.objects.filter(question__bank="penghitungan").values_list("pk", "answer")[:20]
        )
        items = pack([v for v, _ in versions])
        rng = np.random.default_rng(7)
        for stage, shift in ((Stage.PRE, 0.0), (Stage.POST, 0.8)):
            rows = []
            for i, (pk, region) in enumerate(ids):
                p_right = 1 / (1 + np.exp(-(rng.normal() + shift)))
                chosen = [a if rng.random() < p_right else a + 1 for _, a in versions]
                score = sum(c == a for c, (_, a) in zip(chosen, versions, strict=True))
                rows.append(
                    Attempt(
                        form=forms[stage],
                        person_id=pk,
                        region_id=region,
                        code=f"{stage[:2].upper()}{i:010d}",
                        seed=i,
                        mode="online",
                        status=AttemptStatus.SUBMITTED,
                        items=items,
                        answers=pack(chosen),
                        score=score,
                        percent=100 * score / len(versions),
                        passed=100 * score / len(versions) >= 70,
                    )
                )
            Attempt.objects.bulk_create(rows, batch_size=2000)
        admin = user_create(
            username="kpu-purbalingga",
            password="bench-password-123",  # noqa: S106 (a throwaway database)
            role="kpu_kabkota",
            region_code="33.03",
            actor="bench",
        )
    client = Client()
    client.force_login(admin)
    url = f"/asesmen/program/{program.pk}/hasil/?region=33.03"

    def baseline() -> None:
        for form in forms.values():
            list(
                Attempt.objects.filter(form=form, number=1, status=AttemptStatus.SUBMITTED)
                .filter(region_filter("region__code", "33.03"))
                .values_list("person_id", "region_id", "percent", "passed")
            )

    def render() -> None:
        response = client.get(url)
        assert response.status_code == 200 and b"Peserta" in response.content

    def analyse() -> None:
        form_item_analysis(forms[Stage.POST], Scope(None, None), "33.03")

    def fetch_bytes() -> None:
        list(Attempt.objects.filter(form=forms[Stage.POST]).values_list("items", "answers"))

    def median(fn: Any) -> float:
        fn()  # warm the caches once
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    with phase() as measure:
        base_s, page_s = median(baseline), median(render)
        fetch_s, analysis_s = median(fetch_bytes), median(analyse)
    return {
        "backend": connection.vendor,
        "trainees": len(ids),
        "attempts": Attempt.objects.count(),
        "setup_s": round(setup.seconds, 1),
        "baseline_query_s": round(base_s, 3),
        "page_s": round(page_s, 3),
        "page_ratio_to_baseline": round(page_s / base_s, 1) if base_s else None,
        "baseline_fetch_bytes_s": round(fetch_s, 3),
        "item_analysis_s": round(analysis_s, 3),
        "analysis_ratio_to_fetch": round(analysis_s / fetch_s, 1) if fetch_s else None,
        "peak_rss_mb": round(measure.mb, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--smoke", action="store_true", help="100,000 attempts and 300 trainees: the same code, for CI"
    )
    parser.add_argument("--attempts", type=int)
    parser.add_argument("--trainees", type=int)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    attempts = args.attempts or (100_000 if args.smoke else 1_200_000 if args.quick else 12_000_000)
    trainees = args.trainees or (300 if args.smoke else 5_000 if args.quick else 20_000)
    if args.smoke:
        args.repeat = min(args.repeat, 2)
    print(f"item analysis: {attempts:,} attempts × {ITEMS} items", flush=True)
    ia = item_analysis(attempts)
    print(
        table(
            ["phase", "seconds", "× baseline", "attempts/s", "peak RSS MB"],
            [
                ["baseline: sum the answers", f"{ia['baseline_sum_s']:.2f}", "1.0", "", ""],
                [
                    "item analysis (Moodle statistics)",
                    f"{ia['analysis_s']:.2f}",
                    f"{ia['ratio_to_baseline']}",
                    f"{ia['attempts_per_s']:,}",
                    f"{ia['peak_rss_mb']}",
                ],
                ["(generating the synthetic answers)", f"{ia['generate_s']:.2f}", "", "", ""],
            ],
        ),
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="bimtek-bench-assessment-") as data_dir:
        _setup_django(data_dir)
        print(
            f"\nresults page: kabupaten 33.03 with {trainees:,} trainees (setting up SQLite...)", flush=True
        )
        rp = results_page(trainees, args.repeat)
    print(
        table(
            ["phase", "seconds", "× baseline"],
            [
                ["baseline: fetch pre+post attempt rows", f"{rp['baseline_query_s']:.3f}", "1.0"],
                ["results page render (kabupaten)", f"{rp['page_s']:.3f}", f"{rp['page_ratio_to_baseline']}"],
                ["baseline: fetch post-test items+answers", f"{rp['baseline_fetch_bytes_s']:.3f}", "1.0"],
                [
                    "item analysis from the database",
                    f"{rp['item_analysis_s']:.3f}",
                    f"{rp['analysis_ratio_to_fetch']}",
                ],
            ],
        ),
        flush=True,
    )
    print(f"setup {rp['setup_s']} s, {rp['attempts']:,} attempts stored, peak RSS {rp['peak_rss_mb']} MB")
    ratios = {
        "item analysis x column sum": ratio(ia["ratio_to_baseline"], "lower"),
        "item analysis attempts/s": ratio(ia["attempts_per_s"]),
        "results page x attempt query": ratio(rp["page_ratio_to_baseline"], "lower"),
        "item analysis from the database x fetch": ratio(rp["analysis_ratio_to_fetch"], "lower"),
    }
    path = write_result(
        "assessment",
        {"quick": args.quick, "smoke": args.smoke, "ratios": ratios, "item_analysis": ia, "results_page": rp},
    )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
