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
