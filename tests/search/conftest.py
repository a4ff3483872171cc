"""Fixtures for the search tests.

`backend` runs a test against every search backend: the database backend always, and the
Elasticsearch backend when ELASTICSEARCH_URL names a cluster (otherwise the test is skipped
with that reason). A backend is added by adding its factory to `BACKEND_FACTORIES`; the
contract suite (`test_contract.py`) then runs against it unchanged. A factory gets pytest's
`request` and `settings` fixtures and returns a backend with an empty index.
"""

import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from search import analysis, thesaurus
from search.backends import reset_backends
from search.backends.database import DatabaseBackend

SHARED_DATA = Path(django_settings.BASE_DIR).parent / "shared" / "data"


@pytest.fixture
def voikko(monkeypatch):
    """Finnish analysed with Voikko's morphology, as in production. It comes with the Python
    dependencies, so its absence is a failure here, never a skip: the search tests measure
    the real Finnish analysis."""
    monkeypatch.delenv(analysis.DISABLE_VOIKKO_ENV, raising=False)
    analysis.reset()
    assert analysis.finnish_backend() == "voikko", (
        "Finnish search fell back to Snowball: the pyvoikko/kfst dependencies did not load"
    )
    yield
    analysis.reset()


def _database_backend(request, settings):
    backend = DatabaseBackend()
    backend.clear()
    return backend


def _elasticsearch_backend(request, settings):
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL not set: the Elasticsearch backend needs a live cluster")
    from search.backends.elasticsearch import ElasticsearchBackend

    settings.ELASTICSEARCH_URL = url
    # Each test gets indices of its own, deleted afterwards.
    settings.ELASTICSEARCH_INDEX_PREFIX = f"portal-test-{uuid.uuid4().hex[:10]}"
    backend = ElasticsearchBackend.from_settings(fallback=_database_backend(request, settings))
    request.addfinalizer(lambda: _delete_indices(backend))
    backend.rebuild([])
    return backend


def _delete_indices(backend):
    delete = getattr(backend, "delete_indices", None)
    if delete is not None:
        delete()


BACKEND_FACTORIES = {
    "database": _database_backend,
    "elasticsearch": _elasticsearch_backend,
}


@pytest.fixture(params=list(BACKEND_FACTORIES))
def backend_name(request):
    return request.param


@pytest.fixture
def backend(request, backend_name, db, settings):
    """A search backend with an empty index, once per backend in BACKEND_FACTORIES; it is
    also the configured one (settings.SEARCH_BACKEND), so page signals index into it."""
    instance = BACKEND_FACTORIES[backend_name](request, settings)
    settings.SEARCH_BACKEND = backend_name
    reset_backends()
    from search import backends

    backends._backends[backend_name] = instance
    yield instance
    reset_backends()


def settle(backend) -> None:
    """Make what was just written searchable (Elasticsearch refreshes; the database needs
    nothing)."""
    refresh = getattr(backend, "refresh", None)
    if refresh is not None:
        refresh()


@pytest.fixture(autouse=True)
def _fresh_thesaurus_cache():
    thesaurus.thesaurus_changed()
    yield
    thesaurus.thesaurus_changed()
