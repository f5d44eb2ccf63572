"""Reading a wire story paragraph by paragraph: a later development is its own event, a looting
or a seizure told with a clash is the clash, one change of control told twice is one event, the
same day's arrests at a protest are the protest, and a rally told after a paragraph about
another country stays where the story is."""

from eventatlas import extract
from tests.document.helpers import kept as _kept


def test_a_later_gunfight_with_more_dead_is_an_event_of_its_own():
    text = ("Militants attacked a police post in Bannu district in Pakistan's Khyber Pakhtunkhwa province late on "
            "Tuesday, killing five policemen, officials said.\n\nSecurity forces later launched a search operation "
            "in the area and killed three more militants in a gunfight on Wednesday morning, the army said.")
    kept = _kept(extract(text, published="2026-07-08"))
    assert sorted(e.event_date for e in kept if e.sub_event_type == "Armed clash") == ["2026-07-07", "2026-07-08"]


def test_weapons_seized_in_a_clash_are_part_of_the_clash():
    text = ("Soldiers clashed with armed men in the Mexican town of Navolato on Sunday, killing two suspected cartel "
            "members and seizing rifles and a vehicle, the Defence Ministry said.")
    assert [e.sub_event_type for e in _kept(extract(text, published="2026-08-10"))] == ["Armed clash"]


def test_a_town_entered_and_taken_is_one_change_of_control():
    text = ("Fighters of the M23 rebel group took control of the town of Rutshuru in North Kivu province on "
            "Wednesday after two days of fighting with the army, residents said.\n\nThe rebels entered Rutshuru on "
            "Wednesday morning after Congolese soldiers withdrew towards the west.")
    kept = _kept(extract(text, published="2026-03-12"))
    assert [e.sub_event_type for e in kept] == ["Non-state actor overtakes territory"]


def test_arrests_at_a_campus_told_with_the_clearing_are_the_protest():
    text = ("State troopers arrested 47 people on Thursday as they cleared a pro-Palestinian encampment on the campus "
            "of the University of Texas at Austin, officials said.")
    assert [e.sub_event_type for e in _kept(extract(text, published="2026-04-23"))] == ["Protest with intervention"]


def test_a_rally_after_a_paragraph_naming_another_country_stays_where_the_story_is():
    text = ("Police arrested 47 people on Thursday as they cleared a protest encampment on the campus of the "
            "University of Texas at Austin.\n\nThe encampment had been set up on Monday by students demanding that "
            "the university divest from companies that supply weapons to Israel.\n\nHundreds of students rallied "
            "outside the university's main building later on Thursday to protest the arrests.")
    kept = _kept(extract(text, published="2026-04-23"))
    assert kept and all(e.country_code == "US" for e in kept)


def test_an_organisation_s_building_is_not_a_town_named_like_it():
    text = ("Police used water cannon on farmers who set fire to hay bales near the Council building in Brussels on "
            "Thursday.")
    kept = _kept(extract(text, published="2026-02-26"))
    assert kept and all(e.country_code == "BE" for e in kept)


def test_farmers_pelting_police_with_eggs_riot():
    text = ("Hundreds of farmers drove tractors into the centre of Brussels on Thursday, blocking streets and pelting "
            "police with eggs and potatoes.")
    assert [e.sub_event_type for e in _kept(extract(text, published="2026-02-26"))] == ["Violent demonstration"]


def test_a_sentence_for_an_arson_attack_is_the_attack_tried():
    text = ("A Dutch court on Thursday sentenced a 34-year-old man to eight years in prison for setting fire to a "
            "mosque in the town of Enschede in November 2024.")
    assert not _kept(extract(text, published="2026-09-17"))


def test_what_television_images_showed_is_no_second_event():
    text = ("Riot police used tear gas on Tuesday to clear hundreds of farmers who had blocked the highway near the "
            "Peruvian city of Juliaca, demanding state support.\n\nTelevision images showed officers pushing through "
            "lines of stones and burning tyres as farmers ran into nearby fields.")
    kept = _kept(extract(text, published="2025-02-19"))
    assert [e.sub_event_type for e in kept] == ["Protest with intervention"]


def test_armies_that_have_clashed_several_times_sum_up_a_border():
    text = ("The report did not cover the border with Pakistan, where the armies of the two countries have clashed "
            "several times near Spin Boldak.")
    assert not _kept(extract(text, published="2026-02-24"))


def test_a_former_officer_shot_at_home_is_a_civilian():
    text = ("Unidentified gunmen shot dead a former army officer outside his home in the town of Jasim in Syria's "
            "Daraa province on Monday.")
    kept = _kept(extract(text, published="2025-08-27"))
    assert [(e.sub_event_type, e.inter2) for e in kept] == [("Attack", "Civilians")]


def test_what_a_group_rarely_says_is_a_habit():
    text = "The BRN rarely says it has carried out specific attacks in Narathiwat province."
    assert not _kept(extract(text, published="2026-03-10"))


def test_a_protester_shot_in_the_next_sentence_is_the_toll_of_the_protest():
    text = ("Kenyan police fired tear gas and live bullets at thousands of protesters in central Nairobi on Thursday, "
            "killing one man.\n\nThe man was shot in the chest near Parliament Road, a rights group said.")
    kept = _kept(extract(text, published="2026-06-26"))
    assert [e.sub_event_type for e in kept] == ["Excessive force against protesters"]


def test_a_crowd_dispersed_in_another_town_does_not_change_the_march_before():
    text = ("Protesters marched through the streets of Mombasa on Thursday, carrying placards against the tax bill.\n\n"
            "In Nakuru, protesters set fire to a county government vehicle before police dispersed them.")
    kept = {e.location: e.sub_event_type for e in _kept(extract(text, published="2026-06-26"))}
    assert kept.get("Mombasa") == "Peaceful protest" and kept.get("Nakuru") == "Violent demonstration"


def test_a_count_of_arrests_across_the_country_is_no_event():
    text = ("Protesters marched through the streets of Mombasa on Thursday, carrying placards against the tax bill.\n\n"
            "The interior minister said on Thursday evening that 35 people had been arrested across the country.")
    result = extract(text, published="2026-06-26")
    assert [e.sub_event_type for e in _kept(result)] == ["Peaceful protest"]
    assert "COUNTRY_COUNT" in [n.category for n in result.non_events]


def test_a_jet_s_bombs_reported_by_a_rebel_group_are_the_army_s():
    text = ("A fighter jet dropped two bombs on a village in Ye-U township in Myanmar's Sagaing region on Tuesday "
            "afternoon, a member of the local People's Defence Force said by phone.")
    kept = _kept(extract(text, published="2026-09-09"))
    assert [(e.sub_event_type, e.actor1) for e in kept] != [] and all("People's" not in (e.actor1 or "") for e in kept)


def test_a_cleared_blockade_makes_the_blockade_a_protest_with_intervention():
    text = ("Hundreds of villagers blocked the national highway at Jiribam town in India's Manipur state on Tuesday to "
            "demand the arrest of a farmer's killers.\n\nSecurity forces cleared the blockade in the evening.")
    kept = _kept(extract(text, published="2026-06-03"))
    assert [e.sub_event_type for e in kept] == ["Protest with intervention"]


def test_houses_burned_then_told_as_an_attack_on_people_are_an_attack():
    text = ("Suspected militants set fire to at least 15 houses in a village in Manipur's Jiribam district on Tuesday "
            "night, police said.\n\nThe attack began at about 11 p.m. when armed men fired at homes from a nearby hill "
            "before setting them alight.")
    kept = _kept(extract(text, published="2026-06-03"))
    assert [e.sub_event_type for e in kept] == ["Attack"]


def test_an_attack_with_explosive_drones_is_a_drone_strike_by_the_group():
    text = ("Fighters of the National Liberation Army (ELN) attacked an army base in Colombia's Catatumbo region with "
            "explosive-laden drones on Tuesday, killing two soldiers.\n\nThe drones dropped explosives on the base in "
            "the municipality of Tibu, in Norte de Santander province, shortly after dawn, the army said.")
    kept = _kept(extract(text, published="2026-10-21"))
    assert [(e.sub_event_type, e.country_code, e.location) for e in kept] == [("Air/drone strike", "CO", "Tibu")]


def test_tanks_of_a_country_are_its_army():
    text = "Israeli tanks shelled the eastern outskirts of Gaza City on Tuesday, wounding five people, residents said."
    kept = _kept(extract(text, published="2026-10-06"))
    assert [e.actor1 for e in kept] == ["Military Forces of Israel"]


def test_a_bus_burned_after_the_killings_is_the_attack_s_aftermath():
    text = ("Suspected jihadists stopped a passenger bus on the road between Mopti and Bandiagara in central Mali on "
            "Monday and shot dead nine passengers.\n\nThe bus was set on fire after the killings, a transport union "
            "official said.")
    assert [e.sub_event_type for e in _kept(extract(text, published="2026-11-11"))] == ["Attack"]


def test_what_the_army_said_on_tuesday_it_struck_on_monday_is_dated_monday():
    text = ("The Malian army said on Tuesday that its drones had struck a group of fighters near Bandiagara in central "
            "Mali on Monday evening.")
    assert [e.event_date for e in _kept(extract(text, published="2026-11-11"))] == ["2026-11-09"]


def test_towns_named_after_the_towns_of_are_places_whatever_their_label():
    text = ("An Israeli drone struck a car on the road between the southern Lebanese towns of Bint Jbeil and Aynata "
            "on Tuesday, killing two people.")
    kept = _kept(extract(text, published="2026-11-25"))
    assert [e.location for e in kept] != ["Lebanon"] and all(e.geo_precision in (1, 2) for e in kept)


def test_an_army_post_attacked_by_men_on_motorcycles_is_the_attack_just_told():
    text = ("Jihadist fighters attacked a Beninese army post near the town of Karimama in the far north of Benin on "
            "Tuesday, killing at least nine soldiers in a gun battle.\n\nThe post, about 20 km west of Karimama, was "
            "attacked by dozens of men on motorcycles shortly after 4 p.m. The attackers opened fire with machine guns "
            "before trying to overrun the position.")
    assert [e.sub_event_type for e in _kept(extract(text, published="2026-02-05"))] == ["Armed clash"]


def test_a_claim_of_responsibility_tells_of_the_attack_not_of_a_seizure():
    text = ("Jihadist fighters attacked a Beninese army post near Karimama in northern Benin on Tuesday, killing nine "
            "soldiers.\n\nJNIM claimed responsibility on Wednesday, saying its fighters had killed 17 soldiers and "
            "seized weapons and a vehicle.")
    assert [e.sub_event_type for e in _kept(extract(text, published="2026-02-05"))] == ["Armed clash"]


def test_a_name_pinned_by_the_title_s_country_is_that_place_in_the_body():
    from eventatlas.models import Document
    from eventatlas.pipeline import default_pipeline

    document = Document(title="Soldier and wanted man killed in army raid in Lebanon's Tripoli", published="2026-05-14",
                        text="A soldier and a wanted man were killed in an exchange of fire during an army raid in the "
                             "northern city of Tripoli on Wednesday, the army said.")
    events = [e for e in default_pipeline().process(document).events if not e.background]
    assert events and all(e.country_code == "LB" for e in events)


def test_a_military_exercise_story_codes_no_strike():
    text = ("Russian-led bloc rehearses repelling militant incursion\n\nTroops from Russia and Tajikistan on Wednesday "
            "completed a week-long military exercise in southern Tajikistan.\n\nHelicopters fired rockets at hillside "
            "targets and artillery pounded positions marked with smoke.")
    assert not _kept(extract(text, published="2026-09-24"))


def test_a_court_finding_tells_the_shooting_tried():
    text = ("A court in La Paz on Wednesday sentenced two former army officers over the killing of ten protesters in "
            "2019.\n\nThe court found that troops under the officers' command opened fire with live ammunition on "
            "protesters who had blockaded a fuel plant, killing ten men.")
    assert not _kept(extract(text, published="2026-04-16"))


def test_those_detained_and_released_are_no_new_arrests():
    text = ("Police fired tear gas to disperse hundreds of people protesting against pollution in the Tunisian city of "
            "Gabes on Tuesday and detained 17.\n\nThe ministry said nine of those detained had been released on "
            "Wednesday evening.")
    assert [e.sub_event_type for e in _kept(extract(text, published="2026-01-22"))] == ["Protest with intervention"]


def test_a_roundup_lede_tells_one_event_per_clause_and_day():
    text = ("Gunmen shot dead three people at a drinking spot in the northern Ghanaian town of Bawku on Friday, "
            "soldiers killed two armed men in a shootout at Pusiga on Sunday, police said on Tuesday.")
    kept = _kept(extract(text, published="2025-11-18"))
    assert sorted(e.event_date for e in kept) == ["2025-11-14", "2025-11-16"]
