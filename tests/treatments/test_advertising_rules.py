"""
The advertising rules for prescription-only medicines (the UK's): with the clinic's
setting on, a treatment marked prescription-only names no brand and no price to
the public (page, cards, API, structured data) and points to a consultation.
"""

from decimal import Decimal

import pytest

from clinic_site.models import ClinicSettings
from tests.clinic_site.factories import make_clinic_settings, make_home_page
from tests.consultations.factories import make_consultation_page

from .factories import make_index, make_treatment
from .helpers import objects_of_type


@pytest.fixture(scope="module")
def site(module_db):
    home = make_home_page()
    clinic = make_clinic_settings()
    clinic.consultation_page = make_consultation_page(home)
    clinic.save()
    index = make_index(home)
    injections = make_treatment(
        index,
        title="Anti-wrinkle injections",
        slug="anti-wrinkle-injections",
        prescription_only=True,
        brand_names="Botox, Azzalure",
        price_from=Decimal("200"),
        price_currency="GBP",
    )
    peel = make_treatment(
        index,
        title="Chemical peel",
        slug="chemical-peel",
        brand_names="Glow Acid",
        price_from=Decimal("90"),
        price_currency="GBP",
    )
    return {"index": index, "injections": injections, "peel": peel}


@pytest.fixture(params=[False, True], ids=["rules-off", "rules-on"])
def rules(request, site):
    clinic = ClinicSettings.objects.get()
    clinic.prescription_advertising_rules = request.param
    clinic.save()
    return request.param


@pytest.mark.django_db
def test_rules_are_off_until_the_clinic_turns_them_on(site):
    assert ClinicSettings().prescription_advertising_rules is False
    assert ClinicSettings.objects.get().prescription_advertising_rules is False


@pytest.mark.django_db
def test_prescription_only_page_hides_brand_and_price_only_under_the_rules(client, site, rules):
    html = client.get(site["injections"].url).content.decode()

    assert ("Botox" in html) is not rules
    assert ("Azzalure" in html) is not rules
    assert ("£200" in html) is not rules
    assert ("A prescription-only medicine" in html) is rules
    if rules:
        notice = html[html.index('id="treatment-prescription"') :].split("</section>")[0]
        assert 'href="/book/?treatment=anti-wrinkle-injections"' in notice


@pytest.mark.django_db
def test_a_treatment_without_a_prescription_medicine_keeps_its_brand_and_price(client, site, rules):
    html = client.get(site["peel"].url).content.decode()

    assert "Glow Acid" in html and "From £90" in html
    assert "A prescription-only medicine" not in html


@pytest.mark.django_db
def test_treatment_cards_leave_out_a_hidden_price(client, site, rules):
    html = client.get(site["index"].url).content.decode()

    assert ("£200" in html) is not rules
    assert "£90" in html


@pytest.mark.django_db
def test_structured_data_has_no_brand_or_offer_under_the_rules(client, site, rules):
    html = client.get(site["injections"].url).content.decode()
    (therapy,) = objects_of_type(html, "MedicalTherapy")

    if rules:
        assert "offers" not in therapy and "brand" not in therapy
        assert "Botox" not in html
    else:
        assert therapy["offers"]["price"] == "200.00"
        assert [brand["name"] for brand in therapy["brand"]] == ["Botox", "Azzalure"]


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_gives_no_brand_or_price_under_the_rules(client, site, rules, version):
    pk = site["injections"].pk
    data = client.get(f"/api/{version}/pages/{pk}/").json()
    text = str(data)

    assert data["prescription_only"] is True
    assert data["advertising_restricted"] is rules
    assert data["consultation_url"].endswith("?treatment=anti-wrinkle-injections")
    if rules:
        assert data["price"] is None and data["brand_names"] == []
        assert "Botox" not in text and "200" not in text.replace(str(pk), "")
        assert all(fact["label"] != "Price" for fact in data["facts"])
    else:
        assert data["price"]["amount"] == "200.00"
        assert data["brand_names"] == ["Botox", "Azzalure"]


@pytest.mark.django_db
def test_index_api_cards_leave_out_a_hidden_price(client, site, rules):
    data = client.get(f"/api/v3/pages/{site['index'].pk}/").json()

    assert ("£200" in str(data)) is not rules
    assert "£90" in str(data)
