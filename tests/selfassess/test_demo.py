"""The built-in instruments are ready pages in fi, sv and en, linked as translations."""

import pytest

from selfassess.demo import selfassess_demo_load
from selfassess.models import AssessmentPage, InstrumentPage, SelfAssessmentIndexPage

pytestmark = pytest.mark.django_db


def test_demo_pages_in_three_languages_linked_and_idempotent(assessments, demo_site):
    counts = (
        SelfAssessmentIndexPage.objects.count(),
        InstrumentPage.objects.count(),
        AssessmentPage.objects.count(),
    )
    assert counts == (3, 15, 3)  # EUROHIS-8 waits for its licence
    selfassess_demo_load(home_fi=demo_site)
    assert (
        SelfAssessmentIndexPage.objects.count(),
        InstrumentPage.objects.count(),
        AssessmentPage.objects.count(),
    ) == counts
    for instrument in ("who5", "phq9", "gad7", "audit", "auditc"):
        pages = InstrumentPage.objects.filter(instrument=instrument)
        assert {p.locale.language_code for p in pages} == {"fi", "sv", "en"}
        assert len({p.translation_key for p in pages}) == 1
        assert all(p.live for p in pages)
    for page in AssessmentPage.objects.all():
        assert page.band_problem_messages() == []
    versions = {page.definition().version for page in AssessmentPage.objects.all()}
    assert len(versions) == 1  # the translations score identically


@pytest.mark.parametrize(("path", "title"), [
    ("/fi/itsearvioinnit/", "Itsearvioinnit"),
    ("/sv/sjalvskattningar/", "Självskattningar"),
    ("/en/self-assessments/", "Self-assessments"),
])  # fmt: skip
def test_index_pages_list_the_assessments(client, assessments, path, title):
    html = client.get(path).content.decode()
    assert f"<h1>{title}</h1>" in html
    assert html.count('class="card"') == 6
