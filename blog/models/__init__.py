"""
The blog: an index page listing articles, the articles themselves, the
categories and tags they are filed under, and readers' comments.

Import models from here (`blog.models`), not from the modules below it, which
are split by kind and may move.
"""

from .comments import BlogComment
from .index_page import BlogIndexPage
from .post_page import BlogPostAuthor, BlogPostPage, BlogPostRelatedTreatment
from .taxonomy import BlogCategory, BlogPostTag

__all__ = [
    "BlogCategory",
    "BlogComment",
    "BlogIndexPage",
    "BlogPostAuthor",
    "BlogPostPage",
    "BlogPostRelatedTreatment",
    "BlogPostTag",
]
