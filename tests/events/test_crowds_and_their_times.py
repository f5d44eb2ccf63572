"""Crowds facing the police and the times told around an act: bottles thrown at riot police are
a violent demonstration; live fire on people gathered to call for something is excessive force;
an earlier time told in a relative clause the parser misread belongs to that clause."""

import pytest

from tests.events.helpers import stage_events


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str, published: str):
        return [(e.sub_event_type, e.background) for e in stage_events(nlp, text, published)]

    return run


def test_bottles_thrown_at_riot_police_are_a_violent_demonstration(code):
    assert code("On 3 April 2024, squatters resisting their eviction in Lyon threw bottles and firecrackers at "
                "riot police.", "2024-04-04") == [("Violent demonstration", False)]


def test_live_fire_on_people_gathered_to_call_for_something_is_excessive_force(code):
    events = code("On 3 April 2024, soldiers fired live rounds at villagers who had gathered outside the district "
                  "office in Kasese to call for the release of their chief, killing two.", "2024-04-04")
    assert ("Excessive force against protesters", False) in events


def test_a_time_in_a_relative_clause_the_parser_misreads_is_not_the_acts(code):
    assert code("On 3 April 2024, the army said its troops had retaken a village in Kharkiv region that "
                "Russian forces had seized the month before.", "2024-04-04") == [("Government regains territory", False)]


def test_a_crowd_beating_suspects_is_mob_violence(code):
    assert code("On 3 April 2024, a crowd at the bus station in Osh beat 2 men they accused of pickpocketing.",
                "2024-04-04") == [("Mob violence", False)]


def test_relatives_waiting_for_news_are_no_protest(code):
    assert code("On 3 April 2024, parents gathered at the school gate in Gusau waiting for news of their children.",
                "2024-04-04") == []
