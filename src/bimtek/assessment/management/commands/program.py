"""bimtek program seed --election SLUG | form-fixed --program ID --kind pre|post (--questions ... | --auto N)

`seed`: the standard ToT, KPPS and Linmas programs of an election. `form-fixed`: the questions every
participant of a pre- or post-test gets, in order, by code (or id) or the first N of each tested module.
"""

import re
from typing import Any

from django.core.management.base import CommandParser

from bimtek.assessment import errors, fixed
from bimtek.assessment.curriculum import programs_seed
from bimtek.assessment.models import Program, Question, Stage, TestForm
from bimtek.elections.selectors import election_for_command
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError, cli_actor

AUTO = re.compile(r"^(?P<n>[1-9][0-9]{0,2})(-per-module)?$")


class Command(ReportCommand):
    help = "Program pelatihan dan modulnya per pemilihan; soal tetap pre-test/post-test."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        seed = sub.add_parser(
            "seed", help="buat program ToT PPK/PPS, bimtek KPPS dan briefing Linmas standar"
        )
        seed.add_argument("--election", required=True, help="slug pemilihan, mis. pemilu-2024")
        form = sub.add_parser(
            "form-fixed", help="tetapkan soal yang sama, berurutan, untuk semua peserta tes"
        )
        form.add_argument("--program", required=True, type=int, help="nomor (id) program")
        form.add_argument("--kind", required=True, choices=list(Stage.values), help="pre atau post")
        pick = form.add_mutually_exclusive_group(required=True)
        pick.add_argument("--questions", help="kode (atau id) soal berurutan, dipisah koma: PMG-01,PMG-02")
        pick.add_argument(
            "--auto", help="N soal pertama (menurut kode) dari tiap modul yang diuji: 3-per-module"
        )
        for p in (seed, form):
            p.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        if options["action"] == "form-fixed":
            self._form_fixed(options)
            return
        election = election_for_command(options["election"])
        report = programs_seed(election=election, actor=cli_actor())
        human = (
            f"Program baru: {report.programs}, modul: {report.modules}, tes: {report.forms}; "
            f"sudah ada dan tidak diubah: {report.unchanged}."
        )
        self.emit({"election": election.slug, **report.as_dict()}, human)

    def _form_fixed(self, options: dict[str, Any]) -> None:
        """1. Find the form (usage error if unknown); 2. read the list; 3. store it (refused: status 1); 4. report."""
        form = self._form(options["program"], options["kind"])
        try:
            if options["questions"] is not None:
                ids = self._listed(form, options["questions"])
            else:
                ids = self._auto(form, options["auto"])
            fixed.test_form_fix_questions(form=form, question_ids=ids, actor=cli_actor())
        except fixed.FixedQuestionsError as exc:
            raise InputRejected(
                exc.message, {"code": exc.code, "field": exc.field, "stored": False}
            ) from None
        codes = dict(Question.objects.filter(pk__in=ids).values_list("pk", "code"))
        payload = {
            "program": form.program_id,
            "kind": form.stage,
            "form": form.pk,
            "mode": form.mode,
            "questions": [{"id": pk, "code": codes[pk]} for pk in ids],
            "stored": True,
        }
        self.emit(payload, f"{form}: {len(ids)} soal tetap disimpan ({', '.join(codes[pk] for pk in ids)}).")

    def _form(self, program_id: int, stage: str) -> TestForm:
        program = Program.objects.filter(pk=program_id).first()
        if program is None:
            raise UsageError(f"Program {program_id} tidak ditemukan")
        form: TestForm | None = (
            TestForm.objects.filter(program=program, stage=stage).select_related("program").first()
        )
        if form is None:
            raise UsageError(f"Program {program_id} tidak punya {stage}-test")
        return form

    def _listed(self, form: TestForm, raw: str) -> list[int]:
        """Codes of the election's bank, or ids (checked by the service); a token that is neither is refused."""
        tokens = [t.strip() for t in raw.split(",") if t.strip()]
        by_code = dict(
            Question.objects.filter(election_id=form.program.election_id, code__in=tokens).values_list(
                "code", "pk"
            )
        )
        ids = []
        for token in tokens:
            if token in by_code:
                ids.append(by_code[token])
            elif token.isdigit():
                ids.append(int(token))
            else:
                code, message = errors.FIXED_UNKNOWN
                raise fixed.FixedQuestionsError(code, message.format(questions=token))
        return ids

    def _auto(self, form: TestForm, raw: str) -> list[int]:
        match = AUTO.match(raw.strip())
        if match is None:
            raise UsageError(f"--auto '{raw}': tulis N atau N-per-module, mis. 3-per-module")
        return fixed.questions_pick(form, int(match["n"]))
