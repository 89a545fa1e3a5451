"""
The v3 API's OpenAPI document: valid, with every StreamField typed block by
block, the consultation POST's required fields marked, and good enough for
`openapi-python-client` to generate a client that reads a body as typed blocks.
"""

import copy
import importlib
import json
import subprocess
import sys
from pathlib import Path

from django.test import Client, override_settings

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from clinic_site.api.fields import JsonLdObject
from consultations.api.v3.router import describe_request_body
from consultations.api.v3.schemas import RequestIn
from tests.blog.factories import make_blog, make_post
from tests.clinic_site.factories import ImageFactory, make_home_page, make_page
from tests.consultations.factories import form_token, make_consultation_page
from tests.treatments.factories import (
    QuestionFactory,
    faq_list_block,
    inline_question,
    make_faq_page,
    make_index,
    make_treatment,
    section,
    shared_question,
)

pytestmark = pytest.mark.django_db

CLIENT_PACKAGE = "clinic_api_client"
# Keywords that make a JSON schema say what a value is.
TYPING_KEYWORDS = {"type", "$ref", "anyOf", "oneOf", "allOf", "const", "enum"}


@pytest.fixture(scope="module")
def content(module_db):
    home = make_home_page()
    consultation = make_consultation_page(home)
    blog = make_blog(home)
    image = ImageFactory(large=True)
    post = make_post(
        blog,
        title="What to expect at a first visit",
        body=[
            ("heading", {"text": "Before you arrive", "level": "h2", "anchor": ""}),
            ("paragraph", "<p>Bring a list of the medicines you take.</p>"),
            (
                "image",
                {
                    "image": {"image": image, "alt_text": "The waiting room", "decorative": False},
                    "caption": "Our waiting room",
                    "attribution": "",
                },
            ),
            ("quote", {"quote": "Ask us anything.", "attribution": "A clinic nurse"}),
            (
                "call_to_action",
                {
                    "heading": "Ready to talk?",
                    "text": "",
                    "button_label": "Book a consultation",
                    "page": consultation,
                    "external_url": "",
                },
            ),
        ],
    )
    make_page(home, title="About", slug="about")
    question = QuestionFactory(question="Does it hurt?", answer="<p>A little, briefly.</p>")
    index = make_index(home)
    fillers = make_treatment(index, title="Dermal fillers", slug="dermal-fillers")
    treatment = make_treatment(
        index,
        common_side_effects=[{"type": "side_effect", "value": {"name": "Headache", "detail": ""}}],
        rare_side_effects=[
            {"type": "side_effect", "value": {"name": "Drooping eyelid", "detail": "Call us."}}
        ],
        contraindications=[{"type": "reason", "value": {"reason": "Pregnancy", "detail": ""}}],
        body=[
            faq_list_block(question, heading="Common questions"),
            {"type": "treatment_card", "value": {"page": fillers.pk}},
        ],
    )
    questions = make_faq_page(
        home,
        sections=[
            section(
                "Before your visit",
                inline_question("What should I bring?", "<p>Your medicines.</p>"),
                shared_question(question),
            )
        ],
    )
    return {
        "home": home,
        "consultation": consultation,
        "post": post,
        "treatment": treatment,
        "questions": questions,
    }


@pytest.fixture(scope="module")
def document(content):
    response = Client().get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


def resolve(document, schema):
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def untyped_parts(document, schema, where, seen=None):
    """Where in `schema` (followed through `$ref`s) a value of any shape is allowed."""
    seen = set() if seen is None else seen
    if "$ref" in schema:
        if schema["$ref"] in seen:
            return []
        seen.add(schema["$ref"])
    schema = resolve(document, schema)
    if not TYPING_KEYWORDS & schema.keys():
        return [where]
    found = []
    for key in ("anyOf", "oneOf", "allOf"):
        for n, member in enumerate(schema.get(key, [])):
            found += untyped_parts(document, member, f"{where}.{key}[{n}]", seen)
    if schema.get("type") == "array":
        found += untyped_parts(document, schema.get("items", {}), f"{where}[]", seen)
    for name, member in schema.get("properties", {}).items():
        found += untyped_parts(document, member, f"{where}.{name}", seen)
    return found


def api_stream_fields():
    """Every StreamField a page type publishes, as (schema name, field name, StreamBlock)."""
    for model in get_page_models():
        for api_field in APIField.get_fields_for_model(model):
            try:
                field = model._meta.get_field(api_field.name)
            except Exception:  # noqa: S112 - a property, not a model field
                continue
            if isinstance(field, StreamField) and api_field.serializer is None:
                yield f"{model._meta.object_name}Schema", field.name, field.stream_block


# The document is built from Python types, not from the database: checked once.
@pytest.mark.single_pass
def test_document_is_valid_openapi(document):
    validate(document)
    assert document["openapi"].startswith("3.1")


def test_public_endpoints_need_no_credentials_and_write_ones_a_token(document):
    detail = document["paths"]["/api/v3/pages/{page_id}/"]["get"]
    assert {} in detail["security"]
    publish = document["paths"]["/api/v3/pages/{page_id}/actions/publish/"]["post"]
    assert publish["security"] == [{"BearerTokenAuth": []}]
    assert set(document["components"]["securitySchemes"]) == {"BearerTokenAuth"}


def test_every_streamfield_is_a_union_of_typed_blocks(document):
    stream_fields = list(api_stream_fields())
    assert {(schema, name) for schema, name, _block in stream_fields} >= {
        ("BlogPostPageSchema", "body"),
        ("TreatmentPageSchema", "common_side_effects"),
        ("TreatmentPageSchema", "contraindications"),
        ("FaqPageSchema", "sections"),
    }
    for schema_name, field_name, stream_block in stream_fields:
        where = f"{schema_name}.{field_name}"
        field = document["components"]["schemas"][schema_name]["properties"][field_name]
        assert field["type"] == "array", where
        items = field["items"]
        assert items["discriminator"]["propertyName"] == "type", where
        assert set(items["discriminator"]["mapping"]) == set(stream_block.child_blocks), where
        for block_name, ref in items["discriminator"]["mapping"].items():
            block = resolve(document, {"$ref": ref})
            assert block["properties"]["type"]["const"] == block_name, where
            assert set(block["required"]) == {"type", "value", "id"}, where
            assert {"$ref": ref} in items["oneOf"], where
        assert untyped_parts(document, items, where) == [], where


# Each page, with the StreamFields that hold blocks in it, so the check covers them.
FILLED_STREAMS = {
    "home": [],
    "post": ["body"],
    "treatment": ["body", "common_side_effects", "rare_side_effects", "contraindications"],
    "questions": ["sections"],
    "consultation": [],
}


@pytest.mark.parametrize("page", FILLED_STREAMS)
def test_real_answers_match_the_published_schemas(document, content, page):
    filled = FILLED_STREAMS[page]
    page = content[page]
    data = Client().get(f"/api/v3/pages/{page.pk}/").json()
    name = f"{type(page).__name__}Schema"
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}

    errors = [error.message for error in OAS31Validator(schema).iter_errors(data)]

    assert errors == []
    assert data["meta"]["type"] == page._meta.label
    assert all(data[name] for name in filled)


def test_no_array_in_the_document_is_untyped(document):
    untyped = [
        f"{name}.{prop}"
        for name, schema in document["components"]["schemas"].items()
        for prop, member in schema.get("properties", {}).items()
        if member.get("type") == "array" and not TYPING_KEYWORDS & member.get("items", {}).keys()
    ]
    assert untyped == []


def test_blocks_values_are_described_as_the_api_returns_them(document, content):
    schemas = document["components"]["schemas"]
    assert schemas["ParagraphBlock"]["properties"]["value"]["type"] == "string"
    image = resolve(document, schemas["ImageBlockValue"]["properties"]["image"]["anyOf"][0])
    assert set(image["properties"]) == {"id", "alt", "width", "height", "renditions"}
    side_effect = resolve(document, schemas["SideEffectBlock"]["properties"]["value"])
    assert side_effect["required"] == ["name", "detail"]
    card = resolve(
        document, schemas["TreatmentCardBlockValue"]["properties"]["treatment"]["anyOf"][0]
    )
    assert set(card["properties"]) == {"page", "intro", "image", "key_facts"}

    body = Client().get(f"/api/v3/pages/{content['post'].pk}/").json()["body"]
    for item in body:
        value_schema = resolve(document, schemas[f"{item['type'].title().replace('_', '')}Block"])
        value_schema = resolve(document, value_schema["properties"]["value"])
        if value_schema.get("type") == "object":
            assert set(item["value"]) == set(value_schema["properties"]), item["type"]


def test_json_ld_is_a_list_of_schema_org_objects(document, content):
    field = document["components"]["schemas"]["BlogPostPageSchema"]["properties"]["json_ld"]
    assert {"$ref": "#/components/schemas/JsonLdObject"} in [
        member.get("items") for member in field["anyOf"]
    ]
    assert document["components"]["schemas"]["JsonLdObject"]["required"] == ["@type"]
    data = Client().get(f"/api/v3/pages/{content['post'].pk}/").json()
    assert {obj["@type"] for obj in data["json_ld"]} >= {"BlogPosting", "BreadcrumbList"}
    assert JsonLdObject.__required_keys__ == {"@type"}


def request_body(document):
    operation = document["paths"]["/api/v3/consultations/"]["post"]
    return operation, operation["requestBody"]["content"]["application/json"]["schema"]


def form_required_fields(page):
    """What the consultation form itself refuses to go without, among the request's fields."""
    form = page.get_form()
    return [
        name
        for name, field in form.fields.items()
        if field.required and name in RequestIn.model_fields
    ]


def test_consultation_request_marks_the_fields_the_form_requires(document, content):
    operation, schema = request_body(document)
    required = form_required_fields(content["consultation"])
    assert sorted(schema["required"]) == sorted(required)
    assert len(required) >= 6
    assert schema["properties"]["consent"]["const"] is True
    # Each of them really is refused when missing, with a message for that field.
    missing = Client().post(
        "/api/v3/consultations/",
        {"form_token": form_token()},
        content_type="application/json",
    )
    assert missing.status_code == 422
    assert set(missing.json()["errors"]) >= set(required)
    errors = resolve(document, operation["responses"]["422"]["content"]["application/json"])
    errors = resolve(document, errors["schema"])
    assert errors["properties"]["errors"]["additionalProperties"]["items"]["type"] == "string"
    assert "per field" in operation["responses"]["422"]["description"]


def test_a_minimum_age_makes_its_confirmation_required(document, content):
    # The step the document is finished with, on a copy: cheaper than building it again.
    document = copy.deepcopy(document)
    with override_settings(CONSULTATIONS_MINIMUM_AGE=18):
        describe_request_body(document)
        _operation, schema = request_body(document)
        assert "age_confirmed" in schema["required"]
        assert sorted(schema["required"]) == sorted(form_required_fields(content["consultation"]))


@pytest.fixture(scope="module")
def client_package(document, tmp_path_factory):
    """A client generated from the document by openapi-python-client, importable."""
    folder = tmp_path_factory.mktemp("generated")
    spec = folder / "openapi.json"
    spec.write_text(json.dumps(document))
    config = folder / "config.json"
    config.write_text(json.dumps({"post_hooks": [], "package_name_override": CLIENT_PACKAGE}))
    output = folder / CLIENT_PACKAGE
    generator = Path(sys.executable).with_name("openapi-python-client")
    subprocess.run(  # noqa: S603 - our own tool on our own document, offline
        [
            str(generator),
            "generate",
            f"--path={spec}",
            f"--config={config}",
            f"--output-path={output}",
            "--meta=none",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    yield importlib.import_module(CLIENT_PACKAGE)
    sys.path.remove(str(folder))
    for name in [n for n in sys.modules if n.partition(".")[0] == CLIENT_PACKAGE]:
        del sys.modules[name]


@pytest.mark.single_pass
def test_generated_client_reads_a_blog_post_body_as_typed_blocks(
    client_package, content, _keep_db_connection
):
    import httpx

    from clinic_site.wsgi import application

    detail = importlib.import_module(f"{CLIENT_PACKAGE}.api.pages.pages_detail")
    models = importlib.import_module(f"{CLIENT_PACKAGE}.models")
    client = client_package.Client(
        base_url="http://testserver",
        httpx_args={"transport": httpx.WSGITransport(app=application)},
        raise_on_unexpected_status=True,
    )

    with client as open_client:
        page = detail.sync(page_id=content["post"].pk, client=open_client)

    assert isinstance(page, models.BlogPostPageSchema)
    heading, paragraph, image, quote, call_to_action = page.body
    assert isinstance(heading, models.HeadingBlock)
    assert isinstance(heading.value, models.HeadingBlockValue)
    assert heading.value.anchor_id == "before-you-arrive"
    assert isinstance(paragraph, models.ParagraphBlock)
    assert paragraph.value == "<p>Bring a list of the medicines you take.</p>"
    assert isinstance(image.value, models.ImageBlockValue)
    assert image.value.image.alt == "The waiting room"
    assert image.value.image.renditions["card"].width == 480
    assert isinstance(quote.value, models.QuoteBlockValue)
    assert quote.value.attribution == "A clinic nurse"
    assert isinstance(call_to_action.value.page, models.PageLinkDict)
    assert call_to_action.value.page.url == content["consultation"].url
