"""
Counting an article's words, for its reading time and its structured data.

Counted when the article is saved and stored on it (`BlogPostPage.word_count`),
so listings show each card's reading time without parsing every body.
"""


def count_words(body):
    """Words a reader reads in a StreamField `body`: headings, text, captions, quotes."""
    words = 0
    for child in body:
        if child.block_type == "heading":
            texts = [child.value["text"]]
        else:
            texts = child.block.get_searchable_content(child.value)
        words += sum(len(str(text).split()) for text in texts)
    return words
