"""The assessment's domain errors: stable codes for tests, Indonesian messages for people."""

from django.utils.translation import gettext_lazy as _

from bimtek.lib.errors import DomainError

ATTEMPT_CLOSED = ("attempt_closed", "Tes ini sudah selesai dikerjakan; jawaban tidak dapat diubah")
ATTEMPT_EXPIRED = ("attempt_expired", "Waktu tes sudah habis")
ATTEMPTS_USED = ("attempts_used", "Kesempatan mengerjakan tes ini sudah habis")
ITEM_OUT_OF_RANGE = ("item_out_of_range", "Nomor soal tidak ada pada tes ini")
ANSWER_INVALID = ("answer_invalid", "Jawaban tidak sesuai pilihan soal")
BANK_TOO_SMALL = (
    "bank_too_small",
    "Bank soal modul {module} hanya berisi {available} soal, tes meminta {wanted}",
)
NO_QUESTIONS = ("form_empty", "Tes belum punya soal: isi bank soal atau pilih soal tetap")
NOT_ALLOWED = ("not_allowed", "Anda tidak berwenang mengubah data ini")
NO_PROGRAMS = ("no_programs", "Program pelatihan pemilihan ini belum dibuat; jalankan 'bimtek program seed'")

# A fixed form's list of questions (`assessment.fixed`); `{questions}` names them by code.
FIXED_EMPTY = ("fixed_questions_empty", _("Pilih sedikitnya satu soal untuk tes tetap"))
FIXED_TOO_MANY = ("fixed_questions_too_many", _("Tes tetap paling banyak {limit} soal"))
FIXED_DUPLICATE = ("fixed_question_duplicate", _("Soal dipilih lebih dari sekali: {questions}"))
FIXED_UNKNOWN = ("fixed_question_unknown", _("Soal tidak ada di bank soal pemilihan ini: {questions}"))
FIXED_UNKNOWN_RAW = ("fixed_question_unknown", _("Nomor soal harus bilangan bulat"))
FIXED_OUTSIDE_PROGRAM = (
    "fixed_question_outside_program",
    _("Soal dari modul yang tidak diajarkan program ini: {questions}"),
)
FIXED_INACTIVE = ("fixed_question_inactive", _("Soal tidak aktif atau belum punya teks: {questions}"))
FIXED_ORDER = ("fixed_order_invalid", _("Urutan soal harus bilangan 1 sampai {limit}"))


def error(pair: tuple[str, str], **values: object) -> DomainError:
    code, message = pair
    return DomainError(code, message.format(**values))
