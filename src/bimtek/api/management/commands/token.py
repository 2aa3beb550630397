"""bimtek token create USERNAME [--rotate] [--json]: an API token for a script acting as that user."""

from typing import Any

from django.core.management.base import CommandParser
from rest_framework.authtoken.models import Token

from bimtek.accounts.models import User
from bimtek.api.services import token_create
from bimtek.lib.commands import InputRejected, ReportCommand, UsageError, cli_actor
from bimtek.lib.errors import DomainError


class Command(ReportCommand):
    help = "Buat token API untuk skrip yang bertindak sebagai seorang pengguna."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="cetak token pengguna; dibuat bila belum ada")
        create.add_argument("username")
        create.add_argument(
            "--rotate", action="store_true", help="ganti token lama; skrip yang memakainya berhenti bekerja"
        )
        create.add_argument("--json", action="store_true", help="cetak satu objek JSON di stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        self.json_output = options["json"]
        user = self.find_user(options["username"])
        token, created = self.issue(user, rotate=options["rotate"])
        payload = {"username": user.get_username(), "token": token.key, "created": created}
        self.emit(payload, token.key)

    def find_user(self, username: str) -> User:
        """1. The user must exist; a typo is a usage error, not a rejected input."""
        user = User.objects.filter(username=username).first()
        if user is None:
            raise UsageError(f"Pengguna '{username}' tidak ada")
        return user

    def issue(self, user: User, *, rotate: bool) -> tuple[Token, bool]:
        """2. The service refuses an account that would see nothing."""
        try:
            return token_create(user=user, actor=cli_actor(), rotate=rotate)
        except DomainError as exc:
            raise InputRejected(exc.message, {"code": exc.code}) from None
