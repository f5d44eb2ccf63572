"""Who fought whom when a clash is told through the clause that started it, who told it (a source
is no participant), and words of violence that report no event: a theft someone was suspected
of, a crowd come to claim a body, the fragments of a bomb that went off, one bomber "sent" by a
group, earlier attacks recalled; and a gang ACLED codes as a militia fighting the police."""

from eventatlas import extract


def _events(text: str, published: str = "2026-05-06"):
    return [e for e in extract(text, published).events if not e.background]


def test_a_clash_takes_its_sides_from_the_attack_that_started_it():
    events = _events("Clashes broke out on Tuesday near Kalehe when Wazalendo militiamen attacked positions held by the "
                     "M23.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].actor1 == "Mai-Mai Militia" and (events[0].actor2 or "").startswith("M23")


def test_residents_who_told_of_a_clash_did_not_fight_it():
    events = _events("Clashes broke out on Tuesday near Kalehe when Wazalendo militiamen attacked positions held by the "
                     "M23, and continued into Wednesday, according to two residents and a local official.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_two_unnamed_groups_can_be_the_two_sides():
    events = _events("A militia spokesman said his fighters had killed 12 rebels in the hills near Kalehe on Sunday.")
    assert events and events[0].sub_event_type == "Armed clash"


def test_a_theft_someone_was_detained_on_suspicion_of_is_no_event():
    assert _events("The young man was detained on Sunday night on suspicion of stealing a phone and died in a cell "
                   "in Janakpur the next day.") == []


def test_relatives_gathered_to_claim_a_body_hold_no_protest():
    assert not any(e.event_type == "Protests" for e in _events(
        "Relatives of the driver gathered outside the morgue in Celaya on Monday to claim his body."))


def test_fragments_of_a_bomb_that_went_off_are_no_disrupted_weapons_use():
    assert not any(e.sub_event_type == "Disrupted weapons use" for e in _events(
        "Bomb disposal officers collected fragments of the device in Yala on Monday, police said."))


def test_one_bomber_sent_by_a_group_is_no_movement_of_forces():
    assert not any(e.sub_event_type == "Change to group/activity" for e in _events(
        "The army said the bomber had been sent by a Taliban faction from across the border."))


def test_earlier_attacks_recalled_are_background():
    result = extract("Mourners gathered at the cemetery in Nikopol on Tuesday, where rows of graves mark earlier attacks.",
                     "2026-07-22")
    assert not any(e.event_type == "Violence against civilians" and not e.background for e in result.events)


def test_a_police_operation_against_a_gang_acled_codes_is_a_battle():
    events = _events("Six suspected gang members and a police officer were killed on Tuesday in a police operation "
                     "against the Comando Vermelho in Rio de Janeiro.", "2026-10-14")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert (events[0].actor1 or "").startswith("Police Forces")
