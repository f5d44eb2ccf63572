"""events.merge and events.qualify: one event per type, place and day; actors get their country."""

from __future__ import annotations

from eventatlas.events.merge import merge_duplicates
from eventatlas.events.qualify import qualify_actors, qualify_name
from eventatlas.models import Event, Span


def _event(start, sub="Peaceful protest", etype="Protests", geonameid=1, date="2021-05-03", **fields):
    text = f"sentence at {start}"
    fields = {"latitude": 1.0, "longitude": 2.0, **fields}
    return Event(event_type=etype, sub_event_type=sub, geonameid=geonameid, event_date=date,
                 evidence=[Span(text=text, start=start, end=start + len(text))], **fields)


def test_repeated_mentions_merge_with_pooled_evidence():
    merged = merge_duplicates([_event(50, date=None, crowd_size=12), _event(0, fatalities=0), _event(100, fatalities=3)])
    assert len(merged) == 1
    event = merged[0]
    assert [span.start for span in event.evidence] == [0, 50, 100]
    assert event.event_date == "2021-05-03" and event.crowd_size == 12 and event.fatalities == 3


def test_lowest_reported_fatalities():
    assert merge_duplicates([_event(0, fatalities=7), _event(10, fatalities=5)])[0].fatalities == 5


def test_distinct_events_stay_apart():
    events = [
        _event(0),
        _event(10, geonameid=2),  # another place
        _event(20, date="2021-05-04"),  # another day
        _event(30, sub="Attack", etype="Violence against civilians"),  # another type
        _event(40, certainty="claimed", claimed_by="Group A"),  # a claim ...
        _event(50, certainty="claimed", claimed_by="Group B"),  # ... and a counter-claim
        _event(60, geonameid=None, latitude=None, longitude=None),  # unlocated: cannot be shown to be the same
        _event(70, geonameid=None, latitude=None, longitude=None),
    ]
    assert len(merge_duplicates(events)) == 8


def test_generic_actors_get_the_country():
    assert qualify_name("Protesters", "Kenya") == "Protesters (Kenya)"
    assert qualify_name("Police Forces", "India") == "Police Forces of India"
    assert qualify_name("Taliban", "Afghanistan") == "Taliban"
    assert qualify_name("Protesters", None) == "Protesters"
    event = _event(0, actor1="Military Forces", actor2="Civilians", country="Mali")
    qualify_actors([event])
    assert (event.actor1, event.actor2) == ("Military Forces of Mali", "Civilians (Mali)")


def test_stages_of_one_protest_take_the_higher_sub_type():
    merged = merge_duplicates([_event(0), _event(40, sub="Protest with intervention")])
    assert len(merged) == 1 and merged[0].sub_event_type == "Protest with intervention"
    assert len(merged[0].evidence) == 2


def test_tactics_of_other_types_are_not_merged():
    strike = _event(0, sub="Air/drone strike", etype="Explosions/Remote violence")
    shelling = _event(40, sub="Shelling/artillery/missile attack", etype="Explosions/Remote violence")
    assert len(merge_duplicates([strike, shelling])) == 2
