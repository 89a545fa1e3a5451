"""
Rendered parts of a page kept in the cache until the content changes: the
`{% contentcache %}` tag (clinic_site/fragments.py), on the real Redis.

A second render of an article reads its kept parts (the article, its JSON-LD,
the header and footer) instead of looking up what they show, and shows the same
page, as a treatment does; a published edit, a renamed author and an approved comment show on the
next visit; a preview shows its draft and never reads nor writes the kept
parts; a comment form with errors and the message after a comment reach only
the reader who sent it; the search box shows each visitor's own query; the
footer's opening hours follow the date; a page answered at an address anyone
may make up (not found, a refused form) keeps nothing; and with the timeout at
0 nothing is kept. The full-page cache stays off unless a test says otherwise.
"""

import datetime
import json
from types import SimpleNamespace
from unittest import mock

from django.core.cache import cache
from django.template import Context, Template
from django.test import Client, RequestFactory

import pytest
from freezegun import freeze_time

from blog.models import BlogComment, BlogPostPage
from clinic_site.models import LocationIndexPage, LocationPage, OpeningHours, StandardPage
from tests.blog.factories import (
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
    make_blog,
    make_post,
)
from tests.caches import own_keys
from tests.clinic_site.factories import make_page

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

FRAGMENT_KEY = b"template.cache."


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.CLINIC_FRAGMENT_CACHE_TIMEOUT = 600


@pytest.fixture
def page_cache_on(settings):
    settings.CLINIC_PAGE_CACHE_TIMEOUT = 600


@pytest.fixture
def site(clinic_settings):
    home = clinic_settings.site.root_page.specific
    blog = make_blog(home)
    author = AuthorFactory(name="Dr Ana Silva")
    skin = CategoryFactory(name="Skin care", slug="skin")
    post = make_post(
        blog,
        title="Botox for migraines",
        slug="botox",
        authors=[author],
        categories=[skin],
        body=[("paragraph", "<p>Injections every twelve weeks ease chronic migraine.</p>")],
    )
    other = make_post(blog, title="Peels explained", slug="peels", categories=[skin])
    return SimpleNamespace(home=home, blog=blog, post=post, other=other, author=author)


def visit(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def article(html):
    """The article above the comments: what the comments' per-visitor form leaves alike."""
    return html[html.index("<article") : html.index('id="comments"')]


def json_ld(html):
    return [
        json.loads(chunk.split("</script>")[0])
        for chunk in html.split('<script type="application/ld+json">')[1:]
    ]


def fragment_keys():
    return {key for key in own_keys(cache) if FRAGMENT_KEY in key}


def test_a_second_render_of_an_article_reads_its_kept_parts(client, site):
    def watched(name):
        original = getattr(BlogPostPage, name)
        return mock.patch.object(BlogPostPage, name, autospec=True, side_effect=original)

    # What only the kept parts show is looked up when they render (a lazy context).
    with watched("get_topic_links") as topics, watched("get_json_ld") as structured:
        first = visit(client, site.post.url)
        assert topics.call_count == 1 and structured.call_count == 1
        kept = fragment_keys()
        second = visit(Client(), site.post.url)

    assert topics.call_count == 1 and structured.call_count == 1  # not looked up again
    assert fragment_keys() == kept
    for name in ("blog-post", "json-ld", "header", "footer"):
        assert any(f"template.cache.{name}.".encode() in key for key in kept), name
    assert article(second) == article(first)
    assert json_ld(second) == json_ld(first)
    assert "Injections every twelve weeks" in second
    assert 'href="/blog/category/skin/"' in second and "Peels explained" in second


def test_each_article_keeps_its_own_parts(client, site):
    visit(client, site.post.url)

    other = visit(client, site.other.url)

    assert "Peels explained" in article(other)
    assert "Injections every twelve weeks" not in other
    assert json_ld(other)[0]["headline"] == "Peels explained"


def test_a_published_edit_shows_on_the_next_visit(client, site):
    visit(client, site.post.url)
    visit(client, site.post.url)

    site.post.title = "Botox for chronic migraine"
    site.post.body = [("paragraph", "<p>Most patients notice fewer headache days.</p>")]
    site.post.save_revision().publish()

    html = visit(client, site.post.url)
    assert "Botox for chronic migraine" in article(html)
    assert "Most patients notice fewer headache days." in html
    assert "Injections every twelve weeks" not in html
    assert json_ld(html)[0]["headline"] == "Botox for chronic migraine"
    # The other article's card of it, kept with that article, changes too.
    assert "Botox for chronic migraine" in visit(client, site.other.url)


def test_a_draft_is_not_shown_until_it_is_published(client, site):
    visit(client, site.post.url)

    site.post.title = "A draft title nobody sees yet"
    site.post.save_revision()

    assert "A draft title nobody sees yet" not in visit(client, site.post.url)


def test_a_renamed_author_shows_on_the_next_visit(client, site):
    visit(client, site.post.url)
    visit(client, site.post.url)

    site.author.name = "Dr Ana Silva-Jones"
    site.author.save()

    assert "Dr Ana Silva-Jones" in article(visit(client, site.post.url))


def test_an_approved_comment_shows_on_the_next_visit(client, site, page_cache_on):
    comment = CommentFactory(
        post=site.post, body="It worked for me.", status=BlogComment.Status.PENDING
    )
    visit(client, site.post.url)
    # An address the page cache has not seen renders the page, from the kept parts.
    assert "It worked for me." not in visit(client, site.post.url + "?from=newsletter")
    assert any(b"template.cache.blog-comments." in key for key in fragment_keys())

    comment.status = BlogComment.Status.APPROVED
    comment.save()

    assert "It worked for me." in visit(client, site.post.url)
    assert "It worked for me." in visit(client, site.post.url + "?from=newsletter")


def test_a_preview_shows_the_draft_and_leaves_the_kept_parts_alone(client, site):
    # The host and address a preview of the article is rendered for, as a visitor's.
    live_visit = {"HTTP_HOST": "localhost"}
    visit(client, site.post.url, **live_visit)
    kept = fragment_keys()

    draft = BlogPostPage.objects.get(pk=site.post.pk)
    draft.title = "Draft shown in preview only"
    draft.body = [("paragraph", "<p>Text an editor is still writing.</p>")]
    draft.save_revision()
    preview = draft.make_preview_request()

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Draft shown in preview only" in article(html)
    assert "Text an editor is still writing." in html
    assert json_ld(html)[0]["headline"] == "Draft shown in preview only"
    assert fragment_keys() == kept

    live = visit(client, site.post.url, **live_visit)
    assert "Draft shown in preview only" not in live
    assert "Injections every twelve weeks" in live


def test_the_admin_preview_of_a_revision_writes_no_kept_part(client, admin_client, site):
    visit(client, site.post.url)
    kept = fragment_keys()
    site.post.title = "Draft shown in preview only"
    revision = site.post.save_revision()

    preview = admin_client.get(f"/admin/pages/{site.post.pk}/revisions/{revision.pk}/view/")

    assert "Draft shown in preview only" in preview.content.decode()
    assert fragment_keys() == kept
    assert "Draft shown in preview only" not in visit(client, site.post.url)


def test_a_comment_with_errors_is_shown_again_with_the_readers_words(client, site, page_cache_on):
    visit(client, site.post.url)
    visit(Client(), site.post.url + "?from=newsletter")  # the empty form is kept

    response = client.post(
        site.post.url + "comment/",
        {"name": "Sam", "email": "not an address", "body": "Does it hurt at all?"},
    )
    other = Client().post(site.post.url + "comment/", {"name": "Robin", "body": "How long?"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your comment was not sent. Please check the form below." in html
    assert "Enter a valid email address." in html
    assert "Does it hurt at all?" in html and 'value="not an address"' in html
    assert "X-Page-Cache" not in response
    # The next reader's form shows their own words and errors, not Sam's.
    other_html = other.content.decode()
    assert "How long?" in other_html and "Does it hurt at all?" not in other_html
    assert "This field is required." in other_html
    # Nobody else sees them.
    assert "Does it hurt at all?" not in visit(Client(), site.post.url + "?from=newsletter")
    assert "Does it hurt at all?" not in visit(Client(), site.post.url)


def test_the_message_after_a_comment_reaches_only_its_reader(client, site, page_cache_on):
    visit(client, site.post.url)
    visit(Client(), site.post.url + "?from=newsletter")

    sent = client.post(
        site.post.url + "comment/",
        {"name": "Sam", "email": "sam@example.org", "body": "Very clear, thank you."},
        follow=True,
    )

    assert sent.redirect_chain, "the comment form redirects back to the article"
    assert "Your comment will appear once" in sent.content.decode()
    assert "Your comment will appear once" not in visit(Client(), site.post.url)
    assert "Your comment will appear once" not in visit(
        Client(), site.post.url + "?from=newsletter"
    )
    assert "Your comment will appear once" not in visit(client, site.post.url)  # shown once


def test_the_search_box_shows_each_visitors_own_query(client, site):
    botox = visit(client, "/search/?q=botox")
    peels = visit(Client(), "/search/?q=peels")
    again = visit(Client(), "/search/?q=botox")

    assert 'name="q" value="botox"' in botox and 'name="q" value="peels"' not in botox
    assert 'name="q" value="peels"' in peels and 'name="q" value="botox"' not in peels
    assert 'name="q" value="botox"' in again


def test_a_kept_part_is_kept_once_for_each_value_it_varies_on(site):
    template = Template(
        '{% load clinic_tags %}{% contentcache "header" search_query search_open %}'
        '<input name="q" value="{{ search_query|default:"" }}">{% endcontentcache %}'
    )
    request = RequestFactory().get("/about/")

    def render(**values):
        return template.render(Context({"request": request, **values}))

    assert render(search_query="botox") == '<input name="q" value="botox">'
    assert render(search_query="peels") == '<input name="q" value="peels">'
    assert render() == '<input name="q" value="">'
    assert render(search_query="botox", search_open=True) == '<input name="q" value="botox">'
    assert len(fragment_keys()) == 4


def hours_on(weekday):
    return [OpeningHours(weekday=weekday, opens=datetime.time(9), closes=datetime.time(18))]


def test_the_footers_hours_follow_the_date(client, site):
    locations = make_page(site.home, model=LocationIndexPage, title="Locations", slug="locations")
    make_page(
        locations,
        model=LocationPage,
        title="Mill Lane",
        slug="mill-lane",
        street_address="4 Mill Lane",
        address_locality="Manchester",
        postal_code="M1 1AA",
        opening_hours=hours_on(0),  # Mondays only
    )
    about = make_page(site.home, model=StandardPage, title="About us", slug="about")

    with freeze_time("2026-11-30 12:00"):  # a Monday
        monday = visit(client, about.url)
        visit(client, about.url)
    with freeze_time("2026-12-01 12:00"):  # the Tuesday after
        tuesday = visit(client, about.url)

    assert "Open today: 09:00–18:00" in monday.split("<footer")[1]
    assert "Closed today" in tuesday.split("<footer")[1]
    assert "Open today" not in tuesday.split("<footer")[1]


def test_an_address_anyone_may_make_up_adds_no_kept_part_of_its_own(client, site):
    """
    Not found, or a form sent there without a token: the page shares the parts
    every page without one keeps (the footer), so made-up addresses add nothing.
    """

    def refused(address):
        response = Client(enforce_csrf_checks=True).post(address, {"name": "Sam"})
        assert response.status_code == 403
        html = response.content.decode()
        assert "Please try again" in html and "+44 161 496 0000" in html.split("<footer")[1]

    html = visit(client, "/no-such-page/", status=404)
    assert "Page not found" in html and "+44 161 496 0000" in html.split("<footer")[1]
    refused("/no-such-form/")
    kept = fragment_keys()

    for address in ("/blog/no-such-article/", "/blog/category/no-such/", "/a/b/c/"):
        html = visit(client, address, status=404)
        assert "Page not found" in html and "+44 161 496 0000" in html.split("<footer")[1]
        refused(address)

    assert kept and fragment_keys() == kept


def test_with_the_timeout_at_zero_nothing_is_kept(client, site, settings):
    settings.CLINIC_FRAGMENT_CACHE_TIMEOUT = 0

    first = visit(client, site.post.url)
    second = visit(client, site.post.url)
    visit(client, "/search/?q=botox")
    visit(client, "/")
    visit(client, "/no-such-page/", status=404)

    assert fragment_keys() == set()
    assert article(second) == article(first)


def test_a_treatment_is_kept_rendered_and_an_edit_shows_at_once(client, site):
    from tests.treatments.factories import make_index, make_treatment
    from treatments.models import TreatmentPage

    treatment = make_treatment(
        make_index(site.home), title="Chemical peel", slug="peel", intro="Lifts the top layer."
    )
    original = TreatmentPage.get_consultation_url
    with mock.patch.object(
        TreatmentPage, "get_consultation_url", autospec=True, side_effect=original
    ) as looked_up:
        first = visit(client, treatment.url)
        second = visit(Client(), treatment.url)

    assert looked_up.call_count == 1  # the second render read the kept treatment
    assert any(b"template.cache.treatment." in key for key in fragment_keys())
    assert "Lifts the top layer." in first and "Lifts the top layer." in second

    treatment.intro = "Evens out the tone of the skin."
    treatment.save_revision().publish()

    html = visit(client, treatment.url)
    assert "Evens out the tone of the skin." in html and "Lifts the top layer." not in html
