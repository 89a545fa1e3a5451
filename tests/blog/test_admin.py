"""Editing articles and moderating comments in the Wagtail admin, with permissions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

import pytest
from wagtail.models import Page

from blog.models import BlogComment, BlogPostPage
from tests.blog.factories import CommentFactory, make_blog, make_post

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/blog/blogcomment/"


def bulk_url(action, *comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/blog/blogcomment/{action}/?next={LISTING}&{ids}"


def make_editor(*permissions):
    """A Wagtail admin user (can log in to the admin) with extra model permissions."""
    user = get_user_model().objects.create_user(username="editor", password="pw")
    group = Group.objects.create(name="Blog test group")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def post(blog):
    return make_post(blog, title="Migraine article")


def test_article_editor_opens_with_its_tabs_without_the_treatments_app(admin_client, post):
    response = admin_client.get(f"/admin/pages/{post.pk}/edit/")

    html = response.content.decode()
    assert response.status_code == 200
    for tab in ["Content", "Authors &amp; review", "Topics &amp; related", "Promote", "Settings"]:
        assert tab in html
    assert "Medical reviewer" in html
    assert "Related treatments" in html


def test_a_new_article_can_be_added_under_the_blog_only(admin_client, blog):
    assert admin_client.get(f"/admin/pages/add/blog/blogpostpage/{blog.pk}/").status_code == 200
    home = Page.objects.get(depth=2).specific
    assert not BlogPostPage.can_create_at(home)
    assert admin_client.get(f"/admin/pages/add/blog/blogpostpage/{home.pk}/").status_code != 200


def test_moderators_filter_and_search_the_comment_listing(admin_client, post, blog):
    other = make_post(blog, title="Peel article")
    CommentFactory(post=post, name="Pending Pat", status="pending", email="pat@example.org")
    CommentFactory(post=other, name="Spam Sam", status="spam")

    pending = admin_client.get(f"{LISTING}?status=pending").content.decode()
    by_post = admin_client.get(f"{LISTING}?post={other.pk}").content.decode()
    searched = admin_client.get(f"{LISTING}?q=pat@example").content.decode()

    assert "Pending Pat" in pending and "Spam Sam" not in pending
    for action in ["Approve", "Reject", "Mark as spam"]:
        assert action in pending
    assert "Spam Sam" in by_post and "Pending Pat" not in by_post
    assert "Pending Pat" in searched and "Spam Sam" not in searched


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", "approved", "2 comments marked as approved."),
        ("reject", "rejected", "2 comments marked as rejected."),
        ("spam", "spam", "2 comments marked as spam."),
    ],
)
def test_bulk_actions_set_the_status_of_the_selected_comments(
    admin_client, post, action, status, message
):
    first, second, untouched = CommentFactory.create_batch(3, post=post, status="pending")

    confirm = admin_client.get(bulk_url(action, first, second))
    response = admin_client.post(bulk_url(action, first, second), follow=True)

    assert confirm.status_code == 200
    assert first.name in confirm.content.decode()
    assert response.status_code == 200
    assert message in response.content.decode()
    assert set(BlogComment.objects.filter(status=status).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    untouched.refresh_from_db()
    assert untouched.status == "pending"


def test_approving_in_the_admin_shows_the_comment_on_the_article(admin_client, client, post):
    comment = CommentFactory(post=post, status="pending", body="Is it safe in pregnancy?")
    assert "Is it safe in pregnancy?" not in client.get(post.url).content.decode()

    admin_client.post(bulk_url("approve", comment))

    assert "Is it safe in pregnancy?" in client.get(post.url).content.decode()


def test_moderators_with_the_change_permission_see_the_menu_and_can_moderate(client, post):
    comment = CommentFactory(post=post, status="pending")
    client.force_login(make_editor("change_blogcomment"))

    dashboard = client.get("/admin/").content.decode()
    listing = client.get(LISTING)
    client.post(bulk_url("approve", comment))

    assert "Comments" in dashboard and LISTING in dashboard
    assert listing.status_code == 200
    comment.refresh_from_db()
    assert comment.status == "approved"


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard."""
    assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.mark.parametrize("permissions", [(), ("view_blogcomment",)])
def test_users_without_the_change_permission_cannot_moderate(client, post, permissions):
    comment = CommentFactory(post=post, status="pending")
    client.force_login(make_editor(*permissions))

    dashboard = client.get("/admin/").content.decode()

    assert LISTING not in dashboard
    assert_refused(client.get(LISTING))
    assert_refused(client.get(bulk_url("approve", comment)))
    assert_refused(client.post(bulk_url("approve", comment)))
    followed = client.get(LISTING, follow=True).content.decode()
    assert "Sorry, you do not have permission to access this area." in followed
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_nobody_can_add_a_comment_in_the_admin(admin_client):
    assert_refused(admin_client.get(f"{LISTING}add/"))


def test_the_editor_opens_a_comment_without_exposing_it_publicly(admin_client, post):
    comment = CommentFactory(post=post, email="staff-only@example.org")

    response = admin_client.get(f"{LISTING}edit/{comment.pk}/")

    assert response.status_code == 200
    assert "staff-only@example.org" in response.content.decode()


def test_a_new_article_can_be_previewed_before_it_is_saved(admin_client, blog):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    url = f"/admin/pages/add/blog/blogpostpage/{blog.pk}/preview/"
    data = nested_form_data(
        {
            "title": "Preview me",
            "slug": "preview-me",
            "body": streamfield(
                [
                    ("heading", {"text": "First section", "level": "h2", "anchor": ""}),
                    ("paragraph", rich_text("<p>Some words.</p>")),
                ]
            ),
            "post_authors": inline_formset([]),
            "related_treatments": inline_formset([]),
            "show_table_of_contents": "on",
            "comments_open": "on",
        }
    )

    assert admin_client.post(url, data).json()["is_valid"] is True
    response = admin_client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview me" in html
    assert '<a href="#first-section">First section</a>' in html


CHOOSER = "/admin/snippets/choose/blog/blogcomment/"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def chooser_urls(comment):
    return [CHOOSER, f"{CHOOSER}results/?q=pregnan", f"{CHOOSER}chosen/{comment.pk}/"]


@pytest.fixture
def pending_comment(post):
    return CommentFactory(
        post=post,
        status="pending",
        name="Robin Ash",
        email="robin@example.org",
        body="Is it safe in pregnancy?",
    )


def front_desk_user():
    user = get_user_model().objects.create_user(username="desk", password="pw")
    user.groups.add(Group.objects.get(name="Front desk"))
    return user


@pytest.mark.parametrize(
    "make_user",
    [
        pytest.param(lambda: make_editor("view_blogcomment", "change_blogcategory"), id="editor"),
        pytest.param(front_desk_user, id="front-desk"),
    ],
)
def test_the_comment_chooser_is_refused_to_everyone_but_moderators(
    client, pending_comment, make_user
):
    client.force_login(make_user())

    for url in chooser_urls(pending_comment):
        modal = client.get(url, **XHR)
        assert modal.status_code == 403, url
        assert "robin@example.org" not in modal.content.decode()
        assert_refused(client.get(url))


def test_moderators_choose_comments_in_the_chooser(client, pending_comment):
    client.force_login(make_editor("change_blogcomment"))

    modal = client.get(CHOOSER, **XHR)
    results = client.get(f"{CHOOSER}results/?q=Robin", **XHR)
    chosen = client.get(f"{CHOOSER}chosen/{pending_comment.pk}/", **XHR)

    assert modal.status_code == results.status_code == chosen.status_code == 200
    assert "Robin Ash" in modal.json()["html"]
    assert "Robin Ash" in results.content.decode()
    assert chosen.json()["result"]["id"] == str(pending_comment.pk)


def test_a_second_blog_index_is_refused_in_the_admin(admin_client, home_page):
    add_url = f"/admin/pages/add/blog/blogindexpage/{home_page.pk}/"
    assert admin_client.get(add_url).status_code == 200

    make_blog(home_page)

    refused = admin_client.get(add_url, follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"
    assert "you do not have permission" in refused.content.decode()
    picker = admin_client.get(f"/admin/pages/{home_page.pk}/add_subpage/")
    assert picker.status_code == 200
    assert "/admin/pages/add/" in picker.content.decode()  # other page types still offered
    assert add_url not in picker.content.decode()


LONG_COMMENT = (
    "I had my first Botox session for migraines last spring and the headaches came back "
    "after ten weeks; is it normal to need the next session this early, or should I ask "
    "for a different dose?"
)


def test_the_comment_listing_links_each_comment_to_its_whole_text(client, post):
    comment = CommentFactory(post=post, status="pending", body=LONG_COMMENT)
    client.force_login(make_editor("change_blogcomment"))

    listing = client.get(LISTING).content.decode()
    edit_url = f"{LISTING}edit/{comment.pk}/"
    full = client.get(edit_url).content.decode()

    assert f'href="{edit_url}"' in listing
    assert comment.excerpt in listing and LONG_COMMENT not in listing
    assert LONG_COMMENT in full


def test_the_dashboard_tells_moderators_how_many_comments_wait(client, post):
    CommentFactory.create_batch(2, post=post, status="pending")
    CommentFactory(post=post, status="approved")
    client.force_login(make_editor("change_blogcomment"))

    dashboard = client.get("/admin/").content.decode()

    assert "2 comments to moderate" in dashboard
    assert f'href="{LISTING}?status=pending"' in dashboard


def test_the_pending_count_is_only_for_those_who_may_moderate(client, post):
    CommentFactory(post=post, status="pending")
    client.force_login(make_editor("view_blogcomment"))

    dashboard = client.get("/admin/").content.decode()

    assert "to moderate" not in dashboard
