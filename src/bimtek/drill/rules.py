"""What each checker rule is about, in a line a facilitator can read to the class."""

from django.utils.translation import gettext_lazy as _

RULE_TITLES = {
    "sum_lp": _("Jumlah = L + P pada setiap baris"),
    "turnout_sum": _("I.B.4 = DPT + DPTb + DPK (I.B.1 + I.B.2 + I.B.3)"),
    "valid_sum": _("Suara sah (V.A) = jumlah suara semua pasangan (IV)"),
    "votes_sum": _("V.C = suara sah + suara tidak sah"),
    "votes_vs_turnout": _("Surat suara di kotak (V.C) = jumlah pengguna hak pilih (I.B.4)"),
    "used_vs_turnout": _("Surat suara digunakan (II.2) = jumlah pengguna hak pilih (I.B.4)"),
    "ballots_balance": _("Diterima (II.1) = digunakan + rusak/keliru + tidak digunakan"),
    "reserve": _("Surat suara diterima = DPT + cadangan (peringatan)"),
    "turnout_le_dpt": _("Pengguna dari DPT (I.B.1) tidak melebihi DPT (I.A)"),
    "disabled_le_turnout": _("Pemilih disabilitas (III) tidak melebihi pengguna hak pilih"),
    "turnout_le_ballots": _("Pengguna hak pilih tidak melebihi surat suara yang bisa dipakai"),
    "range": _("Setiap isian bilangan bulat 0-999"),
    "tally_vs_box": _("Turus = angka di kotak"),
    "words_vs_digits": _("Huruf = angka"),
}


def rule_rows(counts: list[tuple[str, int]], attempts: int) -> list[tuple[str, str, int, int]]:
    """(code, title, attempts that broke it, percent of attempts), in the order given."""
    return [
        (code, str(RULE_TITLES.get(code, code)), n, round(100 * n / attempts) if attempts else 0)
        for code, n in counts
    ]
