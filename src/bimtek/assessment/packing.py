"""Attempts keep their items and answers as packed int32 arrays: 4 bytes per question, no row per answer."""

import numpy as np

BLANK = -(2**31)  # an answer not given
DTYPE = np.dtype("<i4")


def pack(values: list[int | None]) -> bytes:
    return np.array([BLANK if v is None else v for v in values], dtype=DTYPE).tobytes()


def unpack(data: bytes | memoryview) -> list[int | None]:
    return [None if v == BLANK else int(v) for v in np.frombuffer(bytes(data), dtype=DTYPE)]


def unpack_array(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=DTYPE)
