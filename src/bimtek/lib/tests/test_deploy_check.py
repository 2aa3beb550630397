"""`bimtek check --deploy` with the documented production environment (deploy/production.env) is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
PRODUCTION_ENV = REPO / "deploy" / "production.env"


def production_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "BIMTEK_"))}
    for line in PRODUCTION_ENV.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    env["SECRET_KEY"] = secrets.token_urlsafe(50)  # the file holds a placeholder, as it must
    env["BIMTEK_DATA_DIR"] = str(data_dir)
    return env


def test_it_finds_the_production_settings_clean(tmp_path: Path) -> None:
    checked = subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "bimtek", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr + checked.stdout
    assert "no issues" in checked.stdout


def test_it_warns_without_the_production_environment(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_COOKIES"):
        env.pop(name)
    checked = subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "bimtek", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in checked.stderr + checked.stdout, warning
