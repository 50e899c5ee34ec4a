"""Each action of the codebook pages (/codage/<slug>/codes/…): it works for the right person,
refuses the wrong method, sends anonymous visitors to sign in and refuses the others (403
without the right, 404 for a campaign or a code that is not there); a refused change is a
400 naming the field, and writes nothing.

Reading needs ``coding.view_source`` or ``coding.view_codebook`` (analysts, the
personal-data role, the working group); changing needs ``coding.manage_codebook`` (analysts).
"""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.support import make_campaign, small_questionnaire
from vivier.coding import codebooks
from vivier.coding.models import Code, Codebook, CodebookVersion, Coding, Source

pytestmark = pytest.mark.django_db

READERS = ["analyst_axel", "privacy_paul", "group_gael"]
NOT_READERS = others("analyste", "donnees_personnelles", "groupe_de_travail")
#: Every persona but the analysts gets 403 on the changes.
NOT_MANAGERS = others("analyste")


@pytest.fixture
def book(hcts_campaign):
    return codebooks.codebook_of(hcts_campaign)


@pytest.fixture
def code(book):
    top = codebooks.add_code(book, user=None, name="Types", is_codable=False)
    return codebooks.add_code(
        book,
        user=None,
        parent=top,
        name="Aller-vers",
        definition="Aller au-devant des personnes.",
        include_rule="Maraudes, visites.",
        exclude_rule="Un rendez-vous au bureau.",
        examples=["Une permanence au pied des immeubles."],
        shortcut="1",
        color="#0078F3",
        questions=["q15"],
    )


def base(campaign) -> str:
    return f"/codage/{campaign.slug}/codes/"


def version_count(book) -> int:
    return CodebookVersion.objects.filter(codebook=book).count()


# -- The tree ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_the_tree_shows_each_code_to_the_readers(request, persona, hcts_campaign, code):
    source = Source.objects.create(campaign=hcts_campaign, kind="note", name="N", text="Texte.")
    Coding.objects.create(source=source, code=code, coder=None)
    answer = client_of(request, persona).get(base(hcts_campaign))
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'id="codebook-tree"' in html and f'id="code-{code.pk}"' in html
    for text in (
        "Aller-vers",
        "Aller au-devant des personnes.",
        "Maraudes, visites.",
        "Un rendez-vous au bureau.",
        "Une permanence au pied des immeubles.",
        '<kbd class="vivier-key" title="Raccourci">1</kbd>',
        'fill="#0078F3"',
        "1 codage",
        "catégorie",
    ):
        assert text in html, text
    may_manage = persona == "analyst_axel"
    assert (f"{base(hcts_campaign)}{code.pk}/fusionner/" in html) is may_manage


def test_the_hub_links_to_the_tree(analyst_axel_client, hcts_campaign):
    html = analyst_axel_client.get(f"/codage/{hcts_campaign.slug}/").content.decode()
    assert f'href="{base(hcts_campaign)}"' in html


def test_an_empty_tree_offers_the_starter_to_the_analysts_only(
    analyst_axel_client, group_gael_client, hcts_campaign
):
    html = analyst_axel_client.get(base(hcts_campaign)).content.decode()
    assert 'id="codebook-empty"' in html and 'id="starter-form"' in html
    assert 'id="starter-form"' not in group_gael_client.get(base(hcts_campaign)).content.decode()


def test_the_tree_rejects_the_wrong_method(analyst_axel_client, hcts_campaign):
    assert analyst_axel_client.post(base(hcts_campaign)).status_code == 405


@pytest.mark.parametrize("persona", NOT_READERS)
def test_the_tree_is_refused_to_the_others(request, persona, hcts_campaign):
    assert client_of(request, persona).get(base(hcts_campaign)).status_code == 403


def test_the_tree_of_an_unknown_campaign_is_a_404(analyst_axel_client):
    assert analyst_axel_client.get("/codage/nulle-part/codes/").status_code == 404


def test_the_tree_sends_anonymous_visitors_to_sign_in(client, hcts_campaign):
    assert sent_to_sign_in(client.get(base(hcts_campaign)))


# -- The versions ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_the_versions_say_each_change_in_words(request, persona, hcts_campaign, code, book):
    codebooks.update_code(code, user=None, name="Aller vers les personnes")
    answer = client_of(request, persona).get(base(hcts_campaign) + "versions/")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'id="version-4"' in html and 'id="version-1"' in html
    assert "« Aller-vers » renommé « Aller vers les personnes »" in html
    assert "« Aller-vers » ajouté sous « Types »" in html


def test_the_versions_reject_the_wrong_method(analyst_axel_client, hcts_campaign):
    assert analyst_axel_client.post(base(hcts_campaign) + "versions/").status_code == 405


@pytest.mark.parametrize("persona", NOT_READERS)
def test_the_versions_are_refused_to_the_others(request, persona, hcts_campaign):
    answer = client_of(request, persona).get(base(hcts_campaign) + "versions/")
    assert answer.status_code == 403


def test_the_versions_send_anonymous_visitors_to_sign_in(client, hcts_campaign):
    assert sent_to_sign_in(client.get(base(hcts_campaign) + "versions/"))


# -- Adding a code -----------------------------------------------------------------------------


def test_an_analyst_adds_a_code_under_another(analyst_axel_client, hcts_campaign, code, book):
    form = analyst_axel_client.get(base(hcts_campaign) + f"ajouter/?parent={code.pk}")
    assert form.status_code == 200
    assert f'<option value="{code.pk}" selected>' in form.content.decode()
    answer = analyst_axel_client.post(
        base(hcts_campaign) + "ajouter/",
        {
            "name": "Maraudes",
            "parent": str(code.pk),
            "definition": "Tournées de rue.",
            "examples": "Le mardi soir.\n\nLe jeudi matin.",
            "shortcut": "2",
            "color": "#aabbcc",
            "is_codable": "on",
            "questions": "q15, q16",
        },
    )
    made = Code.objects.get(name="Maraudes")
    assert answer.status_code == 302
    assert answer["Location"] == base(hcts_campaign) + f"#code-{made.pk}"
    assert (made.parent, made.examples, made.color, made.questions) == (
        code,
        ["Le mardi soir.", "Le jeudi matin."],
        "#AABBCC",
        ["q15", "q16"],
    )
    assert CodebookVersion.objects.filter(codebook=book).last().author.username == "analyst_axel"


def test_a_refused_code_names_its_fields_and_keeps_what_was_typed(
    analyst_axel_client, hcts_campaign, code, book
):
    before = version_count(book)
    answer = analyst_axel_client.post(
        base(hcts_campaign) + "ajouter/",
        {
            "name": "aller vers",
            "parent": str(code.parent_id),
            "shortcut": "1",
            "color": "bleu",
            "questions": "q999",
        },
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert '<a href="#f-shortcut">Raccourci : le raccourci « 1 » est déjà celui du code' in html
    assert '<a href="#f-color">Couleur : la couleur « bleu »' in html
    assert '<a href="#f-name">Nom : le nom « aller vers » est déjà celui du code' in html
    assert '<a href="#f-questions">Questions : le questionnaire de la campagne' in html
    assert 'value="bleu"' in html
    assert version_count(book) == before and Code.objects.count() == 2


def test_a_code_without_a_name_is_refused(analyst_axel_client, hcts_campaign):
    answer = analyst_axel_client.post(base(hcts_campaign) + "ajouter/", {"name": ""})
    assert answer.status_code == 400
    assert '<a href="#f-name">Nom : Donnez un nom au code.</a>' in answer.content.decode()


def test_an_unknown_question_is_refused_beside_the_field(analyst_axel_client, hcts_campaign):
    answer = analyst_axel_client.post(
        base(hcts_campaign) + "ajouter/", {"name": "X", "questions": "q15, q999"}
    )
    assert answer.status_code == 400
    assert (
        '<a href="#f-questions">Questions : le questionnaire de la campagne n&#x27;a pas de '
        "question « q999 »</a>"
    ) in answer.content.decode()


def test_adding_rejects_the_wrong_method(analyst_axel_client, hcts_campaign):
    assert analyst_axel_client.put(base(hcts_campaign) + "ajouter/").status_code == 405


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_adding_is_refused_to_the_others(request, persona, hcts_campaign):
    client = client_of(request, persona)
    assert client.get(base(hcts_campaign) + "ajouter/").status_code == 403
    assert client.post(base(hcts_campaign) + "ajouter/", {"name": "X"}).status_code == 403
    assert not Code.objects.exists()


def test_adding_sends_anonymous_visitors_to_sign_in(client, hcts_campaign):
    assert sent_to_sign_in(client.post(base(hcts_campaign) + "ajouter/", {"name": "X"}))


def test_adding_to_an_unknown_campaign_is_a_404(analyst_axel_client):
    assert analyst_axel_client.get("/codage/nulle-part/codes/ajouter/").status_code == 404


# -- Editing, moving, merging, splitting a code ------------------------------------------------


def test_an_analyst_edits_a_code(analyst_axel_client, hcts_campaign, code):
    url = base(hcts_campaign) + f"{code.pk}/modifier/"
    page = analyst_axel_client.get(url)
    assert page.status_code == 200 and "Aller au-devant des personnes." in page.content.decode()
    answer = analyst_axel_client.post(
        url, {"name": "Aller vers", "definition": "Nouvelle définition.", "shortcut": "3"}
    )
    assert answer.status_code == 302
    code.refresh_from_db()
    assert (code.name, code.definition, code.shortcut, code.is_codable) == (
        "Aller vers",
        "Nouvelle définition.",
        "3",
        False,
    )


def test_a_bad_edit_is_a_400_naming_the_field(analyst_axel_client, hcts_campaign, code):
    answer = analyst_axel_client.post(
        base(hcts_campaign) + f"{code.pk}/modifier/", {"name": "Aller-vers", "shortcut": "!"}
    )
    assert answer.status_code == 400
    assert '<a href="#f-shortcut">Raccourci : le raccourci « ! »' in answer.content.decode()
    code.refresh_from_db()
    assert code.shortcut == "1"


def test_an_analyst_moves_a_code_to_the_top(analyst_axel_client, hcts_campaign, code):
    url = base(hcts_campaign) + f"{code.pk}/deplacer/"
    assert analyst_axel_client.get(url).status_code == 200
    answer = analyst_axel_client.post(url, {"parent": "", "position": "1"})
    assert answer.status_code == 302
    code.refresh_from_db()
    assert code.parent is None and code.position == 0


def test_a_move_into_its_own_subcode_is_a_400(analyst_axel_client, hcts_campaign, code):
    top = code.parent
    answer = analyst_axel_client.post(
        base(hcts_campaign) + f"{top.pk}/deplacer/", {"parent": str(code.pk)}
    )
    assert answer.status_code == 400
    assert '<a href="#f-parent">Placer sous : le code « Types » serait rangé sous lui-même' in (
        answer.content.decode()
    )
    top.refresh_from_db()
    assert top.parent is None


def test_an_analyst_merges_a_code(analyst_axel_client, hcts_campaign, code, book):
    other = codebooks.add_code(book, user=None, name="Visites", parent=code.parent)
    source = Source.objects.create(campaign=hcts_campaign, kind="note", name="N", text="Texte.")
    coding = Coding.objects.create(source=source, code=other, coder=None)
    url = base(hcts_campaign) + f"{other.pk}/fusionner/"
    assert analyst_axel_client.get(url).status_code == 200
    refused = analyst_axel_client.post(url, {"into": str(code.pk)})
    assert refused.status_code == 400
    assert "Cochez la case pour confirmer la fusion." in refused.content.decode()
    answer = analyst_axel_client.post(url, {"into": str(code.pk), "confirm": "on"})
    assert answer.status_code == 302 and answer["Location"].endswith(f"#code-{code.pk}")
    coding.refresh_from_db()
    other.refresh_from_db()
    assert coding.code == code and not other.active
    assert analyst_axel_client.get(url).status_code == 404  # a merged code is gone from the book


def test_a_merge_into_a_subcode_is_a_400(analyst_axel_client, hcts_campaign, code):
    answer = analyst_axel_client.post(
        base(hcts_campaign) + f"{code.parent_id}/fusionner/",
        {"into": str(code.pk), "confirm": "on"},
    )
    assert answer.status_code == 400
    assert '<a href="#f-into">Fusionner dans : le code « Types » ne peut pas' in (
        answer.content.decode()
    )


def test_an_analyst_splits_a_code_moving_chosen_codings(analyst_axel_client, hcts_campaign, code):
    source = Source.objects.create(
        campaign=hcts_campaign, kind="note", name="Entretien 3", text="Une maraude le soir."
    )
    first = Coding.objects.create(source=source, code=code, coder=None, start=4, end=11)
    second = Coding.objects.create(source=source, code=code, coder=None)
    url = base(hcts_campaign) + f"{code.pk}/scinder/"
    page = analyst_axel_client.get(url)
    assert page.status_code == 200 and "Entretien 3 — « maraude »" in page.content.decode()
    answer = analyst_axel_client.post(
        url, {"names": "Maraudes\nVisites à domicile", "moved": [str(first.pk)]}
    )
    assert answer.status_code == 302
    made = Code.objects.get(name="Maraudes")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.code, second.code) == (made, code)
    assert Code.objects.filter(name="Visites à domicile", parent=code.parent).exists()


def test_a_split_without_names_is_a_400(analyst_axel_client, hcts_campaign, code):
    answer = analyst_axel_client.post(base(hcts_campaign) + f"{code.pk}/scinder/", {"names": ""})
    assert answer.status_code == 400
    assert "Donnez au moins un nom de nouveau code." in answer.content.decode()


ACTIONS = ["modifier", "deplacer", "fusionner", "scinder"]


@pytest.mark.parametrize("action", ACTIONS)
def test_each_change_rejects_the_wrong_method(analyst_axel_client, hcts_campaign, code, action):
    assert analyst_axel_client.put(base(hcts_campaign) + f"{code.pk}/{action}/").status_code == 405


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_each_change_is_refused_to_the_others(request, persona, hcts_campaign, code, action):
    client = client_of(request, persona)
    url = base(hcts_campaign) + f"{code.pk}/{action}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "X", "names": "X"}).status_code == 403
    code.refresh_from_db()
    assert code.name == "Aller-vers" and Code.objects.count() == 2


@pytest.mark.parametrize("action", ACTIONS)
def test_each_change_sends_anonymous_visitors_to_sign_in(client, hcts_campaign, code, action):
    assert sent_to_sign_in(client.post(base(hcts_campaign) + f"{code.pk}/{action}/"))


@pytest.mark.parametrize("action", ACTIONS)
def test_a_code_of_another_campaign_is_a_404(analyst_axel_client, code, action):
    other = make_campaign(small_questionnaire("autre"))
    assert analyst_axel_client.get(base(other) + f"{code.pk}/{action}/").status_code == 404


# -- The starter codebook ----------------------------------------------------------------------


def test_an_analyst_loads_the_starter(analyst_axel_client, hcts_campaign):
    answer = analyst_axel_client.post(base(hcts_campaign) + "depart/", {"starter": "hcts-2020"})
    assert answer.status_code == 302 and answer["Location"] == base(hcts_campaign)
    book = Codebook.objects.get(campaign=hcts_campaign)
    assert Code.objects.filter(codebook=book, active=True).count() == 19
    html = analyst_axel_client.get(base(hcts_campaign)).content.decode()
    assert "Repérage du besoin" in html and "Effets sur les partenariats" in html


def test_the_starter_is_refused_into_a_book_with_codes(analyst_axel_client, hcts_campaign, code):
    answer = analyst_axel_client.post(base(hcts_campaign) + "depart/", {"starter": "hcts-2020"})
    assert answer.status_code == 400
    assert "le livre de codes a déjà 2 code(s)" in answer.content.decode()
    assert Code.objects.count() == 2


def test_an_unknown_starter_is_a_400(analyst_axel_client, hcts_campaign):
    answer = analyst_axel_client.post(base(hcts_campaign) + "depart/", {"starter": "autre"})
    assert answer.status_code == 400
    assert not Code.objects.exists()


def test_the_starter_rejects_the_wrong_method(analyst_axel_client, hcts_campaign):
    assert analyst_axel_client.get(base(hcts_campaign) + "depart/").status_code == 405


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_the_starter_is_refused_to_the_others(request, persona, hcts_campaign):
    answer = client_of(request, persona).post(
        base(hcts_campaign) + "depart/", {"starter": "hcts-2020"}
    )
    assert answer.status_code == 403
    assert not Code.objects.exists()


def test_the_starter_sends_anonymous_visitors_to_sign_in(client, hcts_campaign):
    assert sent_to_sign_in(client.post(base(hcts_campaign) + "depart/", {"starter": "hcts-2020"}))
