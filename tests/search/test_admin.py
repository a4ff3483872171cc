"""Editors manage the search thesaurus as Wagtail snippets."""

import pytest
from django.contrib.auth.models import Group

from portal.factories import TOTPDeviceFactory
from search.models import Synonym
from tests.conftest import staff_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    device = TOTPDeviceFactory()
    device.user.is_superuser = False
    device.user.save()
    device.user.groups.add(Group.objects.get(name="Editor"))
    return staff_sign_in(client, device)


def test_editors_may_manage_synonyms():
    permissions = set(
        Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    )
    assert {"add_synonym", "change_synonym", "delete_synonym", "view_synonym"} <= permissions


def test_editor_lists_adds_and_edits_synonyms(editor_client):
    Synonym.objects.create(language="fi", topic_key="substance-use", terms="krapula")
    listing = editor_client.get("/admin/snippets/search/synonym/")
    assert listing.status_code == 200
    assert "krapula" in listing.content.decode()
    assert editor_client.get("/admin/snippets/search/synonym/?q=krap").status_code == 200
    response = editor_client.post(
        "/admin/snippets/search/synonym/add/",
        {
            "language": "fi",
            "topic_key": "housing",
            "terms": "kämppä, luukku",
            "expands_to": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    entry = Synonym.objects.get(terms="kämppä, luukku")
    assert entry.topic_key == "housing" and entry.shipped_key == ""
    edit = editor_client.get(f"/admin/snippets/search/synonym/edit/{entry.pk}/")
    assert edit.status_code == 200
