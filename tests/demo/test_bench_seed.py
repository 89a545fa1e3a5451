"""
`make bench` grows the demo clinic with bench/seed.py; a model change that the
bulk inserts do not follow (a new required or unique column) breaks the benchmark,
so it is tried here at a small size.
"""

from bench.seed import seed
from blog.models import BlogIndexPage, BlogPostPage
from consultations import get_request_model, references
from treatments.models import TreatmentPage


def test_seeding_adds_what_is_missing_and_the_pages_serve(client):
    posts, treatments = BlogPostPage.objects.count(), TreatmentPage.objects.count()
    requests = get_request_model().objects.count()

    added = seed(posts + 25, treatments + 3, questions=0, requests=requests + 40)

    assert added == {"treatments": 3, "questions": 0, "articles": 25, "requests": 40}
    stored = get_request_model().objects.order_by("-pk")[:40]
    assert len({request.reference for request in stored}) == 40
    assert all(references.normalise(request.reference) for request in stored)
    article = BlogPostPage.objects.live().filter(slug__startswith="seeded-article-").first()
    assert article.get_parent().specific_class is BlogIndexPage
    assert client.get(article.url).status_code == 200
    treatment = TreatmentPage.objects.live().filter(slug__startswith="seeded-treatment-").first()
    assert client.get(treatment.url).status_code == 200
    # Called again with the same numbers, nothing more is added.
    assert set(seed(posts + 25, treatments + 3, 0, requests + 40).values()) == {0}
