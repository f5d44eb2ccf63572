"""Recognition across a document: a place name found once is the place again where the model
mislabels it; a person's surname is not a place; words without a capital are not names."""

from eventatlas.geo import geoparse
from eventatlas.geo.recognize import recognize
from eventatlas.models import Document
from eventatlas.nlp import parse


def _toponyms(nlp, gazetteer, text):
    toponyms, _ = recognize(nlp(text), gazetteer)
    return [(t.text, t.source) for t in toponyms]


def test_a_place_named_in_a_place_frame_is_found_again_where_the_model_calls_it_an_organisation(nlp, real_gazetteer):
    text = "Storms knocked down trees in Crafton, Pennsylvania. A Crafton man was hurt. Crafton Council met on Monday."
    found = _toponyms(nlp, real_gazetteer, text)
    assert [name for name, _ in found].count("Crafton") == 3
    # inside the council's name it is the place the council is named after: context, not an event place
    assert found[-1] == ("Crafton", "org")


def test_a_surname_of_a_person_named_in_full_is_not_a_place(nlp, real_gazetteer):
    text = ("Deputy Carl Ripley found the car on the shoulder. Ripley said the driver had fled on foot, "
            "and Ripley later called a tow truck.")
    assert not any(name == "Ripley" for name, _ in _toponyms(nlp, real_gazetteer, text))


def test_a_surname_in_a_place_frame_is_still_the_place(nlp, real_gazetteer):
    text = "Officer Dana Ripley grew up on a farm. The fair opened in Ripley, Mississippi, on Saturday."
    found = _toponyms(nlp, real_gazetteer, text)
    assert ("Ripley", "ner") in found or ("Ripley", "gazetteer") in found


def test_a_speaker_who_shares_a_place_name_is_not_that_place_again(nlp, real_gazetteer):
    text = "Relatives gathered in Marion on Sunday. \"We waited for hours,\" said Marion, a cousin of the driver."
    toponyms, _ = recognize(nlp(text), real_gazetteer)
    assert [t.start for t in toponyms] == [text.index("Marion")]


def test_words_without_a_capital_are_not_names(nlp, real_gazetteer):
    text = "Deputies found a meth lab near Mobile, Alabama, and said they hadn't expected it."
    found = [name for name, _ in _toponyms(nlp, real_gazetteer, text)]
    assert all(any(ch.isupper() for ch in name) for name in found)
    assert "Mobile" in found


def test_small_namesakes_outside_the_focus_do_not_vouch_for_each_other(nlp, real_gazetteer):
    # a touring calendar in England: "Rockingham" has no English reading in the gazetteer, and the
    # small US towns of that name and of "Yorkshire" lie close to each other
    text = ("The touring cars race at Brands Hatch, Kent, in April, then at Thruxton, Hampshire, and "
            "Snetterton, Norfolk. In August they visit Rockingham, Northamptonshire, and Croft, Yorkshire, "
            "before the finale in Leicestershire.")
    places = geoparse(parse(Document(text=text), nlp), gazetteer=real_gazetteer)
    rockingham = next(p for p in places if p.mention.text == "Rockingham")
    assert rockingham.country_code in (None, "GB")


def test_two_places_joined_by_a_hyphen_are_two_names(nlp, real_gazetteer):
    found = _toponyms(nlp, real_gazetteer, "The river will crest on Friday in Fargo-Moorhead, officials said.")
    assert [name for name, _ in found] == ["Fargo", "Moorhead"]
    # a hyphenated name the gazetteer knows stays whole
    found = _toponyms(nlp, real_gazetteer, "Traffic was stopped in Wilkes-Barre, Pennsylvania.")
    assert found[0][0] == "Wilkes-Barre"


def test_a_word_after_a_hyphen_is_not_part_of_the_name(nlp, real_gazetteer):
    found = _toponyms(nlp, real_gazetteer, "A Columbia-based firm designed the hotel.")
    assert [name for name, _ in found] == ["Columbia"]
    # where the firm is from, not where anything happened: never an event place
    assert found == [("Columbia", "qualifier")]


def test_the_line_between_two_places_locates_neither(nlp, real_gazetteer):
    found = _toponyms(nlp, real_gazetteer, "Fighting broke out near the Isiolo-Garissa border on Tuesday.")
    assert found == [("Isiolo", "thoroughfare"), ("Garissa", "thoroughfare")]


def test_a_place_name_the_model_cut_into_a_person_is_whole_after_a_locative(nlp, real_gazetteer):
    # the model labels only the second word a person; after "near" the whole run is the town
    text = "Gunmen killed seven farmers near Debre Markos on Sunday, police said."
    assert ("Debre Markos", "gazetteer") in _toponyms(nlp, real_gazetteer, text)
    # a person's name, with no locative before it, stays a person
    assert _toponyms(nlp, real_gazetteer, "Debre Markos said the farmers fled.") == []


def test_a_name_joined_by_a_particle_is_one_name(nlp, real_gazetteer):
    text = "Insurgents attacked an army position in Mocimboa da Praia on Sunday night."
    assert [name for name, _ in _toponyms(nlp, real_gazetteer, text)] == ["Mocimboa da Praia"]
