"""Each demo service names the PTV general description it implements (or "" for none),
and no two services implement the same one."""

import json
from pathlib import Path

import pytest

from portal.demo_county import county_data, demo_county_load
from portal.models import ServicePage

SERVICES = county_data()["services"]
PTV_DATA = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "ptv" / "general-descriptions.json"
)


def test_every_demo_service_names_a_general_description_or_none():
    assert all(isinstance(service.get("general_description"), str) for service in SERVICES)


def test_no_two_demo_services_implement_the_same_description():
    references = [s["general_description"] for s in SERVICES if s["general_description"]]
    assert len(references) == len(set(references))


@pytest.mark.skipif(not PTV_DATA.exists(), reason=f"real PTV data not found at {PTV_DATA}")
def test_every_named_description_is_in_the_ptv_data():
    with PTV_DATA.open(encoding="utf-8") as ptv_file:
        known = {record.get("ReferenceCode") or record["Id"] for record in json.load(ptv_file)}
    named = {s["general_description"] for s in SERVICES if s["general_description"]}
    assert named <= known, named - known


@pytest.mark.django_db
def test_loading_ignores_keys_it_does_not_know(demo_site):
    data = county_data()
    data["services"] = [{**data["services"][0], "some_future_key": {"fi": "x"}}]
    assert demo_county_load(home_fi=demo_site, data=data)["services"] == 1
    assert ServicePage.objects.filter(slug=data["services"][0]["slug"]["fi"]).exists()
