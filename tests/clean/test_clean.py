"""clean: HTML through trafilatura, text through the boilerplate filter, into a Document."""

from __future__ import annotations

import pytest

from eventatlas.clean import clean
from eventatlas.errors import InputError
from eventatlas.ingest.read import RawInput

ARTICLE = (
    "Hundreds of farmers marched through the centre of the city on Friday, blocking traffic for hours "
    "as they demanded higher prices for their crops and an end to new fuel taxes. "
    "Police said the march was peaceful and that no arrests were made. Organisers said they would "
    "return next week if the government did not respond to their demands."
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Farmers march in the capital | Daily Example</title>
<meta property="og:title" content="Farmers march in the capital">
<meta property="og:url" content="https://news.example.org/2023/05/farmers-march">
<meta property="article:published_time" content="2023-05-12T09:30:00Z">
<meta property="og:site_name" content="Daily Example">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header><a href="/subscribe">Subscribe to our newsletter</a></header>
<article><h1>Farmers march in the capital</h1>
<p>{ARTICLE}</p>
<p>The march ended peacefully outside the agriculture ministry in the late afternoon, where leaders read a statement.</p>
</article>
<div class="share">Share on Facebook Share on Twitter</div>
<section id="comments" class="comments"><h3>Leave a Reply</h3>
<form><label>Please enter your comment!</label><textarea></textarea>
<label>Please enter your name here</label><input name="author"></form>
<div class="comment"><p>Commenter X: this is outrageous, the army should have fired at them.</p></div>
</section>
<footer>© 2023 Daily Example. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_html_page_keeps_article_and_drops_navigation_and_comments():
    document = clean(RawInput(name="page.html", content=PAGE, is_html=True))
    assert document.text.startswith("Hundreds of farmers marched")  # the repeated headline is metadata
    for furniture in ("Please enter your comment", "Leave a Reply", "Commenter X", "Subscribe", "All rights reserved", "Home"):
        assert furniture not in document.text
    assert document.title == "Farmers march in the capital"
    assert document.url == "https://news.example.org/2023/05/farmers-march"
    assert document.published == "2023-05-12"
    assert document.source == "Daily Example"
    assert document.language == "en"
    assert len(document.id) == 16


def test_plain_text_title_body_and_furniture():
    text = f"Farmers march in the capital\n\n{ARTICLE}\n\n\nPlease enter your comment!\nPlease enter your name here"
    document = clean(RawInput(name="a.txt", content=text, is_html=False))
    assert document.title == "Farmers march in the capital"
    assert document.text == ARTICLE
    assert document.published is None  # nothing says when: never the day of processing


def test_published_option_overrides_and_is_validated():
    raw = RawInput(name="a.txt", content=ARTICLE, is_html=False)
    assert clean(raw, published="2021-09-07").published == "2021-09-07"
    with pytest.raises(InputError, match="publication date"):
        clean(raw, published="not a date at all")


def test_empty_after_cleaning_is_refused():
    with pytest.raises(InputError, match="a.txt: empty after cleaning"):
        clean(RawInput(name="a.txt", content="Share this\nLeave a reply\nPlease enter your comment!", is_html=False))


@pytest.mark.parametrize("html", ["<html><body><div></div></body></html>", "<html><<<>>>", "<?xml version='1.0'?><rss><channel></channel></rss>"])
def test_html_without_article_is_refused(html):
    with pytest.raises(InputError) as error:
        clean(RawInput(name="bad.html", content=html, is_html=True))
    assert str(error.value).startswith("bad.html:")


def test_english_news_is_english_without_loading_the_language_model():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from eventatlas.clean import detect_language\n"
        "text = ('Police said on Tuesday that three people were killed when gunmen opened fire on a bus "
        "carrying workers to a factory outside the city, and that the attackers had fled into the hills "
        "before soldiers arrived. ' * 2)\n"
        "print(detect_language(text), 'py3langid' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.split() == ["en", "False"]


def test_other_languages_still_go_to_the_model():
    from eventatlas.clean import detect_language

    french = ("Le gouvernement a déclaré mardi que trois personnes avaient été tuées lorsque des hommes armés "
              "ont ouvert le feu sur un autobus qui transportait des ouvriers vers une usine près de la ville. ") * 2
    assert detect_language(french) == "fr"
