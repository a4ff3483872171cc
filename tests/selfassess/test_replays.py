"""Post/Redirect/Get everywhere, and POSTs sent again: every POST is answered with a
redirect, and replaying an old step's POST (Back and resubmit, a retry, an old copy of the
cookie) leads to a step or the result, never to a server error or a second completion."""

import pytest

from selfassess import services
from selfassess.models import Completion
from selfassess.scoring import score
from selfassess.state import COOKIE_NAME
from tests.selfassess.conftest import answer_each_step, instrument_page, result_url, step_url

pytestmark = pytest.mark.django_db

GAD7 = {f"q{n}": "2" for n in range(1, 8)}  # 14: moderate


def _post(client, page, step, data, cookie=None):
    if cookie is not None:
        client.cookies[COOKIE_NAME] = cookie
    return client.post(step_url(page, step), data)


def test_every_post_of_a_step_is_answered_with_a_redirect(client, assessments):
    page = instrument_page("auditc")
    posts = [
        (1, {"nav": "next"}),  # an error
        (1, {"q1": "9", "nav": "next"}),  # an invalid answer
        (1, {"q1": "2", "nav": "next"}),
        (2, {"nav": "back"}),
        (1, {"q1": "2", "nav": "next"}),
        (2, {"q2": "1", "nav": "next"}),
        (3, {"q3": "2", "nav": "next"}),
        (4, {"sex": "female", "nav": "next"}),  # the result
        (4, {"sex": "female", "nav": "back"}),
        (1, {"q1": "2", "nav": "back"}),  # to the introduction
    ]
    for step, data in posts:
        response = _post(client, page, step, data)
        assert response.status_code == 303, (step, data, response.status_code)
    assert response["Location"] == page.url
    assert client.post(f"/fi/self-assessment/{page.pk}/handover/").status_code == 303
    assert client.post(f"/fi/self-assessment/{page.pk}/restart/").status_code == 303


def test_the_last_posts_replayed_with_the_cookie_from_before_the_result_count_once(
    client, assessments
):
    page = instrument_page("gad7")
    answer_each_step(client, page, dict(list(GAD7.items())[:6]))
    before_result = client.cookies[COOKIE_NAME].value
    last = {"q7": "2", "nav": "next"}
    assert _post(client, page, 7, last)["Location"] == result_url(page)
    after_result = client.cookies[COOKIE_NAME].value
    assert Completion.objects.count() == 1

    for cookie in (before_result, before_result, after_result, before_result):
        response = _post(client, page, 7, last, cookie)
        assert response.status_code == 303 and response["Location"] == result_url(page)
    assert client.get(result_url(page)).status_code == 200
    completion = Completion.objects.get()
    assert (completion.assessment, completion.band) == ("gad7", "moderate")


def test_a_replay_with_other_answers_corrects_the_one_completion(client, assessments):
    page = instrument_page("gad7")
    answer_each_step(client, page, dict(list(GAD7.items())[:6]))
    before_result = client.cookies[COOKIE_NAME].value
    _post(client, page, 7, {"q7": "2", "nav": "next"})
    _post(client, page, 7, {"q7": "3", "nav": "next"}, before_result)  # 15: severe
    assert Completion.objects.get().band == "severe"


def test_an_old_steps_post_after_the_result_leads_on_to_a_step(client, assessments):
    page = instrument_page("gad7")
    answer_each_step(client, page, GAD7)
    response = _post(client, page, 2, {"q2": "2", "nav": "next"})
    assert response["Location"] == step_url(page, 3)
    assert Completion.objects.count() == 1
    # The same step with another answer: the result follows the answers at once.
    _post(client, page, 2, {"q2": "3", "nav": "next"})
    html = client.get(result_url(page)).content.decode()
    assert "15" in html and Completion.objects.get().band == "severe"


def test_an_old_steps_post_without_a_state_goes_to_the_first_unanswered_step(client, assessments):
    page = instrument_page("gad7")
    response = _post(client, page, 7, {"q7": "2", "nav": "next"})  # no cookie at all
    assert response.status_code == 303 and response["Location"] == step_url(page, 1)
    response = _post(client, page, 7, {"q7": "2", "nav": "next"}, "gAAAAAforged")
    assert response["Location"] == step_url(page, 1)
    assert not Completion.objects.exists()


def test_after_answer_again_finishing_is_a_new_completion(client, assessments):
    page = instrument_page("gad7")
    answer_each_step(client, page, GAD7)
    client.post(f"/fi/self-assessment/{page.pk}/restart/")
    answer_each_step(client, page, GAD7)
    assert Completion.objects.count() == 2


def test_recording_one_run_twice_keeps_one_row(assessments):
    run = "0d1c3d6e-9a55-4c1e-8f59-52c1b1d2f0a1"
    low = score("gad7", {f"q{n}": 0 for n in range(1, 8)})
    high = score("gad7", {f"q{n}": 3 for n in range(1, 8)})
    first = services.completion_record(
        completion_id=run, assessment="gad7", result=low, locale="fi"
    )
    again = services.completion_record(
        completion_id=run, assessment="gad7", result=high, locale="fi"
    )
    assert str(first.pk) == str(again.pk) == run
    assert Completion.objects.get().band == "severe"
