"""Reads of elections that views and commands share."""

from django.shortcuts import get_object_or_404

from bimtek.elections.models import Election


def election_or_404(slug: str) -> Election:
    return get_object_or_404(Election, slug=slug)
