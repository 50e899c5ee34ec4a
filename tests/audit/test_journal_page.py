"""The staff page of the trail: for administrators only, read-only, filtered, paginated."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import URLPattern, get_resolver
from django.utils import timezone

from vivier.audit import Subject, record
from vivier.audit.views import PER_PAGE
from vivier.campaigns.models import Campaign

pytestmark = pytest.mark.django_db

URL = "/staff/journal/"


def lines_on(page) -> int:
    return page.content.decode().count('<tr class="audit-line">')


@pytest.fixture
def dora_client(client, dora):
    client.force_login(dora)
    return client


@pytest.fixture
def trail(alice, bob, campaign):
    """Three lines of three people, kinds, types and days."""
    LogEntry.objects.all().delete()
    first = record(None, "responses.export", campaign, format="csv", personal=True)
    first.actor = alice
    first.additional_data["actor_name"] = "alice"
    first.timestamp = timezone.make_aware(datetime(2024, 3, 1, 10))
    first.save()
    second = record(None, "auth.login", bob)
    second.actor = bob
    second.additional_data["actor_name"] = "bob"
    second.timestamp = timezone.make_aware(datetime(2024, 3, 5, 23, 30))
    second.save()
    third = record(None, "personal-data.erase", Subject(Campaign, "", "personne:abc"))
    third.timestamp = timezone.make_aware(datetime(2024, 3, 9, 8))
    third.save()
    return first, second, third


def test_an_administrator_reads_the_trail_newest_first(client, dora, trail):
    client.force_login(dora)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    # dora's own sign-in just now comes first, then the three lines, newest first.
    assert lines_on(page) == 4
    assert [(line.who, line.event.code) for line in page.context["lines"]] == [
        ("dora", "auth.login"),
        ("cli:" + trail[2].additional_data["actor_name"][4:], "personal-data.erase"),
        ("bob", "auth.login"),
        ("alice", "responses.export"),
    ]
    assert html.index("Effacement des données d’une personne") < html.index("Export des réponses")
    assert "avec les données personnelles : oui" in html
    assert "personne:abc" in html


def test_a_superuser_reads_it_too(alice_client, trail):
    assert alice_client.get(URL).status_code == 200


def test_other_staff_are_refused(client, bob, carol, trail):
    for user in (bob, carol):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_the_public_is_sent_to_the_login_page(client, trail):
    answer = client.get(URL)
    assert answer.status_code == 302
    assert answer["Location"].startswith("/staff/connexion/")


def test_the_page_refuses_post_and_changes_nothing(client, dora, trail):
    client.force_login(dora)
    before = list(LogEntry.objects.order_by("pk").values_list("pk", "additional_data"))
    for data in ({}, {"delete": trail[0].pk}, {"action": "delete", "id": trail[0].pk}):
        assert client.post(URL, data).status_code == 405
    assert list(LogEntry.objects.order_by("pk").values_list("pk", "additional_data")) == before


def test_the_trail_has_no_other_route_to_change_it():
    from vivier.audit import urls

    patterns = [p for p in urls.urlpatterns if isinstance(p, URLPattern)]
    assert [p.name for p in patterns] == ["journal"]
    journal = patterns[0].callback
    assert journal.access.permissions == ("auditlog.view_logentry",)

    # Nowhere else in the site: no route is served by a view of the audit app but this one.
    def views(resolver):
        for p in resolver.url_patterns:
            if isinstance(p, URLPattern):
                yield p.callback
            else:
                yield from views(p)

    assert [v for v in views(get_resolver()) if v.__module__.startswith("vivier.audit")] == [
        journal
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("qui=ali", ["responses.export"]),
        ("qui=cli", ["personal-data.erase"]),
        ("action=export", ["responses.export"]),
        ("action=erasure", ["personal-data.erase"]),
        ("action=deletion", ["personal-data.erase"]),
        ("action=sign-in", ["auth.login"]),
        ("objet=auth.user", ["auth.login"]),
        ("objet=campaigns.campaign", ["personal-data.erase", "responses.export"]),
        ("du=2024-03-05", ["personal-data.erase", "auth.login"]),
        ("au=2024-03-05", ["auth.login", "responses.export"]),
        ("du=2024-03-02&au=2024-03-08", ["auth.login"]),
        ("du=2024-03-05&au=2024-03-05&qui=bob&action=sign-in&objet=auth.user", ["auth.login"]),
    ],
)
def test_filters(dora_client, trail, query, expected):
    page = dora_client.get(f"{URL}?{query}")
    assert page.status_code == 200
    shown = [line.additional_data["event"] for line in page.context["page_obj"]]
    assert shown == expected


def test_the_day_range_is_read_in_the_site_time_zone(dora_client, trail):
    # 23:30 in Paris on 5 March is 22:30 UTC: still the 5th.
    page = dora_client.get(f"{URL}?du=2024-03-05&au=2024-03-05")
    assert [e.additional_data["event"] for e in page.context["page_obj"]] == ["auth.login"]


def test_the_first_and_last_days_a_date_can_hold_filter_nothing(dora_client, trail):
    page = dora_client.get(f"{URL}?du=0001-01-01&au=9999-12-31")
    assert page.status_code == 200
    assert len(page.context["lines"]) == 3


def test_a_wrong_range_is_named_and_what_was_typed_stays(dora_client, trail):
    page = dora_client.get(f"{URL}?du=2024-03-09&au=2024-03-01&qui=bob")
    assert page.status_code == 400
    html = page.content.decode()
    assert "précède la date « du »" in html
    assert 'value="bob"' in html and 'value="2024-03-09"' in html
    assert "page_obj" not in page.context


def test_an_unknown_choice_is_refused(dora_client, trail):
    assert dora_client.get(f"{URL}?action=nimporte").status_code == 400
    assert dora_client.get(f"{URL}?du=hier").status_code == 400


def test_the_trail_is_paginated(client, dora, campaign):
    for _ in range(PER_PAGE + 5):
        record(None, "report.export", campaign, format="pdf", publication=False)
    client.force_login(dora)
    first = client.get(URL)
    second = client.get(URL + "?page=2")
    assert lines_on(first) == PER_PAGE
    assert lines_on(second) == LogEntry.objects.count() - PER_PAGE
    filtered = client.get(URL + "?action=export&page=2")
    assert 'href="?action=export&amp;page=1"' in filtered.content.decode()


def test_a_masked_value_is_shown_as_such(client, dora, bob):
    bob.set_password("another-long-password")
    bob.save()
    client.force_login(dora)
    html = client.get(URL + "?action=accounts").content.decode()
    assert "modifié (valeur non conservée)" in html
    assert bob.password not in html


def test_old_lines_are_shown_until_purged(client, dora, trail):
    trail[0].timestamp = timezone.now() - timedelta(days=5000)
    trail[0].save()
    client.force_login(dora)
    assert "Export des réponses" in client.get(URL).content.decode()


def test_a_changed_reference_is_shown_by_name(client, dora, bob):
    """A sheet given a holder: the line names the holder's account, not its key."""
    from vivier.practices import registry
    from vivier.sheets.schema import Sheet

    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    practice.holder = bob
    practice.save(update_fields=["holder"])
    client.force_login(dora)
    html = client.get(URL).content.decode()
    table = html.split("<table", 1)[1]
    assert f"→ {bob.get_username()}" in table
    assert f"→ {bob.pk}<" not in table
