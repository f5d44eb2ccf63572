"""locate_events on constructed sentences (tiny gazetteer, the project's spaCy model)."""


from eventatlas.geo import locate_events
from eventatlas.models import Document, Event, Span
from eventatlas.nlp import parse


def make(nlp, text, triggers, hints=None):
    document = parse(Document(text=text), nlp)
    events = []
    for i, trigger in enumerate(triggers):
        start = text.index(trigger)
        sentence = document.sentence_at(start)
        event = Event(event_type="Protests", sub_event_type="Peaceful protest", sentence=sentence.index,
                      trigger=Span(text=trigger, start=start, end=start + len(trigger)),
                      evidence=[Span(text=sentence.text, start=sentence.start, end=sentence.end)])
        if hints and hints[i]:
            h = text.index(hints[i])
            event.location_hint = Span(text=hints[i], start=h, end=h + len(hints[i]))
        events.append(event)
    return document, events


def test_coordinated_places_give_one_event_each(nlp, tiny_gazetteer):
    document, events = make(nlp, "Hundreds rallied in the Afghan capital Kabul and northern Mazar-e-Sharif city on Monday.", ["rallied"])
    located = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert [(e.geonameid, e.geo_precision) for e in located] == [(1138958, 1), (1133453, 1)]
    assert located[0].country_code == "AF" and located[0].admin1 == "Kabul" and located[1].admin1 == "Balkh"
    assert located[0].evidence == located[1].evidence
    assert located[1].location == "Mazar-e Sharif"  # ASCII, as ACLED writes names


def test_the_two_ends_of_a_blocked_road_are_one_place_not_two_events(nlp, tiny_gazetteer):
    document, events = make(nlp, "Traders blocked the highway between Kabul and Mazar-e-Sharif on Monday.", ["blocked"])
    located = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert len(located) == 1 and located[0].geonameid in (1138958, 1133453)


def test_targets_and_origins_are_not_event_places(nlp, tiny_gazetteer):
    text = "Protesters in Kabul chanted slogans against Pakistan. Pakistan's spy chief arrived in Kabul on Saturday."
    document, events = make(nlp, text, ["chanted", "arrived"])
    located = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert [e.country_code for e in located] == ["AF", "AF"]
    assert all(e.geonameid == 1138958 for e in located)


def test_the_locative_of_the_trigger_wins_over_other_places_in_the_sentence(nlp, tiny_gazetteer):
    text = "Dozens protested in Kabul hours after a leader called for resistance amid fighting ongoing in northern Panjshir province."
    document, events = make(nlp, text, ["protested", "fighting"])
    located = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert located[0].geonameid == 1138958 and located[0].geo_precision == 1
    assert located[1].admin1 == "Panjshayr" and located[1].geo_precision == 3


def test_anaphora_and_fallback_to_previous_context(nlp, tiny_gazetteer):
    text = ("Taliban fighters attacked positions in Panjshir province on Sunday. "
            "Unconfirmed reports emerging from the province claim that fighters recaptured the areas. "
            "Two people were killed.")
    document, events = make(nlp, text, ["attacked", "recaptured", "killed"])
    located = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert [e.admin1 for e in located] == ["Panjshayr"] * 3
    assert located[2].geo_precision == 3


def test_location_hint_and_precision_of_near(nlp, tiny_gazetteer):
    text = "Officials in Islamabad said a bomb exploded near Kabul on Friday."
    document, events = make(nlp, text, ["exploded"], hints=["near Kabul"])
    (event,) = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert event.geonameid == 1138958 and event.geo_precision == 2


def test_nothing_known_leaves_fields_null(nlp, tiny_gazetteer):
    document, events = make(nlp, "Two people were killed in Qwzxville on Friday.", ["killed"])
    (event,) = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert event.latitude is None and event.location is None and event.geo_precision is None
    assert locate_events(document, [], gazetteer=tiny_gazetteer) == []


def test_possessed_part_of_a_place(nlp, tiny_gazetteer):
    text = "Gunmen attacked a checkpoint on Kabul's outskirts on Friday."
    document, events = make(nlp, text, ["attacked"])
    (event,) = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert event.geonameid == 1138958 and event.geo_precision == 2


def test_title_is_the_last_resort(nlp, tiny_gazetteer):
    document, events = make(nlp, "Two people were killed on Friday, officials said.", ["killed"])
    document.title = "Clashes in Kabul"
    (event,) = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert event.geonameid == 1138958 and event.geo_precision == 2  # inferred: one level coarser


def test_dateline_is_not_the_event_place(nlp, tiny_gazetteer):
    text = "ISLAMABAD, Pakistan (AP) — Gunmen attacked a police post on the outskirts of Kabul on Saturday."
    document, events = make(nlp, text, ["attacked"])
    (event,) = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert event.geonameid == 1138958 and event.geo_precision == 2


def test_a_dam_or_field_named_after_a_town_lies_near_it_not_in_it(nlp, tiny_gazetteer):
    document, events = make(nlp, "Saboteurs blew up a pylon at the Kabul Dam on Friday.", ["blew"])
    (event,) = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert event.geonameid == 1138958 and event.geo_precision == 2
    document, events = make(nlp, "Hundreds rallied in Kabul on Friday.", ["rallied"])
    (event,) = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert event.geo_precision == 1  # the town itself


def test_an_unknown_village_in_a_stated_region_falls_back_to_the_region(nlp, tiny_gazetteer):
    text = ("Russian missiles struck Kharkiv on Saturday. "
            "In Zaporizhzhia region, the governor said a drone hit a car in the village of Vovchansk on Sunday.")
    document, events = make(nlp, text, ["struck", "hit"], hints=[None, "in the village of Vovchansk"])
    located = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert located[1].admin1 == "Zaporizka Oblast" and located[1].geo_precision == 2


def test_an_unknown_village_with_written_levels_takes_the_most_specific_known_level(nlp, real_gazetteer):
    text = "On 3 March, gunmen abducted two traders in the village of Zzyzxville (Sanmatenga, Centre-Nord)."
    document, events = make(nlp, text, ["abducted"])
    located = locate_events(document, events, gazetteer=real_gazetteer)
    assert located[0].country_code == "BF" and located[0].admin1 == "Centre-Nord"
    assert located[0].geo_precision == 2
    assert located[0].location == "Zzyzxville"  # the place as written, at its district's point


def test_an_unknown_first_name_of_a_chain_ending_in_a_country_lies_at_its_next_level(nlp, real_gazetteer):
    text = "On Monday an airstrike destroyed a school in Zzyzx Tahta, Idlib, Syria."
    document, events = make(nlp, text, ["destroyed"])
    located = locate_events(document, events, gazetteer=real_gazetteer)
    assert located[0].country_code == "SY" and located[0].admin1 == "Idlib"
    assert located[0].location == "Zzyzx Tahta" and located[0].geo_precision == 2


def test_written_levels_rule_out_namesakes_elsewhere(nlp, real_gazetteer):
    text = "On 3 March, gunmen attacked the market of Kaya (Sanmatenga, Centre-Nord)."
    document, events = make(nlp, text, ["attacked"])
    located = locate_events(document, events, gazetteer=real_gazetteer)
    assert located[0].country_code == "BF" and located[0].location == "Kaya" and located[0].geo_precision == 1


def test_armed_groups_and_acronyms_are_not_towns(nlp, real_gazetteer):
    text = "On 3 March, FAMa and Wagner forces attacked a market in Bambari."
    document, events = make(nlp, text, ["attacked"])
    located = locate_events(document, events, gazetteer=real_gazetteer)
    assert located[0].country_code == "CF" and located[0].location == "Bambari"


def test_a_place_named_after_the_event_sentence_locates_it(nlp, real_gazetteer):
    text = "On 3 March, US forces carried out an air strike. It was the second this month, in Kunar province."
    document, events = make(nlp, text, ["strike"])
    located = locate_events(document, events, gazetteer=real_gazetteer)
    assert located[0].country_code == "AF" and located[0].admin1 == "Kunar"


def test_a_document_is_recognised_once_however_many_times_its_events_are_located(nlp, tiny_gazetteer, monkeypatch):
    import eventatlas.geo.locate as locate

    calls = []
    real = locate.recognize
    monkeypatch.setattr(locate, "recognize", lambda *args: calls.append(1) or real(*args))
    text = "Hundreds rallied in Kabul on Monday. Hundreds also rallied in Mazar-e-Sharif city."
    document, events = make(nlp, text, ["rallied in Kabul", "also rallied"])
    first = [locate_events(document, [event.model_copy(deep=True)], gazetteer=tiny_gazetteer) for event in events]
    assert len(calls) == 1
    assert [e[0].geonameid for e in first] == [1138958, 1133453]
    other, more = make(nlp, "Hundreds rallied in Kabul on Monday.", ["rallied"])
    locate_events(other, more, gazetteer=tiny_gazetteer)
    assert len(calls) == 2  # a new document is read afresh


def test_a_province_read_as_its_town_is_coded_at_province_precision(nlp, tiny_gazetteer):
    # the tiny gazetteer knows Egypt's Alexandria only as a town: "Alexandria governorate" is the
    # province, coded at its capital
    text = "In Egypt, rioters torched a police post in Alexandria governorate on Tuesday."
    document, events = make(nlp, text, ["torched"])
    (event,) = locate_events(document, events, gazetteer=tiny_gazetteer)
    assert event.geonameid == 361058 and event.geo_precision == 3
