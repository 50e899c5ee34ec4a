"""No error page: every URL of the site, as each persona, on the demo data, answers below 500.

Each persona starts from the entry points and from every route of the URLconf filled with
values of the demo data (campaign, question, section, response, practice, remark,
candidate…), follows every same-site link and form it finds, posts every form as filled, empty
and with garbage, then sees one page of each kind in English. Every route is also asked with
garbage in each parameter. All 5xx are collected, so one run lists every broken page.

The demo data is built once per module inside a transaction rolled back at the end; each
test runs in a savepoint of it, so what one persona changes (a remark deleted, a sheet
unpublished) is undone before the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from pytest_django import DjangoDbBlocker

from tests.crawl import urlconf
from tests.crawl.crawler import Crawler, parse_page, view_name

ENTRY_POINTS = ("/", "/pratiques/", "/q/hcts-2020/", "/staff/", "/mes-pratiques/", "/connecte/")
REPORT_FORMATS = ("json", "html", "pdf", "docx", "xlsx")
EXPORT_FORMATS = ("csv", "jsonl", "xlsx", "parquet", "codebook.csv")
QUESTIONNAIRE_FORMATS = ("json", "xlsx")
HOLDER = ("hector", "hector-porteur-de-pratiques")
#: Views that render a whole document (the report as PDF takes seconds): alice visits each
#: of their URLs once, in French; the other personas leave them to her.
DOCUMENTS = frozenset({"reports:download", "staff:export", "practices:pdf"})


@dataclass
class Site:
    """What the demo holds, as values for the routes' parameters."""

    campaign: str
    questionnaire: str
    sections: list[str]
    questions: list[str]  # analysable ones: answerable, not personal data
    question_by_type: dict[str, str]
    published: list[str]  # practice slugs
    held: list[str]  # the holder's practice slugs
    pools: dict[str, list[str]] = field(default_factory=dict)


def _build_site() -> Site:
    from django.contrib.auth import get_user_model

    from vivier.campaigns.models import Campaign, DistributionLink, Response
    from vivier.demo.builder import build_demo
    from vivier.practices import candidates, registry
    from vivier.practices.models import Practice
    from vivier.reports.models import Remark
    from vivier.sheets.schema import Sheet

    build_demo()
    campaign = Campaign.objects.get(slug="hcts-2020")
    q = campaign.questionnaire.questionnaire()
    questions = [qu for qu in q.questions() if qu.answerable and not qu.personal_data]
    by_type: dict[str, str] = {}
    for question in questions:
        by_type.setdefault(str(question.type), question.name)

    holder = get_user_model().objects.create_user(HOLDER[0], password=HOLDER[1])
    draft = registry.save_sheet(Sheet(title="Cafés des parents du quartier"))
    published = list(
        Practice.objects.filter(state="published").order_by("code").values_list("slug", flat=True)
    )
    shown = Practice.objects.get(slug=published[0])
    for practice in (draft, shown):
        practice.holder = holder
        practice.save(update_fields=["holder"])

    submitted = Response.objects.filter(campaign=campaign, status="submitted").order_by("key")
    first, second = submitted[0], submitted[1]
    candidate = candidates.propose(second)
    remarks = [
        Remark.objects.create(campaign=campaign, question=name, kind="ANALYSE", text="À revoir")
        for name in ("", questions[0].name)
    ]
    link = DistributionLink.objects.filter(campaign=campaign).order_by("code").first()
    assert link is not None

    site = Site(
        campaign=campaign.slug,
        questionnaire=campaign.questionnaire.slug,
        sections=[s.name for s in q.sections],
        questions=[qu.name for qu in questions],
        question_by_type=by_type,
        published=published,
        held=[draft.slug, shown.slug],
    )
    site.pools = {
        # A slug names a campaign, a questionnaire or a practice depending on the route: each
        # route gets all of them, the wrong ones answer 404 quickly.
        "slug": list(dict.fromkeys([campaign.slug, site.questionnaire, published[1], draft.slug])),
        "campaign": [campaign.slug],
        "code": [link.code],
        "token": [first.resume_token()],
        "section": site.sections[:1],
        "key": [first.key],
        "name": [by_type[kind] for kind in sorted(by_type)],
        "fmt": list(dict.fromkeys(REPORT_FORMATS + EXPORT_FORMATS + QUESTIONNAIRE_FORMATS)),
        "pk": [str(r.pk) for r in remarks] + [str(candidate.pk)],
        "number": ["1", "2"],
    }
    return site


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Site]:
    from vivier.reports import snapshots

    with django_db_blocker.unblock():
        snapshots.forget(files=True)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build_site()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            snapshots.forget(files=True)


@pytest.fixture
def fresh(site: Site, db: None) -> Iterator[Site]:
    """The demo, in a savepoint this test's changes are rolled back to."""
    from vivier.reports import snapshots

    snapshots.forget()
    yield site
    snapshots.forget()


def _client(user: Any = None) -> Client:
    """A browser whose view errors come back as 500 pages instead of being raised."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _routes(pools: dict[str, list[str]]) -> list[str]:
    urls: list[str] = []
    for route in urlconf.routes():
        urls.extend(urlconf.filled(route, pools))
    return urls


def _garbage(crawler: Crawler, pools: dict[str, list[str]]) -> None:
    """Every route with garbage in each parameter; POST-only ones are posted to, empty."""
    for route in urlconf.routes():
        for url in urlconf.garbage(route, pools):
            if crawler.get(url).status_code == 405:
                crawler.post(url, {})


def _report(crawler: Crawler) -> str:
    return "\n".join(str(f) for f in crawler.failures)


def _assert_no_error_page(crawler: Crawler) -> None:
    print(crawler.summary())  # shown with -rP: what was covered
    assert not crawler.failures, (
        f"{len(crawler.failures)} error page(s) out of {len(crawler.visited)} requests:\n"
        + _report(crawler)
    )


def _reached(crawler: Crawler, paths: set[str]) -> set[str]:
    """Those of ``paths`` the crawl did not get an answer for (a 5xx is reported apart)."""
    answered = {url.split("?")[0] for method, url, status in crawler.visited if method == "GET"}
    return paths - answered


def test_the_public_sees_no_error_page(fresh: Site) -> None:
    crawler = Crawler("public", _client(), heavy=DOCUMENTS)
    details = {reverse("practices:detail", args=[slug]) for slug in fresh.published}
    crawler.seed(ENTRY_POINTS)
    crawler.seed(sorted(details))
    crawler.seed(_routes(fresh.pools))
    crawler.crawl()
    _garbage(crawler, fresh.pools)

    assert not _reached(crawler, details), "every published sheet is visited"
    assert "/pratiques/" in crawler.ok_paths()
    _assert_no_error_page(crawler)


def test_a_respondent_sees_no_error_page(fresh: Site) -> None:
    crawler = Crawler("respondent", _client(), heavy=DOCUMENTS)
    token = _start_a_draft(crawler, fresh)
    pools = {**fresh.pools, "token": [token], "section": fresh.sections}
    mine = [reverse("campaigns:resume", args=[fresh.campaign, token])]
    mine += [reverse("campaigns:page", args=[fresh.campaign, token, s]) for s in fresh.sections]
    crawler.seed(mine)
    crawler.seed(ENTRY_POINTS)
    crawler.seed(_routes(pools))
    crawler.crawl()
    # Then to the end, as a respondent who takes every first choice, and everything again.
    end = _answer_to_the_end(crawler, fresh, token)
    crawler.seed(mine)
    crawler.run()
    _garbage(crawler, pools)

    assert reverse("campaigns:review", args=[fresh.campaign, token]) in crawler.ok_paths()
    assert end == reverse("campaigns:thanks", args=[fresh.campaign, token])
    assert end in crawler.ok_paths()
    _assert_no_error_page(crawler)


def _answer_to_the_end(crawler: Crawler, site: Site, token: str) -> str:
    """From the resume link, each page posted as filled with "Continue", then the review's
    "Send": the path where it ends (the thanks page when every page was accepted)."""
    url = reverse("campaigns:resume", args=[site.campaign, token])
    for _step in range(3 * len(site.sections) + 10):
        answer = crawler.get(url)
        if answer.status_code in (301, 302, 303):
            url = answer["Location"]
            continue
        path = urlsplit(url).path
        if answer.status_code != 200 or view_name(path) not in (
            "campaigns:page",
            "campaigns:review",
        ):
            return path
        for _attempt in range(2):  # again when the page asks to confirm an empty answer
            forms = [
                f
                for f in parse_page(answer.content.decode())[1]
                if f.method == "post" and f.action in ("", path)
            ]
            if not forms:
                return path
            data = forms[0].filled()
            if view_name(path) == "campaigns:page":
                data["action"] = ["next"]
            answer = crawler.post(path, data)
            if answer.status_code in (301, 302, 303):
                break
        else:
            return path
        url = answer["Location"]
    return urlsplit(url).path


def _start_a_draft(crawler: Crawler, site: Site) -> str:
    """Starts a draft the way a respondent does: the landing page's form, as it is."""
    landing = crawler.get(reverse("campaigns:landing", args=[site.campaign]))
    start = reverse("campaigns:start", args=[site.campaign])
    forms = [f for f in parse_page(landing.content.decode())[1] if f.action.endswith(start)]
    assert forms, "the landing page has a start form"
    answer = crawler.post(start, forms[0].filled())
    assert answer.status_code == 302, answer.status_code
    return str(resolve(answer["Location"].split("?")[0]).kwargs["token"])


def test_a_practice_holder_sees_no_error_page(fresh: Site) -> None:
    crawler = Crawler("holder", _client(), heavy=DOCUMENTS)
    _sign_in(crawler, *HOLDER)
    pools = {**fresh.pools, "slug": [*fresh.held, fresh.published[1], fresh.campaign]}
    crawler.seed(ENTRY_POINTS)
    for slug in fresh.held:
        crawler.seed([reverse("practices_holder:edit", args=[slug])])
    crawler.seed(_routes(pools))
    crawler.crawl()
    _garbage(crawler, pools)

    assert reverse("practices_holder:edit", args=[fresh.held[0]]) in crawler.ok_paths()
    _assert_no_error_page(crawler)


def _sign_in(crawler: Crawler, username: str, password: str) -> None:
    """Signs in through the login page, as a holder does, whatever fields it carries."""
    login = reverse("staff:login")
    page = crawler.get(login + "?next=/connecte/")
    forms = [
        f
        for f in parse_page(page.content.decode())[1]
        if "password" in {n for _k, n, _v in f.fields}
    ]
    assert forms, "the login page has a form with a password"
    data = forms[0].filled()
    data["username"], data["password"] = [username], [password]
    answer = crawler.post(forms[0].action or login, data)
    assert answer.status_code == 302, f"the holder could not sign in ({answer.status_code})"
    landing = crawler.get(answer["Location"])  # /connecte/ sends a holder to their sheets
    assert landing.status_code == 302
    assert landing["Location"] == reverse("practices_holder:list")


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_staff_see_no_error_page(fresh: Site, persona: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(persona)
    if persona == "alice":
        crawler = Crawler(persona, _client(user), heavy=DOCUMENTS)
    else:
        crawler = Crawler(persona, _client(user), heavy=DOCUMENTS, skip=DOCUMENTS)
    # Every question page of the analysis by the staff member who sees most, one of each
    # type by the other.
    names = fresh.questions if persona == "alice" else list(fresh.question_by_type.values())
    questions = [reverse("reports:question", args=[fresh.campaign, n]) for n in names]
    crawler.seed(["/admin/", *ENTRY_POINTS])
    crawler.seed(questions)
    crawler.seed(reverse("reports:question_csv", args=[fresh.campaign, n]) for n in names)
    crawler.seed(_routes(fresh.pools))
    crawler.crawl()
    if persona == "alice":
        _garbage(crawler, fresh.pools)

    assert not _reached(crawler, set(questions))
    assert reverse("reports:overview", args=[fresh.campaign]) in crawler.ok_paths()
    _assert_no_error_page(crawler)


def test_a_logged_in_non_staff_account_sees_no_error_page(fresh: Site, carol: object) -> None:
    crawler = Crawler("carol", _client(carol), heavy=DOCUMENTS)
    crawler.seed(ENTRY_POINTS)
    crawler.seed(_routes(fresh.pools))
    crawler.crawl()

    assert reverse("practices_holder:list") in crawler.ok_paths()
    _assert_no_error_page(crawler)
