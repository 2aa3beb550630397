"""Every speaker page is scoped: KPU Purbalingga neither sees nor assigns Beltim's speakers, and a speaker
shared from above is read-only below.

The walk reads the `speakers` namespace from the resolver, so a new page fails here until it states its case.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bimtek.accounts.models import User
from bimtek.elections.models import Election
from bimtek.speakers.models import ModuleSpeaker, SessionSpeaker

from .helpers import PURBALINGGA, hall, session, speaker, tot_modules, tot_plan

pytestmark = pytest.mark.django_db


def speaker_names() -> set[str]:
    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver) and p.namespace == "speakers":
            return {f"speakers:{q.name}" for q in p.url_patterns if isinstance(q, URLPattern)}
    raise AssertionError("the speakers namespace is not mounted")


@pytest.fixture
def beltim(pemilu: Election) -> dict[str, object]:
    plan = tot_plan(pemilu)
    here = session(plan, hall("Aula KPU Beltim"))
    module = tot_modules(pemilu)[0]
    ani = speaker("Ani Rahasia Beltim")
    return {"session": here, "module": module, "speaker": ani}


def test_another_kabupaten_gets_nothing_of_beltims_speakers(beltim: dict, kpu_purbalingga: User) -> None:
    client = Client()
    client.force_login(kpu_purbalingga)
    ani, here, module = beltim["speaker"], beltim["session"], beltim["module"]
    cases = {
        "speakers:list": ("get", {}, {}),
        "speakers:add": ("get", {}, {}),
        "speakers:edit": ("get", {"pk": ani.pk}, {}),
        "speakers:module_default": ("post", {"pk": ani.pk}, {"module": module.pk}),
        "speakers:assign": ("post", {"pk": here.pk}, {"module": module.pk, "speaker": ani.pk}),
        "speakers:fill": ("post", {"pk": here.pk}, {}),
        "speakers:letters": ("get", {"pk": here.pk}, {}),
    }
    assert set(cases) == speaker_names(), "add the new page to this walk"
    for name, (method, kwargs, data) in cases.items():
        response = getattr(client, method)(reverse(name, kwargs=kwargs), data)
        if name in ("speakers:list", "speakers:add"):
            assert response.status_code == 200 and "Ani Rahasia Beltim" not in response.content.decode(), name
        else:
            assert response.status_code == 404, name
    assert not SessionSpeaker.objects.exists() and not ModuleSpeaker.objects.exists()


def test_a_kpu_kabupaten_cannot_assign_another_kabupatens_speaker(beltim: dict, kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    outsider = speaker("Budi Purbalingga", region=PURBALINGGA)
    url = reverse("speakers:assign", args=[beltim["session"].pk])
    response = client.post(url, {"module": beltim["module"].pk, "speaker": outsider.pk})
    assert response.status_code == 404
    assert not SessionSpeaker.objects.exists()


def test_a_shared_speaker_is_read_only_below(beltim: dict, kpu_beltim: User) -> None:
    client = Client()
    client.force_login(kpu_beltim)
    national = speaker("Komisioner KPU RI", region="", phone="+6281311112222")
    page = client.get(reverse("speakers:edit", args=[national.pk]))
    assert page.status_code == 200 and "+6281311112222" not in page.content.decode()
    refused = client.post(reverse("speakers:edit", args=[national.pk]), {"name": "X", "institution": "Y"})
    assert refused.status_code == 403
