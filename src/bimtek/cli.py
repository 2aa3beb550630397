"""The `bimtek` command: Django's management commands with Bimtek's settings preset."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bimtek", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
