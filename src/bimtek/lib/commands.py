"""The command-line contract every `bimtek` command follows.

`--json` prints exactly one JSON object on stdout. Exit status: 0 done, 1 the input was
rejected (nothing stored), 2 usage error (argparse's own status).
"""

import getpass
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class InputRejected(CommandError):
    """The input was refused; nothing was stored. Exits with status 1."""

    def __init__(
        self, message: str, payload: dict[str, Any] | None = None, *, reported: bool = False
    ) -> None:
        super().__init__(message, returncode=1)
        self.payload = payload or {}
        self.reported = reported  # the command already printed its report


class UsageError(CommandError):
    """The call itself is wrong (unknown election, missing file). Exits with status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, returncode=2)


class ReportCommand(BaseCommand):
    """A command whose result is a report, printed for people or, with --json, for scripts."""

    json_output = False

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
        return parser

    def execute(self, *args: Any, **options: Any) -> Any:
        self.json_output = bool(options.get("json"))
        try:
            return super().execute(*args, **options)
        except InputRejected as exc:
            if self.json_output and not exc.reported:
                self.emit_json({"error": str(exc), **exc.payload})
            raise

    def emit_json(self, payload: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False, default=str))

    def emit(self, payload: dict[str, Any], human: str) -> None:
        """Print the report once: JSON for scripts, text for people."""
        if self.json_output:
            self.emit_json(payload)
        else:
            self.stdout.write(human)


def cli_actor() -> str:
    """How the audit log names an operator working at the command line."""
    return f"cli:{getpass.getuser()}"
