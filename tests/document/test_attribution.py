"""document.attribution: a later sentence blaming a known armed group names unidentified attackers."""

from eventatlas.models import Document


def code(pipeline, text: str, published: str = "2023-01-31"):
    return pipeline.process(Document(text=text, published=published)).events


def test_a_group_the_police_blame_is_actor_1_of_an_unclaimed_bombing(pipeline):
    events = code(pipeline, "On Monday, a suicide bomber blew himself up among policemen in a mosque in Peshawar. "
                            "At least 84 people died. Police blamed Jamaat-ul-Ahrar.")
    assert [e.actor1 for e in events] == ["Jamaat-ul-Ahrar"]


def test_blaming_the_attack_on_a_group_names_it_without_its_trailing_clause(pipeline):
    events = code(pipeline, "Gunmen attacked a market in Gao on Monday, killing five people. "
                            "The army blamed the attack on JNIM, which has fighters across the region.")
    assert events[0].actor1.startswith("JNIM")


def test_a_blamed_state_is_left_to_the_sentence_that_says_what_it_is_blamed_for(pipeline):
    # "blamed the attack on X" names a perpetrator only when X is an armed group the lists know
    events = code(pipeline, "Gunmen attacked a market in Gao on Monday, killing five people. "
                            "Officials blamed the attack on neighbouring governments.")
    assert events[0].actor1.startswith("Unidentified")


def test_a_named_perpetrator_is_kept_whoever_is_blamed_later(pipeline):
    events = code(pipeline, "JNIM fighters attacked a market in Gao on Monday, killing five people. "
                            "The army blamed the Islamic State in the Greater Sahara.")
    assert events[0].actor1.startswith("JNIM")


def test_a_group_telling_what_its_fighters_did_is_actor_1(pipeline):
    events = code(pipeline, "On Saturday, a police truck struck an explosive device near Elwak, killing 5 officers. "
                            "Al Shabaab said its fighters had planted the device.", "2024-06-16")
    assert events[0].actor1 == "Al Shabaab"
