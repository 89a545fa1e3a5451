"""The consultation page as a patient uses it: form, errors, thank-you, spam and duplicates."""

import re

from django.core import mail
from django.test import override_settings

import pytest

from clinic_site.models import HomePage
from consultations.models import ConsultationFormField, ConsultationRequest
from tests.clinic_site.factories import make_page
from tests.consultations.factories import form_token, make_consultation_page, valid_data

pytestmark = pytest.mark.django_db


def post(client, page, **overrides):
    return client.post(page.url, valid_data(**overrides))


def test_form_page_shows_accessible_form_emergency_notice_and_no_third_party_script(
    client, consultation_page
):
    response = client.get(consultation_page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Not for emergencies" in html
    assert "call 999" in html
    assert 'href="tel:+441614960000"' in html  # whom to call: the clinic
    assert '<label for="id_name" class="form-field__label">Your name' in html
    assert "(required)" in html
    assert 'name="consent"' in html and 'name="consent" checked' not in html
    assert 'name="marketing_opt_in"' in html and "checked" not in html
    assert "do not include detailed medical history" in html
    assert "<script src=" not in html
    assert "no-store" in response["Cache-Control"]


@override_settings(CONSULTATIONS_MIN_FILL_SECONDS=0)
def test_full_flow_stores_redirects_thanks_and_notifies_staff_without_patient_details(
    client, consultation_page, django_capture_on_commit_callbacks
):
    get = client.get(consultation_page.url + "?utm_source=newsletter&utm_campaign=spring")
    token = re.search(r'name="form_token" value="([^"]+)"', get.content.decode()).group(1)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, consultation_page, form_token=token, marketing_opt_in="on")

    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert stored.name == "Jamie Quinlan"
    assert stored.status == "new"
    assert stored.preferred_days == ["mon", "thu"]
    assert stored.consent_text == consultation_page.consent_text
    assert stored.consent_version == consultation_page.consent_version
    assert stored.consent_given_at is not None
    assert stored.marketing_opt_in is True
    assert stored.page_id == consultation_page.pk
    assert (stored.utm_source, stored.utm_campaign) == ("newsletter", "spring")
    assert not response["Location"].endswith(f"/{stored.pk}/")
    assert str(stored.public_id) not in response["Location"]

    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert thanks.status_code == 200
    assert "We will call you within a day." in html
    assert "Jamie" not in html and "jamie@example.com" not in html

    assert sorted(stored.outbox_messages.values_list("kind", "status")) == [
        ("consultations.patient_confirmation", "sent"),
        ("consultations.staff_notice", "sent"),
    ]
    staff, patient = mail.outbox
    assert staff.to == ["desk@riverside.example", "manager@riverside.example"]
    assert f"/admin/consultationrequest/inspect/{stored.pk}/" in staff.body
    for secret in ["Jamie", "Quinlan", "jamie@example.com", "07700", "frown", "Not sure"]:
        assert secret not in staff.subject
        assert secret not in staff.body
    assert patient.to == ["jamie@example.com"]
    assert "frown" not in patient.body


def test_referrer_path_from_this_site_is_stored(client, consultation_page):
    get = client.get(consultation_page.url, HTTP_REFERER="http://testserver/treatments/peel/")
    token = re.search(r'name="form_token" value="([^"]+)"', get.content.decode()).group(1)

    post(client, consultation_page, form_token=token)

    assert ConsultationRequest.objects.get().referrer_path == "/treatments/peel/"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your name."),
        ({"email": "not-an-address"}, "email", "Enter an e-mail address like name@example.com."),
        ({"phone": "call me"}, "phone", "Enter a phone number with 7 to 15 digits"),
        ({"phone": "12"}, "phone", "Enter a phone number with 7 to 15 digits"),
        (
            {"email": "", "phone": "", "preferred_contact": ""},
            "email",
            "Give an e-mail address or a phone number (or both).",
        ),
        ({"email": ""}, "email", "You asked us to e-mail you: enter your e-mail address."),
        (
            {"preferred_contact": "phone", "phone": ""},
            "phone",
            "You asked us to call you: enter your phone number.",
        ),
        ({"preferred_contact": ""}, "preferred_contact", "Choose how you would like us"),
        ({"treatment": "999999"}, "treatment", "Choose a treatment from the list"),
        ({"consultation_type": ""}, "consultation_type", "Choose the type of consultation"),
        ({"patient_status": ""}, "patient_status", "Tell us whether you have been"),
        ({"consent": None}, "consent", "Tick the box to agree"),
        ({"message": "x" * 2001}, "message", "Ensure this value has at most 2000"),
    ],
)
def test_each_core_field_error_is_explained_linked_and_keeps_the_values(
    client, consultation_page, overrides, field, message
):
    response = post(client, consultation_page, **overrides)

    html = response.content.decode()
    assert response.status_code == 200
    assert not ConsultationRequest.objects.exists()
    assert 'class="error-summary"' in html
    anchor = (
        f"id_{field}_0"
        if field in ("preferred_contact", "consultation_type", "patient_status")
        else f"id_{field}"
    )
    assert f'<a href="#{anchor}">{message}' in html
    assert f'id="id_{field}_error"' in html
    assert f"id_{field}_error" in re.search(rf"aria-describedby=\"[^\"]*id_{field}_error", html)[0]
    if field != "name":
        assert 'value="Jamie Quinlan"' in html
    assert "Wondering about options" in html or field == "message"


def test_phone_is_validated_leniently(client, consultation_page):
    response = post(
        client, consultation_page, phone="+44 (0)161 496-0000", preferred_contact="phone"
    )

    assert response.status_code == 302
    assert ConsultationRequest.objects.get().phone == "+44 (0)161 496-0000"


def test_treatments_listed_are_live_treatment_pages_and_preselected_from_the_link(
    client, clinic_settings
):
    home = clinic_settings.site.root_page
    peel = make_page(home, model=HomePage, title="Chemical peel", slug="peel")
    make_page(home, model=HomePage, title="Draft laser", slug="laser", publish=False)
    page = make_consultation_page(home)

    with override_settings(CONSULTATIONS_TREATMENT_PAGE_MODEL="clinic_site.HomePage"):
        html = client.get(page.url + "?treatment=peel").content.decode()
        response = post(client, page, treatment=str(peel.pk))

    assert f'<option value="{peel.pk}" selected>Chemical peel</option>' in html
    assert "Draft laser" not in html
    assert "Not sure yet" in html
    stored = ConsultationRequest.objects.get()
    assert response.status_code == 302
    assert (stored.treatment_id, stored.treatment_title) == (peel.pk, "Chemical peel")


def test_form_works_with_only_not_sure_when_no_treatment_app_is_installed(
    client, consultation_page
):
    with override_settings(CONSULTATIONS_TREATMENT_PAGE_MODEL="treatments.TreatmentPage"):
        html = client.get(consultation_page.url).content.decode()
        response = post(client, consultation_page)

    assert re.findall(r"<option [^>]*>([^<]*)</option>", html).count("Not sure yet") == 1
    assert response.status_code == 302
    assert ConsultationRequest.objects.get().treatment_title == ""


def test_only_offered_consultation_types_can_be_chosen(client, clinic_settings):
    page = make_consultation_page(clinic_settings.site.root_page, offer_virtual=False)

    response = post(client, page, consultation_type="virtual")

    assert "Select a valid choice" in response.content.decode()
    assert post(client, page, consultation_type="in_person").status_code == 302


def test_editors_extra_questions_are_asked_and_stored(client, consultation_page):
    ConsultationFormField.objects.create(
        page=consultation_page,
        label="Best number of sessions",
        field_type="singleline",
        required=True,
    )

    missing = post(client, consultation_page)
    response = post(client, consultation_page, extra_best_number_of_sessions="Two")

    assert "This field is required." in missing.content.decode()
    assert response.status_code == 302
    assert ConsultationRequest.objects.get().extra_answers == {
        "best_number_of_sessions": {"label": "Best number of sessions", "value": "Two"}
    }


def test_honeypot_gets_a_thank_you_but_nothing_is_stored_or_sent(client, consultation_page):
    response = post(client, consultation_page, website="http://spam.example")

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert not ConsultationRequest.objects.exists()
    assert mail.outbox == []


def test_a_form_sent_too_fast_is_kept_as_spam_without_notifications(client, consultation_page):
    response = post(client, consultation_page, form_token=form_token(seconds_ago=1))

    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert stored.status == "spam"
    assert not stored.outbox_messages.exists()
    assert mail.outbox == []


def test_a_form_without_a_valid_token_is_treated_as_too_fast(client, consultation_page):
    post(client, consultation_page, form_token="forged")

    assert ConsultationRequest.objects.get().status == "spam"


@override_settings(CONSULTATIONS_RATE_LIMIT_PER_IP=2, CONSULTATIONS_RATE_LIMIT_PER_EMAIL=10)
def test_rate_limit_per_ip_refuses_with_a_generic_message_and_keeps_values(
    client, consultation_page
):
    for n in range(2):
        assert post(client, consultation_page, email=f"p{n}@example.com").status_code == 302

    response = post(client, consultation_page, email="third@example.com")

    html = response.content.decode()
    assert response.status_code == 200
    assert "We could not accept your request just now" in html
    assert 'value="third@example.com"' in html
    assert ConsultationRequest.objects.count() == 2


@override_settings(CONSULTATIONS_RATE_LIMIT_PER_EMAIL=1)
def test_rate_limit_per_email(client, consultation_page):
    post(client, consultation_page, message="First")

    response = post(client, consultation_page, message="Second, different")

    assert "We could not accept your request just now" in response.content.decode()
    assert ConsultationRequest.objects.count() == 1


def test_double_click_with_the_same_form_creates_one_request(
    client, consultation_page, django_capture_on_commit_callbacks
):
    token = form_token()

    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, consultation_page, form_token=token)
        second = post(client, consultation_page, form_token=token)

    assert ConsultationRequest.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert client.get(second["Location"]).status_code == 200
    assert len(mail.outbox) == 2  # one staff notice and one confirmation, once


def test_same_content_sent_again_from_a_fresh_form_creates_one_request(client, consultation_page):
    post(client, consultation_page, form_token=form_token())
    post(client, consultation_page, form_token=form_token())

    assert ConsultationRequest.objects.count() == 1


def test_a_form_token_used_by_another_patient_shows_the_form_again_with_a_fresh_token(
    client, consultation_page
):
    token = form_token()
    post(client, consultation_page, form_token=token)

    second = post(
        client,
        consultation_page,
        form_token=token,
        name="Ana Silva",
        email="ana@example.com",
        phone="07700 900999",
    )

    html = second.content.decode()
    assert second.status_code == 200
    assert "This form was already used to send a request" in html
    assert 'value="Ana Silva"' in html and 'value="ana@example.com"' in html
    fresh = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    assert fresh != token
    assert ConsultationRequest.objects.count() == 1

    # Sent again at once with the fresh token, it is stored as a real request.
    third = post(
        client,
        consultation_page,
        form_token=fresh,
        name="Ana Silva",
        email="ana@example.com",
        phone="07700 900999",
    )
    assert third.status_code == 302
    assert ConsultationRequest.objects.matching_email("ana@example.com").get().status == "new"


def test_thank_you_address_cannot_be_guessed_or_forged(client, consultation_page):
    first = post(client, consultation_page)
    second = post(client, consultation_page, email="other@example.com", name="Other")

    a, b = first["Location"], second["Location"]
    assert a != b
    assert ConsultationRequest.objects.count() == 2
    prefix = consultation_page.url + "thank-you/"
    assert a.startswith(prefix) and b.startswith(prefix)
    assert client.get(prefix + "1/").status_code == 404
    assert client.get(a[:-4] + "AAAA/").status_code == 404
    assert client.get(a).status_code == 200
    assert client.get(b).status_code == 200


@override_settings(CONSULTATIONS_CAPTCHA_FIELD="django.forms.CharField")
def test_an_optional_captcha_field_can_be_switched_on_by_a_setting(client, consultation_page):
    response = post(client, consultation_page)

    assert 'name="captcha"' in response.content.decode()
    assert not ConsultationRequest.objects.exists()
    assert post(client, consultation_page, captcha="ok").status_code == 302


def test_a_form_open_for_more_than_a_day_is_shown_again_with_the_answers_kept(
    client, consultation_page
):
    response = post(client, consultation_page, form_token=form_token(seconds_ago=25 * 60 * 60))

    html = response.content.decode()
    assert response.status_code == 200
    assert "This form was open for more than a day" in html
    assert 'value="Jamie Quinlan"' in html and "frown lines" in html
    assert not ConsultationRequest.objects.exists()

    fresh = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    again = post(client, consultation_page, form_token=fresh)

    assert again.status_code == 302
    assert ConsultationRequest.objects.get().status == "new"


def test_a_corrected_resubmission_replaces_the_request_and_keeps_the_first_for_staff(
    client, consultation_page, django_capture_on_commit_callbacks, admin_client
):
    token = form_token()
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, consultation_page, form_token=token)
        # The patient goes back, changes their message and type, and sends again.
        second = post(
            client,
            consultation_page,
            form_token=token,
            message="Actually I would like to ask about lines around the eyes.",
            consultation_type="in_person",
        )

    assert first.status_code == second.status_code == 302
    assert client.get(second["Location"]).status_code == 200
    stored = ConsultationRequest.objects.get()
    assert stored.message == "Actually I would like to ask about lines around the eyes."
    assert stored.consultation_type == "in_person"
    assert [version["message"] for version in stored.earlier_versions] == [
        "Wondering about options for frown lines."
    ]
    # Staff are told it changed; the patient is not e-mailed a second time.
    subjects = [message.subject for message in mail.outbox]
    assert subjects.count("We have received your consultation request") == 1
    assert f"Consultation request {stored.reference} was updated by the patient" in subjects

    detail = admin_client.get(f"/admin/consultationrequest/inspect/{stored.pk}/")
    html = detail.content.decode()
    assert "lines around the eyes" in html
    assert "Earlier versions sent by the patient" in html
    assert "Wondering about options for frown lines." in html
    assert "The patient sent a corrected version" in html

    listing = admin_client.get("/admin/consultationrequest/").content.decode()
    assert listing.count("Jamie Quinlan") == 1


def test_a_replayed_form_token_can_neither_create_requests_nor_send_confirmations(
    client, consultation_page, django_capture_on_commit_callbacks
):
    token = form_token()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, consultation_page, form_token=token)
        for n in range(5):
            post(
                client,
                consultation_page,
                form_token=token,
                name=f"Victim {n}",
                email=f"victim{n}@example.com",
                phone=f"07700 90001{n}",
            )

    assert ConsultationRequest.objects.count() == 1
    assert [message.to for message in mail.outbox if "victim" in message.to[0]] == []
