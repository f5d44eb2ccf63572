"""An arrest or abduction of a political target is ACLED's Arrests, even in a police-case article."""

import pytest

from eventatlas.document.novelty import political_target, set_aside_non_events
from eventatlas.models import Document
from tests.document.helpers import READING, event

# A story told in police words: detectives, a police station, custody.
POLICE_WORDS = Document(
    title="Man questioned overnight in Hollowfield",
    text="Detectives took a man from his flat on Tuesday evening and kept him at a police station until dawn. "
         "He was later released from custody without charge, his brother said.",
    published="2022-02-10")


def arrest(sentence: str, sub: str = "Arrests", etype: str = "Strategic developments"):
    return event(sentence, 0, etype, sub, place=READING, actor1="Police Forces of the United Kingdom")


@pytest.mark.parametrize("sentence", [
    "Detectives took a blogger from his flat and kept him at a police station until dawn.",
    "Officers detained the leader of a dockworkers' union outside his home.",
    "Plain-clothes officers held a local opposition councillor and a party activist overnight.",
    "Police picked up a reporter who had been covering the housing dispute.",
    "Two rights defenders were taken to a police station and questioned for six hours.",
])
def test_a_political_target_keeps_the_arrest_out_of_crime(sentence):
    events, set_aside = set_aside_non_events(POLICE_WORDS, [arrest(sentence)])
    assert [e.sub_event_type for e in events] == ["Arrests"] and set_aside == []


def test_an_abduction_of_a_journalist_is_not_crime():
    taken = event("Unknown men bundled a journalist into a van near the station.", 0,
                  "Violence against civilians", "Abduction/forced disappearance", place=READING,
                  actor1="Unidentified Armed Group")
    events, set_aside = set_aside_non_events(POLICE_WORDS, [taken])
    assert events == [taken] and set_aside == []


def test_an_ordinary_suspect_in_a_police_case_is_still_crime():
    events, set_aside = set_aside_non_events(
        POLICE_WORDS, [arrest("Detectives took a man from his flat and kept him at a police station until dawn.")])
    assert events == [] and [item.category for item in set_aside] == ["CRIME"]


def test_a_political_word_helps_only_arrests_and_abductions():
    # an attack on a blogger by nobody named, in a police-case article, stays ordinary crime
    beating = event("A blogger was punched by a stranger outside a police station.", 0, place=READING,
                    actor1="Unidentified Armed Group")
    assert political_target(beating) is None
    events, set_aside = set_aside_non_events(POLICE_WORDS, [beating])
    assert events == [] and [item.category for item in set_aside] == ["CRIME"]
