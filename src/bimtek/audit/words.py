"""The audit log in words: what each recorded action, object and field means to the operator reading it.

The log stores codes (`readiness.refresh`, `{"at_risk": 12}`) so that it can be searched and exported; the
page shows these words instead, and keeps the code in the markup (`data-code`) and in the filter box.
An action or field without a label here is shown humanised (`sessions_replaced` → "sessions replaced"),
never as a Python value, and a test lists the actions the code records so a new one is not forgotten.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "appointment.fill": _("Kursi kosong diisi"),
    "appointment.replace": _("Petugas diganti (PAW)"),
    "assessment.answers_import": _("Jawaban kertas diimpor"),
    "assessment.attempt_again": _("Tes diulang"),
    "assessment.attempt_submit": _("Tes dikumpulkan"),
    "assessment.attempts_issue": _("Tes dibagikan"),
    "assessment.form_configure": _("Lembar tes diatur"),
    "assessment.form_fix_questions": _("Soal tetap lembar tes dipilih"),
    "assessment.module_update": _("Modul diubah"),
    "assessment.program_update": _("Program diubah"),
    "assessment.programs_seed": _("Program baku dibuat"),
    "assessment.question_revise": _("Soal direvisi"),
    "assessment.questions_import": _("Bank soal diimpor"),
    "attendance.check_in": _("Kehadiran dicatat"),
    "budget.actual_cost.delete": _("Biaya realisasi dihapus"),
    "budget.actual_cost.record": _("Biaya realisasi dicatat"),
    "budget.unit_cost.set": _("Biaya satuan anggaran diatur"),
    "certificate.issue": _("Sertifikat diterbitkan"),
    "certificate.revoke": _("Sertifikat dicabut"),
    "certificate.revoke_ended": _("Sertifikat dicabut (tugas berakhir)"),
    "documents.generate": _("Dokumen dibuat"),
    "documents.rate_save": _("Tarif disimpan"),
    "documents.template_save": _("Templat disimpan"),
    "drill.attempt.record": _("Latihan penghitungan dicatat"),
    "drill.crew.enter": _("Isian ganda latihan regu dicatat"),
    "drill.crew.resolve": _("Selisih isian ganda diputuskan ketua"),
    "drill.crew.start": _("Latihan regu isian ganda dimulai"),
    "drill.crew_policy.set": _("Aturan latihan regu dalam kesiapan diatur"),
    "election.create": _("Pemilihan dibuat"),
    "feedback.close": _("Evaluasi ditutup"),
    "feedback.response": _("Evaluasi diisi"),
    "jobs.job.cancel": _("Pekerjaan dibatalkan"),
    "message.whatsapp_opened": _("Pesan WhatsApp dibuka"),
    "message_template.create": _("Templat pesan dibuat"),
    "messages.send.undangan": _("Undangan dikirim"),
    "messages.send.pengingat": _("Pengingat dikirim"),
    "people.import": _("Petugas diimpor"),
    "person.update": _("Data orang diubah"),
    "planner.plan.create": _("Rencana dibuat"),
    "planner.plan.enqueue": _("Rencana diantrekan"),
    "planner.plan.solve": _("Rencana dihitung"),
    "planner.session.cancel": _("Sesi dibatalkan"),
    "planner.session.create": _("Sesi dibuat"),
    "planner.session.facilitators": _("Fasilitator sesi diubah"),
    "planner.session.held": _("Sesi dicatat terlaksana"),
    "planner.session.move_group": _("Kelompok dipindah sesi"),
    "planner.venue.create": _("Tempat ditambahkan"),
    "readiness.refresh": _("Kesiapan dihitung ulang"),
    "readiness.policy": _("Aturan kesiapan (BPJS, surat sehat) diubah"),
    "regions.import": _("Wilayah diimpor"),
    "session.reply": _("Jawaban undangan sesi"),
    "signin.code": _("Kode masuk dikirim"),
    "signin.code_used": _("Kode masuk dipakai"),
    "speakers.invitations.printed": _("Surat undangan narasumber dicetak"),
    "speakers.module_default.set": _("Narasumber bawaan modul diatur"),
    "speakers.session_speaker.assigned": _("Narasumber sesi ditetapkan"),
    "speakers.session_speaker.removed": _("Narasumber sesi dilepas"),
    "speakers.session_speakers.filled": _("Narasumber sesi diisi dari bawaan"),
    "speakers.speaker.created": _("Narasumber ditambahkan"),
    "speakers.speaker.updated": _("Data narasumber diubah"),
    "synth.country": _("Negara sintetis dibuat"),
    "token.create": _("Token API dibuat"),
    "token.rotate": _("Token API diganti"),
    "tps.import": _("TPS diimpor"),
    "user.create": _("Akun dibuat"),
}

OBJECTS = {
    "actual_cost": _("biaya realisasi"),
    "appointment": _("penugasan"),
    "attempt": _("tes"),
    "certificate": _("sertifikat"),
    "drill.attempt": _("latihan"),
    "drill.crew": _("latihan regu"),
    "election": _("pemilihan"),
    "job": _("pekerjaan"),
    "module_speaker": _("narasumber bawaan modul"),
    "person": _("orang"),
    "region": _("wilayah"),
    "session": _("sesi"),
    "speaker": _("narasumber"),
    "testform": _("lembar tes"),
    "training_plan": _("rencana"),
    "training_session": _("sesi"),
    "unit_cost": _("biaya satuan"),
    "user": _("akun"),
    "venue": _("tempat"),
}

FIELDS = {
    "address": _("alamat"),
    "agreement": _("kesamaan isian (%)"),
    "akun": _("akun belanja"),
    "amount": _("jumlah"),
    "at_risk": _("berisiko"),
    "attempts": _("tes"),
    "capacity": _("kapasitas"),
    "count_bpjs": _("BPJS dihitung dalam kesiapan"),
    "count_health": _("surat sehat dihitung dalam kesiapan"),
    "counts_in_readiness": _("dihitung dalam kesiapan"),
    "date": _("tanggal"),
    "differences": _("selisih"),
    "election": _("pemilihan"),
    "end": _("selesai"),
    "entry": _("isian"),
    "facilitator_area": _("asal fasilitator"),
    "facilitators_per_session": _("fasilitator per sesi"),
    "file": _("berkas"),
    "forms": _("lembar tes"),
    "imported": _("diimpor"),
    "item": _("komponen"),
    "kind": _("jenis"),
    "late": _("terlambat"),
    "level": _("tingkat"),
    "locality": _("kedekatan"),
    "mode": _("mode"),
    "modules": _("modul"),
    "moved": _("dipindah"),
    "name": _("nama"),
    "not_before": _("tidak sebelum"),
    "not_ready": _("belum siap"),
    "note": _("keterangan"),
    "on": _("tanggal"),
    "pass_mark": _("nilai lulus"),
    "percent": _("persen"),
    "person_id": _("orang"),
    "programs": _("program"),
    "ready": _("siap"),
    "reason": _("keterangan"),
    "region": _("wilayah"),
    "rejected_rows": _("baris ditolak"),
    "replaced_by_person_id": _("pengganti"),
    "role": _("peran"),
    "rollups": _("rekap wilayah"),
    "rules": _("aturan"),
    "score": _("nilai"),
    "seat": _("kursi"),
    "seed": _("benih acak"),
    "sessions": _("sesi"),
    "sessions_replaced": _("sesi diganti"),
    "sha256": _("sidik berkas"),
    "slot": _("jam"),
    "slug": _("kode pemilihan"),
    "source": _("sumber"),
    "start": _("mulai"),
    "status": _("status"),
    "tier": _("jenjang"),
    "tps": _("TPS"),
    "tps_id": _("TPS"),
    "unchanged": _("tidak berubah"),
    "unplanned_participants": _("peserta tak terjadwal"),
    "updated": _("diperbarui"),
    "username": _("nama pengguna"),
    "venues": _("tempat"),
    "violations": _("pelanggaran"),
    "voting_day": _("hari pemungutan suara"),
}

# Values that are codes of a fixed set: roles, statuses, tiers.
VALUES = {
    "kpu_ri": "KPU RI",
    "kpu_provinsi": "KPU Provinsi",
    "kpu_kabkota": "KPU Kabupaten/Kota",
    "ppk": "PPK",
    "pps": "PPS",
    "kpps": "KPPS",
    "linmas": "Linmas",
    "tot": "ToT",
    "bimtek": "Bimtek",
    "susulan": _("sesi susulan"),
    "active": _("aktif"),
    "resigned": _("mengundurkan diri"),
    "dismissed": _("diberhentikan"),
    "deceased": _("meninggal dunia"),
    "replaced": _("diganti (PAW)"),
    "solved": _("selesai dihitung"),
    "infeasible": _("tidak mungkin"),
    "held": _("terlaksana"),
    "planned": _("direncanakan"),
    "cancelled": _("dibatalkan"),
    "prefer": _("diutamakan"),
    "require": _("wajib"),
    "kecamatan": _("kecamatan"),
    "desa": _("desa"),
    "fixed": _("tetap"),
    "blueprint": _("acak per modul"),
    "sewa_tempat": _("sewa tempat"),
    "honor_narasumber": _("honor narasumber"),
    "honor_fasilitator": _("honor fasilitator"),
    "honor_peserta": _("honor peserta"),
}


def humanise(code: str) -> str:
    return code.replace("_", " ").replace(".", " ")


def action_words(code: str) -> str:
    return str(ACTIONS.get(code, humanise(code)))


def object_words(code: str) -> str:
    return str(OBJECTS.get(code, humanise(code)))


def value_words(value: Any) -> str:
    """One stored value in words: no Python reprs, no None, no bare codes of a known set."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("ya") if value else _("tidak"))
    if isinstance(value, int | float):
        return f"{value:,}".replace(",", ".") if isinstance(value, int) else f"{value:g}".replace(".", ",")
    if isinstance(value, list):
        return ", ".join(value_words(v) for v in value) if value else "–"
    if isinstance(value, dict):
        return "; ".join(f"{field_words(k)}: {value_words(v)}" for k, v in value.items())
    text = str(value)
    return str(VALUES.get(text, text))


def field_words(code: str) -> str:
    return str(FIELDS.get(code, humanise(code)))


def change_words(change: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(field, value) in words for the 'before' or 'after' of an entry."""
    if not change:
        return []
    if not isinstance(change, dict):
        return [("", value_words(change))]
    return [(field_words(k), value_words(v)) for k, v in change.items()]
