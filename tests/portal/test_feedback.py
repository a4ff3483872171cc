"""Page feedback refused for too many answers says when to try again."""

import pytest

from portal.views import FEEDBACK_LIMIT_PER_HOUR

pytestmark = pytest.mark.django_db


def test_a_refused_feedback_says_when_to_try_again(client, service_page):
    def post():
        return client.post("/fi/feedback/", {"page": service_page.pk, "useful": "1"})

    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        assert post().status_code == 302
    refused = post()
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
