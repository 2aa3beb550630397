"""Kemendagri dotted codes: 33 provinsi, 33.03 kabupaten/kota, 33.03.01 kecamatan, 33.03.01.2001 desa."""

from .schema import Area

_PARTS: dict[Area, int] = {"any": 0, "provinsi": 1, "kabupaten": 2, "kecamatan": 3, "desa": 4}


def prefix(code: str, area: Area) -> str:
    return ".".join(code.split(".")[: _PARTS[area]])


def kecamatan_of(code: str) -> str:
    return prefix(code, "kecamatan")


def same_area(a: str, b: str, area: Area) -> bool:
    """True when both codes lie in one region at `area` level (a shorter code is taken as its own area)."""
    if area == "any":
        return True
    return prefix(a, area) == prefix(b, area)


def within(code: str, region: str) -> bool:
    """True when `code` lies inside `region` (or is it)."""
    return code == region or code.startswith(region + ".")
