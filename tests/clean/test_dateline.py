"""clean.dateline: the reporter's dateline is not the event's place or date."""

from __future__ import annotations

import pytest

from eventatlas.clean import clean
from eventatlas.clean.dateline import dateline_place, split_dateline
from eventatlas.ingest.read import RawInput


@pytest.mark.parametrize(
    "text, dateline, rest",
    [
        ("KYIV, Ukraine (AP) — Russian missiles struck a depot.", "KYIV, Ukraine (AP) —", "Russian missiles struck a depot."),
        ("BEIRUT, Aug 20 (Reuters) - Government forces shelled a town.", "BEIRUT, Aug 20 (Reuters) -", "Government forces shelled a town."),
        ("NAIROBI, Kenya, Sept. 7 (AFP) – Police fired tear gas.", "NAIROBI, Kenya, Sept. 7 (AFP) –", "Police fired tear gas."),
        ("WASHINGTON — Lawmakers met on Monday.", "WASHINGTON —", "Lawmakers met on Monday."),
        ("Kabul, Sept 7 (Reuters) - Protesters marched.", "Kabul, Sept 7 (Reuters) -", "Protesters marched."),
        # a dash lost to a decoding error upstream
        ("AMMAN (AP) \ufffd Riot police cleared a square.", "AMMAN (AP) \ufffd", "Riot police cleared a square."),
    ],
)
def test_datelines_are_split(text, dateline, rest):
    assert split_dateline(text) == (dateline, rest)


@pytest.mark.parametrize(
    "text",
    [
        "Police, witnesses said - and officials agreed - fired shots.",
        "Hundreds of farmers marched through the city on Friday.",
        "Gunmen — some on motorcycles — attacked the village.",
    ],
)
def test_prose_is_not_a_dateline(text):
    assert split_dateline(text) == (None, text)


def test_a_dateline_under_a_byline_is_split_and_the_byline_kept():
    text = "By Amina Yusuf and Tom Hale\nHARGEISA, June 9 (Reuters) - Clan fighters torched a well on Friday."
    assert split_dateline(text) == ("HARGEISA, June 9 (Reuters) -", "By Amina Yusuf and Tom Hale\nClan fighters torched a well on Friday.")


def test_a_byline_alone_is_no_dateline():
    text = "By Amina Yusuf\nClan fighters torched a well on Friday - and fled."
    assert split_dateline(text) == (None, text)


def test_clean_drops_dateline_but_uses_its_date():
    raw = RawInput(name="wire.txt", content="BEIRUT, Aug 20, 2019 (Reuters) - Government forces shelled a town in the north on Monday.", is_html=False)
    document = clean(raw)
    assert document.text.startswith("Government forces shelled")
    assert document.published == "2019-08-20"


@pytest.mark.parametrize(
    "dateline, place",
    [
        ("MOPTI, Mali, March 3 (AFP) -", "MOPTI, Mali"),
        ("GAROWE (Reuters) -", "GAROWE"),
        ("TUNIS —", "TUNIS"),
    ],
)
def test_the_place_of_a_dateline(dateline, place):
    assert dateline_place(dateline) == place


def test_clean_keeps_the_datelines_place_out_of_the_text():
    text = "KISUMU, Kenya, May 2 (Reuters) - Traders shut their stalls over a new levy on Tuesday."
    document = clean(RawInput(name="a.txt", content=text, is_html=False))
    assert document.text.startswith("Traders shut their stalls")
    assert document.dateline == "KISUMU, Kenya"
    plain = clean(RawInput(name="b.txt", content="Traders shut their stalls over a new levy on Tuesday.", is_html=False))
    assert plain.dateline is None
