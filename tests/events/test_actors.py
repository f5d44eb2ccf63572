"""Actors named the way ACLED names them: named groups, generic forces with their country."""

import pytest

from eventatlas.events.actors import known_actor, resolve_phrase
from eventatlas.events.qualify import abroad, qualify_actors, qualify_name
from eventatlas.models import Event, Span


@pytest.mark.parametrize("text, name, inter", [
    ("presumed JNIM militants", "JNIM: Group for Support of Islam and Muslims", "Rebel group"),
    ("ISWAP fighters", "Islamic State (West Africa)", "Rebel group"),
    ("IS Sahel militants", "Islamic State (Sahel)", "Rebel group"),
    ("Wagner mercenaries", "Wagner Group", "External/Other forces"),
    ("FAMa soldiers", "Military Forces of Mali", "State forces"),
    ("Houthi forces", "Military Forces of Yemen (2016-) Supreme Political Council", "State forces"),
    ("members of the Chhatra League", "BCL: Bangladesh Chhatra League", "Political militia"),
    ("Koglweogo vigilantes", "Koglweogo Militia", "Political militia"),  # vigilantes, not an identity group
])
def test_named_groups_aliases_and_categories(text, name, inter):
    actor = known_actor(text)
    assert (actor.name, actor.inter) == (name, inter)


def test_party_wings_and_parties_have_kinds():
    assert known_actor("Chhatra League activists").kind == "party_wing"
    assert known_actor("Awami League supporters").kind == "party"


def test_generic_actors_from_the_parse(nlp):
    def resolve(text, role=""):
        return resolve_phrase(list(nlp(text)), role)

    assert resolve("Turkish troops").name == "Military Forces of Turkey"
    assert resolve("a number of villagers").kind == "civilian"  # the counted noun, not "number"
    assert resolve("an Ajuran ethnic militia").name == "Ajuran Ethnic Militia"
    assert resolve("dozens of youths", "riot").inter == "Rioters"


@pytest.mark.parametrize("name, country, qualified", [
    ("Protesters", "Kenya", "Protesters (Kenya)"),
    ("Military Forces", "Philippines", "Military Forces of the Philippines"),
    ("Unidentified Armed Group", "Benin", "Unidentified Armed Group (Benin)"),
    ("Borana Ethnic Militia", "Kenya", "Borana Ethnic Militia (Kenya)"),
    ("Islamic State", "Nigeria", "Islamic State (West Africa)"),
    ("Islamic State", "Egypt", "Islamic State (Egypt)"),
    ("Wagner Group", "Mali", "Wagner Group"),
])
def test_generic_names_take_the_event_country(name, country, qualified):
    assert qualify_name(name, country) == qualified


def test_state_forces_abroad_are_external():
    assert abroad("Military Forces of Russia", "UA")
    assert not abroad("Military Forces of the Democratic Republic of Congo", "CD")
    event = Event(event_type="Battles", sub_event_type="Government regains territory", actor1="Military Forces of Russia",
                  inter1="State forces", country="Ukraine", country_code="UA")
    qualify_actors([event])
    assert event.inter1 == "External/Other forces" and event.sub_event_type == "Non-state actor overtakes territory"


def test_weapons_name_nobody_and_short_country_codes_count(nlp):
    def resolve(text):
        return resolve_phrase(list(nlp(text)), "")

    assert resolve("heavy artillery") is None  # the codebook then names an unidentified group
    assert resolve("US military forces").name == "Military Forces of the United States"
    assert resolve("a team of police commandos").name == "Police Forces"
    assert resolve("unknown people").name == "Unidentified Armed Group"


def _subject(nlp, text, index=0):
    subjects = [t for t in nlp(text) if t.dep_ == "nsubj"]
    return resolve_phrase(list(subjects[index].subtree), "")


def test_parse_slips_still_find_the_actor(nlp):
    # "IS" read as a verb leaves the acronym outside the subject phrase
    assert _subject(nlp, "IS Sahel fighters raided a market near the river.").name == "Islamic State (Sahel)"
    # a unit's acronym the list lacks, after a force noun, is that force
    assert _subject(nlp, "On Monday, police DCI detained a trader in the town.").inter == "State forces"
    # "they" takes the plural subject of the sentence before
    text = "Suspected ISWAP fighters crossed the river near a town. They looted two shops."
    assert _subject(nlp, text, 1).name == "Islamic State (West Africa)"


@pytest.mark.parametrize("text, name, inter", [
    ("Turkish Gendarmerie units", "Military Forces of Turkey (2016-) Gendarmerie", "State forces"),
    ("DGCIM officials", "Military Forces of Venezuela (1999-) DGCIM: Directorate General of Military Counterintelligence",
     "State forces"),
    ("LDU personnel", "Military Forces of Uganda (1986-) Local Defense Unit", "State forces"),
    ("CMA combatants", "CMA: Coordination of Movements of the Azawad", "Rebel group"),
    ("Mai-Mai Yakutumba fighters", "CNPSC: National Coalition of the People for Congo's Sovereignty", "Political militia"),
    ("Dozo hunters", "Dozo Communal Militia", "Identity militia"),
    ("members of a criminal gang", "Unidentified Gang", "Political militia"),
])
def test_state_units_and_group_families(text, name, inter):
    actor = known_actor(text)
    assert (actor.name, actor.inter) == (name, inter)


def test_named_units_and_communal_militias_take_the_country():
    assert qualify_name("Dozo Communal Militia", "Ivory Coast") == "Dozo Communal Militia (Ivory Coast)"
    assert qualify_name("Pirates", "Nigeria") == "Pirates (Nigeria)"
    assert abroad("Police Forces of Turkey (2016-) National Intelligence Organization", "IQ")


def test_the_taliban_are_the_afghan_state_after_august_2021():
    after = Event(event_type="Battles", sub_event_type="Armed clash", actor1="Taliban", inter1="Rebel group",
                  actor2="Police Forces", inter2="State forces", country="Afghanistan", country_code="AF",
                  event_date="2023-06-04")
    qualify_actors([after])
    assert (after.actor1, after.inter1) == ("Military Forces of Afghanistan (2021-)", "State forces")
    assert after.actor2 == "Police Forces of Afghanistan (2021-)"
    before = Event(event_type="Battles", sub_event_type="Armed clash", actor1="Taliban", inter1="Rebel group",
                   country="Afghanistan", country_code="AF", event_date="2021-08-14")
    qualify_actors([before])
    assert (before.actor1, before.inter1) == ("Taliban", "Rebel group")
    assert known_actor("the Taliban police in Herat").name == "Police Forces of Afghanistan"


def test_a_group_that_is_the_state_on_the_day_arrests():
    detained = Event(event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance",
                     actor1="Taliban", inter1="Rebel group", actor2="Civilians", inter2="Civilians",
                     country="Afghanistan", country_code="AF", event_date="2022-11-20",
                     trigger=Span(text="detained", start=0, end=8))
    qualify_actors([detained])
    assert (detained.sub_event_type, detained.inter1) == ("Arrests", "State forces")


def test_a_country_s_assault_groups_are_its_military_forces(nlp):
    from eventatlas.events.actors import resolve_phrase

    doc = nlp("Russian assault groups attacked.")
    assert resolve_phrase(doc[0:3]).name == "Military Forces of Russia"
    assert resolve_phrase(nlp("Two assault groups attacked.")[0:3]) is None


def test_a_weapon_the_lists_lack_takes_its_owner_s_name(nlp):
    from eventatlas.events.actors import resolve_phrase

    doc = nlp("A junta fighter jet bombed the village.")
    assert resolve_phrase(doc[0:4]).name.startswith("Military Forces")
