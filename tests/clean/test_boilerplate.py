"""clean.boilerplate: page furniture never reaches the body; prose always does."""

from __future__ import annotations

import pytest

from eventatlas.clean.boilerplate import is_boilerplate, remove_boilerplate, split_title


@pytest.mark.parametrize(
    "line",
    [
        "Please enter your comment!",
        "Please enter your name here",
        "Leave a Reply",
        "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Share this:",
        "Share on Facebook",
        "Facebook Twitter WhatsApp Telegram Email",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Subscribe to our newsletter",
        "Sign up",
        "Read more: Ten things to know",
        "Advertisement",
        "© 2021 Some News Network. All rights reserved.",
        "Home | World | Politics | Business",
        "Tags: protest, police, capital",
        "Save my name, email, and website in this browser for the next time I comment.",
        "12 comments",
        "Related Articles",
    ],
)
def test_furniture_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Police fired tear gas at protesters who had gathered outside parliament.",
        "The ministry said three soldiers were killed.",
        "Residents shared videos of the explosion on social media.",
        "Protesters chanted slogans and demanded the release of detained students.",
        "He said: “We will not leave.”",
        "Please release our children, the mothers said.",
    ],
)
def test_prose_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_remove_boilerplate_keeps_paragraphs():
    text = "First paragraph of the report.\n\nSecond paragraph.\n\n\n\nShare this\nLeave a reply\nPlease enter your comment!\n"
    assert remove_boilerplate(text) == "First paragraph of the report.\n\nSecond paragraph."


def test_split_title():
    title, body = split_title("Clashes erupt in the north\n\nFighting broke out on Monday.\nMore text here.")
    assert title == "Clashes erupt in the north"
    assert body.startswith("Fighting broke out")
    assert split_title("One paragraph only. It continues.\nAnd here.\nAnd more.")[0] is None
