"""Narrative time across an article: the publication line above the lede, court dates to come and
procedural sentences do not become the day of the story; ages are not decades."""

from eventatlas.models import Document
from eventatlas.nlp import parse
from eventatlas.time import date_events
from eventatlas.time.finder import find_expressions
from tests.time.test_dating import event_at


def _dated(nlp, text, published, *triggers):
    document = parse(Document(text=text, published=published), nlp)
    return date_events(document, [event_at(document, t) for t in triggers])


def test_publication_line_does_not_outrank_last_night(nlp):
    text = ("Tuesday, October 6, 2020\n\nA bus driver was beaten last night by a gang near the depot "
            "in the northern suburbs, police said.")
    [event] = _dated(nlp, text, "2020-10-06", "beaten")
    assert (event.event_date, event.date_text) == ("2020-10-05", "last night")


def test_event_without_trigger_takes_the_lede_day_not_the_publication_line(nlp):
    text = "Tuesday, October 6, 2020\n\nTwo grenades yesterday hit a bus depot in the northern suburbs."
    document = parse(Document(text=text, published="2020-10-06"), nlp)
    event = event_at(document, "hit")
    event.trigger = None
    [dated] = date_events(document, [event])
    assert dated.event_date == "2020-10-05"


def test_publication_line_still_dates_a_lede_without_a_date(nlp):
    text = "Tuesday, October 6, 2020\n\nDock workers marched to the port offices to demand back pay."
    [event] = _dated(nlp, text, "2020-10-06", "marched")
    assert event.event_date == "2020-10-06"


def test_court_date_to_come_is_not_carried_to_the_attack(nlp):
    text = ("Youths threw stones at a patrol in the old town on Friday. "
            "A teenager was charged with assault on Saturday and his next court hearing is on November 20. "
            "Officers fired rubber bullets at the youths.")
    first, later = _dated(nlp, text, "2020-10-11", "threw", "fired")
    assert first.event_date == "2020-10-09"
    assert later.event_date == "2020-10-09"


def test_a_later_day_in_a_plain_sentence_still_moves_the_story(nlp):
    text = ("Youths threw stones at a patrol in the old town on Friday. The unrest spread to the "
            "harbour district on Saturday. Officers fired rubber bullets at the youths.")
    _, later = _dated(nlp, text, "2020-10-11", "threw", "fired")
    assert later.event_date == "2020-10-10"


def test_age_in_his_twenties_is_no_decade():
    assert find_expressions("A man in his late twenties was held at the scene.", "2020-10-06") == []
    [decade] = find_expressions("Prices doubled in the twenties.", "2020-10-06")
    assert decade.value.granularity == "decade"


def test_the_day_a_suspect_is_named_does_not_move_the_story(nlp):
    text = ("Gunmen fired on a wedding party in the hill village on Friday night. "
            "Local papers named one of the gunmen on Saturday as a former guard. "
            "Witnesses said the attackers also set fire to two cars.")
    first, later = _dated(nlp, text, "2020-10-12", "fired", "set fire")
    assert first.event_date == later.event_date == "2020-10-09"


def test_a_lede_without_a_day_takes_the_day_the_next_sentence_gives(nlp):
    text = ("Friday, May 15, 2020\n\nA bus driver was beaten by a gang near the depot in the northern suburbs. "
            "The gang set upon him on Wednesday night as he locked the gates, colleagues said.")
    [event] = _dated(nlp, text, "2020-05-15", "beaten")
    assert event.event_date == "2020-05-13"


def test_a_court_date_ahead_does_not_date_the_lede(nlp):
    text = ("Friday, May 15, 2020\n\nA bus driver was beaten by a gang near the depot in the northern suburbs. "
            "Two men were charged with assault and will face a judge on May 28.")
    [event] = _dated(nlp, text, "2020-05-15", "beaten")
    assert event.event_date == "2020-05-15"
