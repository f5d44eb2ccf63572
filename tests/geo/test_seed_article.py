"""The founding example, with the full packaged gazetteer: where its events happened."""

import json

import pytest

from eventatlas.geo import geoparse, locate_events
from eventatlas.geo.resolve import haversine_km as km
from eventatlas.models import Document, Event, Span
from eventatlas.nlp import parse


@pytest.mark.slow
def test_seed_article_event_places(seed_dir, nlp, real_gazetteer):
    text = (seed_dir / "article.txt").read_text(encoding="utf-8").split("Please enter your comment")[0].strip()
    gold = {item["id"]: item for item in json.loads((seed_dir / "gold.json").read_text(encoding="utf-8"))["required"]}
    document = parse(Document(text=text), nlp)

    def event(trigger):
        start = text.index(trigger)
        sentence = document.sentence_at(start)
        return Event(event_type="x", sub_event_type="x", sentence=sentence.index,
                     trigger=Span(text=trigger, start=start, end=start + len(trigger)),
                     evidence=[Span(text=sentence.text, start=sentence.start, end=sentence.end)])

    events = [event("rallied"), event("fighting"), event("airstrikes in Panjshir until"), event("recaptured"), event("arrived")]
    located = locate_events(document, events, gazetteer=real_gazetteer)
    assert len(located) == 6  # the rally sentence names two places of occurrence

    def check(e, ref):
        loc = ref["location"]
        assert e.country_code == loc["country_code"]
        assert km(e.latitude, e.longitude, loc["lat"], loc["lon"]) <= loc["max_km"], (e.location, ref["id"])
        assert e.geo_precision in ref["geo_precision"]

    kabul, mazar, fighting, airstrikes, recapture, arrival = located
    check(kabul, gold["kabul-rally"])
    check(mazar, gold["mazar-rally"])
    check(fighting, gold["panjshir-fighting"])
    check(airstrikes, gold["panjshir-airstrikes"])
    assert km(recapture.latitude, recapture.longitude, 35.313, 69.515) <= 60  # "the province"
    assert arrival.location == "Kabul"
    assert all(e.country_code != "PK" for e in located)

    places = geoparse(document, gazetteer=real_gazetteer)
    names = {p.mention.text: p for p in places}
    assert names["Hindu Kush"].feature_code == "MTS"
    assert names["Pakistan"].country_code == "PK"
    assert not any(p.mention.text in ("Afghan", "Afghans") for p in places)  # demonyms are not places
