import pytest

from selfassess.models import AssessmentPage, InstrumentPage


@pytest.fixture
def assessments(demo_site):
    """The demo self-assessments (validated instruments and the editor-built one) in fi, sv
    and en, without the demo county's services."""
    from selfassess.demo import selfassess_demo_load

    selfassess_demo_load(home_fi=demo_site)


def instrument_page(instrument: str, language: str = "fi") -> InstrumentPage:
    return InstrumentPage.objects.get(instrument=instrument, locale__language_code=language)


def everyday_page(language: str = "fi") -> AssessmentPage:
    return AssessmentPage.objects.get(
        assessment_key="everyday-life", locale__language_code=language
    )


def step_url(page, step: int, language: str = "fi") -> str:
    return f"/{language}/self-assessment/{page.pk}/step/{step}/"


def result_url(page, language: str = "fi") -> str:
    return f"/{language}/self-assessment/{page.pk}/result/"


def answer_each_step(client, page, answers: dict, language: str = "fi", **extra):
    """Answer a step-by-step assessment one question per step, as a person does; returns the
    last step's response (its cookie carries the finished state)."""
    response = None
    for step, (key, value) in enumerate(answers.items(), start=1):
        response = client.post(step_url(page, step, language), {key: value, "nav": "next"}, **extra)
        assert response.status_code == 303, (step, response.status_code)
    return response
