"""Indonesian wording for dates and numbers in messages people read."""

from datetime import date

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def tanggal(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def rentang(start: date, end: date) -> str:
    """'22-23 Januari 2024', '31 Januari-2 Februari 2024', or one date."""
    if start == end:
        return tanggal(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]}-{tanggal(end)}"
    return f"{tanggal(start)}-{tanggal(end)}"


def angka(number: int) -> str:
    """Thousands with dots, as Indonesians write them: 5.741.127."""
    return f"{number:,}".replace(",", ".")
