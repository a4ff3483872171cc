"""Choosing the search backend. Views, commands and indexing call `get_backend()` and never
look at which one they got (see `search.backends.base` for the protocol).

`settings.SEARCH_BACKEND` names it: "database" (the embedded default) or "elasticsearch",
which answers from the cluster at `ELASTICSEARCH_URL` and falls back to the database
backend when the cluster is unreachable.
"""

import importlib
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from search.backends.base import SearchBackend

BACKEND_NAMES = ("database", "elasticsearch")

_lock = threading.RLock()  # reentrant: the Elasticsearch backend asks for its fallback
_backends: dict[str, SearchBackend] = {}


def get_backend(name: str | None = None) -> SearchBackend:
    """The backend called `name`, or the configured one (`settings.SEARCH_BACKEND`)."""
    name = (name or getattr(settings, "SEARCH_BACKEND", None) or "database").strip().lower()
    backend = _backends.get(name)
    if backend is None:
        with _lock:
            backend = _backends.get(name)
            if backend is None:
                backend = _backends[name] = _create(name)
    return backend


def _create(name: str) -> SearchBackend:
    from search.backends.database import DatabaseBackend

    if name == "database":
        return DatabaseBackend()
    if name == "elasticsearch":
        # Imported only when chosen: the database backend needs no Elasticsearch client.
        try:
            module = importlib.import_module("search.backends.elasticsearch")
        except ImportError as error:
            raise ImproperlyConfigured(
                f"SEARCH_BACKEND is 'elasticsearch' but its backend cannot be loaded: {error}"
            ) from error
        return module.ElasticsearchBackend.from_settings(fallback=get_backend("database"))
    raise ImproperlyConfigured(
        f"Unknown SEARCH_BACKEND {name!r}; choose one of {', '.join(BACKEND_NAMES)}."
    )


def reset_backends() -> None:
    """Forget the backends made so far (settings changed, or a test wants fresh ones)."""
    with _lock:
        _backends.clear()


@receiver(setting_changed)
def _settings_changed(sender, setting, **kwargs):
    if setting in {"SEARCH_BACKEND", "ELASTICSEARCH_URL", "DATABASES"} or setting.startswith(
        "ELASTICSEARCH"
    ):
        reset_backends()
