"""bimtek drill new|score: a TPS-day counting drill from a seed, and the score of a trainee's form."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from bimtek.drill.core.form import KINDS, boxes
from bimtek.drill.core.generator import LEVELS, TRAPS, Drill, new_drill
from bimtek.drill.core.report import score_json, score_text
from bimtek.drill.core.schema import FormDataError, form_to_json
from bimtek.drill.core.scoring import score
from bimtek.drill.services import forms_from_file
from bimtek.drill.worksheet import worksheet_pdf
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError


class Command(ReportCommand):
    help = "Latihan mengisi formulir C.Hasil: buat soal dari seed, atau nilai isian peserta."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        new = sub.add_parser("new", help="cerita satu hari di TPS, dengan kunci jawaban bila diminta")
        new.add_argument("--answer", action="store_true", help="sertakan formulir yang benar")
        new.add_argument("--pdf", type=Path, help="tulis lembar kerja PDF ke berkas ini")
        graded = sub.add_parser(
            "score", help="nilai formulir isian peserta terhadap kunci dari seed yang sama"
        )
        graded.add_argument("file", type=Path, help="formulir isian peserta (JSON, lihat docs/form.md)")
        for p in (new, graded):
            p.add_argument("--seed", type=int, required=True)
            p.add_argument("--level", choices=LEVELS, required=True)
            p.add_argument("--election", choices=KINDS, default="pemilu")
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        drill = new_drill(options["seed"], options["level"], options["election"])
        if options["action"] == "new":
            self._new(drill, options["answer"], options["pdf"])
        else:
            self._score(drill, options["file"])

    def _new(self, drill: Drill, answer: bool, pdf: Path | None) -> None:
        """1. Write the worksheet if asked; 2. print the story, and the answer if asked."""
        day = drill.day
        payload: dict[str, Any] = {
            "seed": day.seed,
            "level": day.level,
            "election": day.kind,
            "contest": day.contest,
            "story": list(drill.story),
        }
        if pdf is not None:
            self._write_pdf(drill, pdf)
            payload["pdf"] = str(pdf)
        lines = ["\n\n".join(drill.story)]
        if pdf is not None:
            lines.append(f"Lembar kerja PDF ditulis ke {pdf}.")
        if answer:
            payload["answer"] = form_to_json(drill.truth)
            payload["traps"] = list(day.traps)
            lines.append(self._answer_text(drill))
        self.emit(payload, "\n\n".join(lines))

    def _write_pdf(self, drill: Drill, pdf: Path) -> None:
        try:
            pdf.write_bytes(worksheet_pdf(drill))
        except OSError as exc:
            raise UsageError(f"{pdf} tidak bisa ditulis: {exc.strerror}") from None

    def _answer_text(self, drill: Drill) -> str:
        lines = ["Kunci jawaban:"]
        lines += [f"  {path:<12} {value}" for path, value in boxes(drill.truth).items()]
        lines += [f"  jebakan: {TRAPS[trap]}" for trap in drill.day.traps]
        return "\n".join(lines)

    def _score(self, drill: Drill, path: Path) -> None:
        if not path.is_file():
            raise UsageError(f"{path} tidak ditemukan")
        try:
            forms = forms_from_file(path)
        except FormDataError as exc:
            raise InputRejected(f"Berkas {path} ditolak: {exc}", {"field": exc.path}) from None
        if len(forms) != 1:
            raise InputRejected(f"Berkas {path} harus berisi tepat satu formulir, bukan {len(forms)}")
        result = score(forms[0], drill.truth)
        self.emit(score_json(result), score_text(result))
