"""What an article tells besides its events: forces sent in answer to an attack, a curfew, a
country-wide count of drones shot down, a fight that has gone on for months, fighting given as
the cause of something else, a clause dated years back, a right to protest, a vigil planned."""

from eventatlas import extract
from tests.document.helpers import kept as _kept


def test_forces_sent_after_an_abduction_are_its_response_not_a_movement_of_forces():
    text = ("Gunmen abducted 14 worshippers from a church in a village near Birnin Gwari in Nigeria's Kaduna state on "
            "Sunday, residents said.\n\nA police spokesman confirmed the kidnapping and said officers and vigilantes "
            "had been deployed to the forests around the village to find the captives.")
    kept = _kept(extract(text, published="2026-03-02"))
    assert [e.sub_event_type for e in kept] == ["Abduction/forced disappearance"]
    assert any("deployed" in span.text for span in kept[0].evidence)


def test_a_curfew_after_a_drone_strike_is_part_of_the_strike_story():
    text = ("A drone struck a market in the Sudanese city of Kosti on Tuesday, killing six traders, witnesses said.\n\n"
            "The state governor imposed a night-time curfew on the city and said more troops had been sent to guard "
            "its entrances.")
    kept = _kept(extract(text, published="2026-02-04"))
    assert [e.sub_event_type for e in kept] == ["Air/drone strike"]


def test_troops_moving_in_another_region_stay_a_movement_of_their_own():
    text = ("A drone struck a market in the Sudanese city of Kosti on Tuesday, killing six traders, witnesses said.\n\n"
            "Separately, the army said on Tuesday it had deployed two brigades to the town of Kassala in the east.")
    kept = _kept(extract(text, published="2026-02-04"))
    assert "Change to group/activity" in [e.sub_event_type for e in kept]


def test_a_night_count_of_drones_over_the_whole_country_is_no_event_but_a_city_strike_is():
    text = ("A Russian drone hit a block of flats in Ukraine's southern city of Kherson on Thursday night, wounding "
            "three people, the regional governor said.\n\nThe air force said Russia had launched 112 drones and three "
            "missiles at the country overnight and that 90 of the drones had been shot down or jammed.")
    result = extract(text, published="2026-03-06")
    assert [e.location for e in _kept(result)] == ["Kherson"]
    assert "NATIONAL_TALLY" in [n.category for n in result.non_events]


def test_a_fight_that_has_gone_on_for_months_sums_up_a_period():
    text = ("Shelling killed four people in a camp outside the Sudanese city of Dilling on Sunday, aid workers said.\n\n"
            "The army and the paramilitaries have fought for months over the roads into South Kordofan.")
    kept = _kept(extract(text, published="2026-02-10"))
    assert [e.sub_event_type for e in kept] == ["Shelling/artillery/missile attack"]


def test_bare_fighting_given_as_a_cause_is_no_event():
    text = ("Shelling killed four people in a camp outside the Sudanese city of Dilling on Sunday, aid workers said.\n\n"
            "Aid lorries bound for the nearby town of Kadugli have been stuck for weeks because of fighting.")
    kept = _kept(extract(text, published="2026-02-10"))
    assert [e.sub_event_type for e in kept] == ["Shelling/artillery/missile attack"]


def test_a_clause_dated_years_back_is_recalled_with_its_conjunct():
    text = ("Nine years after the siege, traders are back in the old market of Mosul. Its new stalls stand on streets "
            "where, nine years ago, Iraqi troops fought Islamic State militants house by house, and where air strikes "
            "flattened whole blocks.")
    assert not _kept(extract(text, published="2026-05-01"))


def test_a_right_to_protest_and_a_vigil_planned_are_not_gatherings():
    text = ("Police fired tear gas at striking nurses who blocked a road in the Kenyan city of Kisumu on Monday.\n\n"
            "The county governor said on Monday evening that the right to protest was guaranteed. A candlelight vigil "
            "for the nurses was planned for Tuesday evening outside the county hospital.")
    kept = _kept(extract(text, published="2026-06-09"))
    assert [e.event_type for e in kept] == ["Protests"]
    assert len(kept) == 1


def test_fighting_that_has_continued_despite_a_deal_sums_up_a_period():
    text = ("Several thousand people marched through Brussels on Sunday to denounce the war in eastern Congo, "
            "police said.\n\nFighting has continued despite a ceasefire signed between Kinshasa and Kigali.")
    kept = _kept(extract(text, published="2026-05-18"))
    assert [e.sub_event_type for e in kept] == ["Peaceful protest"]


def test_a_device_like_those_of_earlier_attacks_recalls_them_without_a_new_event():
    text = ("Soldiers defused a roadside bomb near the town of Datu Saudi Ampatuan on Wednesday, the army said.\n\n"
            "A spokesman said the device was similar to those used in earlier attacks on troops in the province.")
    kept = _kept(extract(text, published="2026-05-21"))
    assert [e.sub_event_type for e in kept] == ["Disrupted weapons use"]


def test_a_march_the_news_comes_days_before_is_still_to_come():
    text = ("A court in Athens jailed two men on Thursday for an arson attack on a bank in 2024.\n\nThe verdict "
            "comes days before the annual march on Tuesday marking the anniversary of the student uprising.")
    assert not _kept(extract(text, published="2026-05-21"))


def test_a_sentence_opening_on_a_neighbouring_city_tells_an_event_of_its_own():
    text = ("Police fired tear gas at hundreds of protesters in Islamabad on Monday, witnesses said.\n\nIn Rawalpindi, "
            "the city next to Islamabad, protesters burned tyres and threw stones at police officers.")
    kept = _kept(extract(text, published="2026-05-19"))
    assert len(kept) == 2


def test_no_group_claiming_the_kidnapping_is_no_second_kidnapping():
    text = ("Gunmen kidnapped five traders on the road near the town of Mora in northern Cameroon on Monday, "
            "police said.\n\nNo group has claimed the kidnapping.")
    kept = _kept(extract(text, published="2026-05-13"))
    assert [e.sub_event_type for e in kept] == ["Abduction/forced disappearance"]


def test_a_spokesman_denying_his_men_looted_codes_no_looting():
    text = ("Rebels seized the town of Ndele in the Central African Republic on Saturday, officials said.\n\nA "
            "spokesman for the group denied that its fighters had looted the market.")
    kept = _kept(extract(text, published="2026-05-18"))
    assert "Looting/property destruction" not in [e.sub_event_type for e in kept]
    assert "Mob violence" not in [e.sub_event_type for e in kept]


def test_a_mob_killing_after_a_kidnapping_rumour_is_one_event_at_the_village():
    text = ("A mob beat a man to death in northern Bangladesh after a rumour spread that he was a child "
            "kidnapper, police said on Thursday.\n\nThe man was attacked by a crowd of villagers in the Raozan "
            "area of Chattogram district on Wednesday, police said. Videos of the attack circulated online with "
            "false claims that a gang of kidnappers was operating in the area.")
    kept = _kept(extract(text, published="2026-05-21"))
    assert [(e.sub_event_type, e.admin1) for e in kept] == [("Mob violence", "Chattogram")]


def test_residents_fleeing_an_attack_are_its_consequence():
    text = ("Gunmen attacked worshippers at a church in the village of Tawalbougou in eastern Burkina Faso on "
            "Sunday, killing 11 people, a local official said.\n\nDozens of families fled to the town of Fada "
            "N'Gourma after the attack, the diocese said.")
    kept = _kept(extract(text, published="2026-05-19"))
    assert [e.sub_event_type for e in kept] == ["Attack"]


def test_the_latest_in_a_string_of_abductions_is_no_trigger_of_its_own():
    text = ("Armed men kidnapped a parish priest in Colombia's Narino province, church officials said on Friday, "
            "the latest in a string of abductions in the region.\n\nThe priest was seized on Thursday on a rural "
            "road outside the town of Tumaco, the diocese said.")
    kept = _kept(extract(text, published="2026-05-22"))
    assert [(e.sub_event_type, e.event_date) for e in kept] == [("Abduction/forced disappearance", "2026-05-21")]
