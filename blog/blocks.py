"""
The article body: the shared blocks, with headings that know their place on the page.

A heading's own `anchor_id` comes from its text or link name, so it survives
re-ordering; two headings with the same text would share it, so the post
gives each duplicate a numbered id (`-2`, `-3`, ...) through `unique_anchor_id`,
and the shared heading template then renders the id the table of contents links to.
"""

from clinic_site.blocks import BaseStreamBlock, HeadingBlock, HeadingValue


class ArticleHeadingValue(HeadingValue):
    unique_anchor_id = None

    @property
    def anchor_id(self):
        return self.unique_anchor_id or super().anchor_id

    @property
    def base_anchor_id(self):
        return super().anchor_id


class ArticleHeadingBlock(HeadingBlock):
    class Meta:
        value_class = ArticleHeadingValue


class ArticleStreamBlock(BaseStreamBlock):
    heading = ArticleHeadingBlock()
