"""Public pages answer the methods they are for, and 405 to the others.

The staff actions have their wrong-method test in ``test_role_access.py``; these are the
pages the public, a respondent or a person concerned opens. The questionnaire's own pages
(``resume``, ``saved``, ``thanks``) are checked with a real draft.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.support import make_campaign, small_questionnaire

pytestmark = pytest.mark.django_db

PAGES = (
    "/",
    "/sante/",
    "/pratiques/",
    "/pratiques/carte/",
    "/pratiques/donnees/",
    "/pratiques/donnees.json",
    "/pratiques/donnees.csv",
    "/comptes/code/",
)


@pytest.mark.parametrize("url", PAGES)
def test_a_public_page_refuses_a_method_it_is_not_for(url):
    client = Client()
    assert client.get(url).status_code == 200
    assert client.delete(url).status_code == 405
    assert client.put(url).status_code == 405


def test_the_respondent_s_pages_refuse_a_method_they_are_not_for():
    from vivier.campaigns import services

    campaign = make_campaign(small_questionnaire())
    draft = services.start_response(campaign, key="d1")
    token = draft.resume_token()
    base = f"/q/{campaign.slug}/"
    for url in (base, f"{base}r/{token}/", f"{base}r/{token}/enregistre/"):
        assert Client().get(url).status_code in {200, 302}, url
        assert Client().delete(url).status_code == 405, url
    assert Client().post(f"{base}r/{token}/merci/").status_code == 405
