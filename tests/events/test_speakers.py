"""A party that reports an act claims it only when the act can be its own: its forces, or no
other doer named. A group telling what another did is a source, not actor 1."""

import pytest

from tests.events.helpers import stage_events


@pytest.fixture(scope="module")
def actor1(nlp):
    def run(text: str):
        return [e.actor1 for e in stage_events(nlp, text, "2024-03-12")]

    return run


def test_a_group_reporting_a_strike_by_the_junta_is_no_doer(actor1):
    assert actor1("On 11 March 2024, a junta fighter jet bombed a village in Kani township, killing 5 civilians, "
                  "the local PDF said.")[0].startswith("Military Forces")


def test_a_militia_reporting_bombers_is_no_doer(actor1):
    assert actor1("On 11 March 2024, two suicide bombers blew themselves up at a market in Gwoza, killing 3 traders, "
                  "a CJTF official said.")[0].startswith("Unidentified")


@pytest.mark.parametrize("text, doer", [
    ("ISWAP said its fighters attacked an army base in Marte on Monday.", "Islamic State"),
    ("Al Shabaab said its militants had planted the bomb that killed 5 soldiers near Afgoye on Monday.", "Al Shabaab"),
])
def test_a_group_telling_what_its_own_fighters_did_is_the_doer(actor1, text, doer):
    assert actor1(text)[0].startswith(doer)
