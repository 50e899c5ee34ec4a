"""A question page of the dashboard, filtered, says how many responses match the filters."""

import pytest

pytestmark = pytest.mark.django_db

PAGE = "/staff/campagnes/hcts-2020/analyse/q/q2/"


def test_a_filtered_question_page_counts_the_matching_responses(alice_client, demo):
    answer = alice_client.get(PAGE, {"f.q1": "travailleur_social"})
    assert answer.status_code == 200
    html = answer.content.decode()
    figure = answer.context["report"]["responses"]
    assert 0 < figure < 1771
    assert f"{figure} réponses correspondent aux filtres" in html


def test_a_filtered_question_page_requires_staff(client, carol, demo):
    client.force_login(carol)
    assert client.get(PAGE, {"f.q1": "travailleur_social"}).status_code == 403
