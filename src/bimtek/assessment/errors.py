"""The assessment's domain errors: stable codes for tests, Indonesian messages for people."""

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


def error(pair: tuple[str, str], **values: object) -> DomainError:
    code, message = pair
    return DomainError(code, message.format(**values))
