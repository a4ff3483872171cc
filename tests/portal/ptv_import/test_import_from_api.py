"""Importing from the PTV open API, served by a real HTTP server on localhost."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import ServiceChannel, ServicePage

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "ptv" / "fixtures"


class FakePtvApi(BaseHTTPRequestHandler):
    """Answers like PTV v11: a paged id list, then details by ?guids=."""

    service = json.loads((FIXTURES / "v11_service.json").read_text())
    channels = json.loads((FIXTURES / "v11_channels.json").read_text())
    fail_with = None

    def do_GET(self):  # noqa: N802
        if self.fail_with:
            self.send_error(self.fail_with)
            return
        url = urlsplit(self.path)
        guids = parse_qs(url.query).get("guids", [""])[0].split(",")
        if url.path == "/api/v11/Service":
            body = {
                "pageNumber": 1,
                "pageCount": 1,
                "itemList": [{"id": self.service["id"], "name": "x"}],
            }
        elif url.path == "/api/v11/Service/list":
            body = [self.service] if self.service["id"] in guids else []
        elif url.path == "/api/v11/ServiceChannel/list":
            body = [c for c in self.channels if c["id"] in guids]
        else:
            self.send_error(404)
            return
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def ptv_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePtvApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api/v11/Service"
    FakePtvApi.fail_with = None
    server.shutdown()


def test_import_from_the_open_api(demo_site, ptv_api):
    out = io.StringIO()
    call_command("import_ptv", ptv_api, "--no-progress", stdout=out)
    assert "1 created" in out.getvalue()
    page = ServicePage.objects.get(locale__language_code="fi")
    assert {link.channel.channel_type for link in page.channel_links.all()} == {"phone", "location"}
    assert ServiceChannel.objects.count() == 2


def test_api_failure_is_a_clear_error_and_nothing_is_written(demo_site, ptv_api):
    FakePtvApi.fail_with = 503
    with pytest.raises(CommandError, match="Nothing was imported.*503"):
        call_command("import_ptv", ptv_api, "--no-progress", stdout=io.StringIO())
    assert not ServicePage.objects.exists()


def test_closed_port_is_a_clear_error(demo_site):
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_ptv",
            "http://127.0.0.1:9/api/v11/Service",
            "--no-progress",
            stdout=io.StringIO(),
        )
