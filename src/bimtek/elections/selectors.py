"""Reads of elections that views and commands share."""

from django.shortcuts import get_object_or_404

from bimtek.elections.models import Election
from bimtek.lib.commands import UsageError


def election_or_404(slug: str) -> Election:
    return get_object_or_404(Election, slug=slug)


def election_for_command(slug: str) -> Election:
    """The election a command names with --election, or the usage error every command gives (exit status 2)."""
    election = Election.objects.filter(slug=slug).first()
    if election is None:
        raise UsageError(
            f"Pemilihan {slug!r} tidak ada; lihat 'bimtek election list' atau buat dengan 'bimtek election create'"
        )
    return election
