"""Domain errors carry a stable code (tests assert it) and an Indonesian message (people read it)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


class DomainError(Exception):
    """A rule of the domain refused an action. `code` is stable; `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
