import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")

application = get_wsgi_application()

# Load now what a server's first search would otherwise wait for (the Finnish morphology,
# about half a second). The entry point is the one place that may know every app.
from search import analysis  # noqa: E402

analysis.preload()
