"""A NUL character (U+0000) in a request never reaches the database: PostgreSQL refuses it.

Found by the crawler (tests/crawl): on PostgreSQL, a NUL in the start form's link code, a
username, a rejection reason, a merge target or a response id in the address answered 500.
"""

import re

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from vivier.campaigns.models import Response
from vivier.middleware import NulCharacterMiddleware
from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet


def _seen_by_the_view(request):
    seen = {}

    def view(request):
        seen["GET"], seen["POST"] = request.GET, request.POST
        return HttpResponse()

    NulCharacterMiddleware(view)(request)
    return seen


def test_nul_characters_are_removed_from_query_and_form_values():
    request = RequestFactory().post("/?q=ca\x00f%C3%A9", {"a\x00": ["x\x00y", "z"], "b": "ok"})
    seen = _seen_by_the_view(request)
    assert seen["GET"]["q"] == "café"
    assert seen["POST"].getlist("a") == ["xy", "z"]
    assert seen["POST"]["b"] == "ok"
    assert not seen["POST"]._mutable


def test_a_request_without_nul_is_left_as_it_came():
    request = RequestFactory().post("/?q=1", {"a": "b"})
    post = request.POST
    assert _seen_by_the_view(request)["POST"] is post


def test_an_address_with_a_nul_is_not_found():
    with pytest.raises(Http404):
        NulCharacterMiddleware(lambda request: HttpResponse())(RequestFactory().get("/a\x00b/"))


@pytest.mark.django_db
def test_a_nul_in_a_response_id_in_the_address_is_a_404(alice_client, campaign):
    url = f"/staff/campagnes/{campaign.slug}/reponses/a%00b/"
    assert alice_client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_nul_in_the_start_forms_link_still_starts_a_draft(client, campaign):
    landing = client.get(f"/q/{campaign.slug}/").content.decode()
    token = re.search(r'name="start_token" value="([^"]+)"', landing).group(1)
    data = {"start_token": token, "link": "anas\x00"}
    answer = client.post(f"/q/{campaign.slug}/commencer/", data)
    assert answer.status_code == 302
    assert Response.objects.get(campaign=campaign).link.code == "anas"


@pytest.mark.django_db
def test_a_nul_in_a_username_is_removed_before_looking_it_up(alice_client, bob):
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    answer = alice_client.post(
        f"/staff/pratiques/{practice.slug}/porteur/", {"username": "bo\x00b"}
    )
    assert answer.status_code == 302
    assert Practice.objects.get(pk=practice.pk).holder == bob
