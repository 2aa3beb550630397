"""Settings for the test suite: the production settings with fast hashing and inline tasks."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-which-is-long-enough-0123456789")
os.environ.setdefault("BIMTEK_DATA_DIR", tempfile.mkdtemp(prefix="bimtek-test-"))

from bimtek.settings import *  # noqa: E402,F403
from bimtek.settings import PASSWORD_HASHERS  # noqa: E402

# Argon2 is slow by design; tests create many users and do not test the hash itself.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
