"""search.backends.get_backend: chosen by settings, never by the caller's branching."""

import sys
import types

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends import get_backend, reset_backends
from search.backends.database import DatabaseBackend


@pytest.fixture(autouse=True)
def _fresh_backends():
    reset_backends()
    yield
    reset_backends()


def test_the_database_backend_is_the_default(settings):
    del settings.SEARCH_BACKEND
    assert isinstance(get_backend(), DatabaseBackend)
    assert get_backend().name == "database"


def test_backends_are_made_once_and_again_after_settings_change(settings):
    settings.SEARCH_BACKEND = "database"
    first = get_backend()
    assert get_backend() is first
    settings.SEARCH_BACKEND = "database"  # any change of the setting forgets them
    assert get_backend() is not first


def test_unknown_backend_names_are_refused(settings):
    settings.SEARCH_BACKEND = "solr"
    with pytest.raises(ImproperlyConfigured, match="solr"):
        get_backend()


def test_elasticsearch_is_imported_only_when_chosen_and_gets_the_database_fallback(
    settings, monkeypatch
):
    calls = []

    class FakeElasticsearchBackend:
        name = "elasticsearch"

        @classmethod
        def from_settings(cls, *, fallback):
            calls.append(fallback)
            return cls()

    module = types.SimpleNamespace(ElasticsearchBackend=FakeElasticsearchBackend)
    monkeypatch.setitem(sys.modules, "search.backends.elasticsearch", module)
    settings.SEARCH_BACKEND = "elasticsearch"
    backend = get_backend()
    assert isinstance(backend, FakeElasticsearchBackend)
    assert len(calls) == 1 and isinstance(calls[0], DatabaseBackend)
    assert get_backend("database") is calls[0]


def test_a_missing_elasticsearch_module_is_a_configuration_error(settings, monkeypatch):
    monkeypatch.setitem(sys.modules, "search.backends.elasticsearch", None)
    settings.SEARCH_BACKEND = "elasticsearch"
    with pytest.raises(ImproperlyConfigured, match="elasticsearch"):
        get_backend()
    assert isinstance(get_backend("database"), DatabaseBackend)
