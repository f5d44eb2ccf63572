"""Codebook rules for who a one-sided beating hits, what a raid's recovered weapons and its
suspects' surrender are, what a fight that freed captives is; and the sentence-level readings
that go with them: a protest's own day beats an anniversary in an adverbial clause, a device
defused hours earlier in another sentence is no re-mention."""

from eventatlas import extract


def _events(text: str, published: str = "2026-05-20"):
    return extract(text, published=published).events


def test_party_members_beaten_by_a_militia_are_civilians_attacked():
    (event,) = _events("Members of the Imbonerakure militia beat three CNL activists in Muyinga province on "
                       "Saturday night, the party said.")
    assert (event.sub_event_type, event.inter2) == ("Attack", "Civilians")


def test_troops_freeing_captives_in_a_gunfight_fought_a_battle():
    (event,) = _events("Troops killed six bandits and rescued three kidnapped farmers in a gunfight near Shiroro "
                       "in Niger state on Sunday, the army said.")
    assert event.sub_event_type == "Armed clash"
    assert event.inter2 != "Civilians"


def test_weapons_recovered_in_a_search_were_not_fired():
    events = _events("Soldiers searched a farmhouse outside Marawi on Monday. Three rifles, a grenade launcher and "
                     "blasting caps were recovered, the army said.")
    assert "Shelling/artillery/missile attack" not in [e.sub_event_type for e in events]


def test_suspects_who_surrender_to_troops_hand_over_no_territory():
    events = _events("Police arrested two suspected kidnappers in Ozamiz on Tuesday. The suspects surrendered "
                     "without a fight when officers surrounded their house in a village of the city.")
    assert "Non-violent transfer of territory" not in [e.sub_event_type for e in events]


def test_an_anniversary_named_in_an_adverbial_clause_does_not_date_the_protest():
    (event,) = _events("Police fired tear gas at hundreds of protesters in central Lusaka on Monday, as "
                       "demonstrators marked the anniversary of the 1991 elections.", published="2026-05-19")
    assert not event.background and event.event_date == "2026-05-18"


def test_a_device_defused_hours_earlier_is_a_second_event():
    events = _events("Soldiers defused a roadside bomb near Cotabato City on Wednesday morning. Hours earlier, on "
                     "Tuesday night, army engineers defused another device planted near a bridge in Pikit.")
    assert len([e for e in events if e.sub_event_type == "Disrupted weapons use"]) == 2


def test_shells_fired_from_a_neighbour_are_its_forces_fire():
    (event,) = _events("Mortar shells fired from Armenia hit houses in the Azerbaijani village of Alibeyli on "
                       "Tuesday, the defence ministry in Baku said.", published="2026-05-20")
    assert event.actor1 == "Military Forces of Armenia"


def test_a_prison_stormed_by_gunmen_is_a_fight_not_a_town_taken():
    (event,) = _events("Gunmen stormed the central prison in the Nigerien town of Koutoukale on Sunday and "
                       "exchanged fire with the guards for an hour.", published="2026-05-19")
    assert event.event_type == "Battles" and event.sub_event_type == "Armed clash"


def test_a_withdrawal_an_agreement_provides_for_has_not_happened():
    events = _events("Elders brokered a ceasefire between the two armed groups in Gharyan on Sunday. Both sides "
                     "signed the agreement, under which the gunmen are to withdraw from the area around the "
                     "airport within a week.", published="2026-05-19")
    assert "Non-violent transfer of territory" not in [e.sub_event_type for e in events]


def test_civilians_killed_by_stray_shells_are_the_toll_of_the_fighting():
    events = _events("The army and Fano fighters clashed in the town of Debre Markos on Sunday. At least six "
                     "civilians were killed by stray bullets and shells, a doctor said.", published="2026-05-19")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_fighting_between_two_militias_that_killed_people_is_a_battle():
    (event,) = _events("Fighting between two rival militias near the town of Djugu killed at least nine people on "
                       "Tuesday, local officials said.", published="2026-05-20")
    assert event.sub_event_type == "Armed clash"


def test_people_seized_on_a_road_were_abducted():
    (event,) = _events("Three engineers were seized on Friday when armed men stopped their car on a road outside "
                       "the town of Saravena.", published="2026-05-18")
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_people_who_gathered_to_receive_aid_did_not_protest():
    events = _events("Several hundred people gathered at the village school on Saturday to receive rice and "
                     "cooking oil from a charity.", published="2026-05-18")
    assert not [e for e in events if e.event_type == "Protests"]


def test_a_statement_day_written_before_the_reported_clause_is_the_statement_s():
    (event,) = _events("The army said on Wednesday it recaptured the town of Kobo from Fano fighters.",
                       published="2026-05-21")
    assert event.time_precision == 2


def test_fighting_on_several_front_lines_does_not_retype_the_strike_it_frames():
    (event,) = _events("A drone strike on a car killed a tribal commander in Yemen's Marib province on Sunday, "
                       "officials said, as fighting flared on several front lines.", published="2026-07-07")
    assert event.sub_event_type == "Air/drone strike"


def test_fighters_breaking_into_warehouses_loot_them():
    events = _events("Rebel fighters broke into the warehouses of an aid agency in the town of Paoua on Sunday and "
                     "carried off sacks of rice.", published="2026-07-07")
    assert "Looting/property destruction" in [e.sub_event_type for e in events]


def test_convoys_attacked_repeatedly_sums_up_a_period():
    events = _events("Convoys on the roads into Djibo have been attacked repeatedly, officials said.",
                     published="2026-07-07")
    assert not [e for e in events if not e.background]


def test_cattle_killed_with_the_herders_are_no_attack_of_their_own():
    events = _events("A landmine killed three herders near Nimule on Sunday, officials said. Several cows were also "
                     "killed.", published="2026-06-09")
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]
