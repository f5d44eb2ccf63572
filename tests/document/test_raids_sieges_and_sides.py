"""One operation told in several sentences: a suicide bombing that opened an assault and the gun
battle that ended it, the arrests and the weapons seized in one raid, the army's account of a
battle that the report gave to insurgents, a claim that names the attackers; and what stays
apart: a device defused the evening before, in another town."""

from eventatlas import extract
from tests.document.helpers import kept as _kept


def test_a_suicide_bombing_that_opens_an_assault_is_one_event_with_the_named_attackers():
    text = ("Al-Shabaab gunmen stormed a guesthouse used by district officials in the Somali town of Jowhar on "
            "Thursday evening, leaving at least nine people dead, police said.\n\nA suicide bomber detonated an "
            "explosives-laden minibus at the guesthouse gate before the gunmen ran inside, a police officer said. "
            "Soldiers killed the three attackers after a gunfight that lasted until midnight.")
    kept = _kept(extract(text, published="2026-04-10"))
    assert [e.sub_event_type for e in kept] == ["Suicide bomb"]
    assert "Shabaab" in (kept[0].actor1 or "")
    assert kept[0].location in ("Jowhar", "Jawhar") and kept[0].fatalities == 9


def test_weapons_recovered_in_a_raid_are_part_of_its_arrests():
    text = ("Indonesian counter-terrorism police arrested four suspected members of Jemaah Islamiyah in a raid on a "
            "house in the town of Sukoharjo in Central Java on Monday, a police spokesman said.\n\nTwo pistols, "
            "ammunition and pipe bombs were recovered from the house, he said.")
    kept = _kept(extract(text, published="2026-05-12"))
    assert [e.sub_event_type for e in kept] == ["Arrests"]


def test_a_device_defused_the_evening_before_in_another_town_stays_an_event_of_its_own():
    text = ("Indonesian counter-terrorism police arrested four suspected militants and seized pipe bombs in a raid "
            "in the town of Sukoharjo in Central Java on Monday, a police spokesman said.\n\nHours earlier, on "
            "Sunday evening, a bomb squad defused a pipe bomb left outside a church in Klaten, about 20 km away.")
    kept = _kept(extract(text, published="2026-05-12"))
    assert sorted(e.location for e in kept) == ["Klaten", "Sukoharjo"]


def test_the_armys_account_of_a_battle_it_fought_is_no_second_battle():
    text = ("Islamist insurgents attacked an army base outside the town of Macomia in Mozambique's Cabo Delgado "
            "province on Friday night, setting off a gun battle with Mozambican and Rwandan soldiers, residents said."
            "\n\nThe Islamic State group claimed the attack on Saturday.\n\nMozambique's defence ministry said in a "
            "statement that the terrorists had been repelled and the situation in Macomia was calm.")
    kept = _kept(extract(text, published="2026-05-11"))
    assert [e.sub_event_type for e in kept] == ["Armed clash"]
    assert (kept[0].actor1 or "").startswith("Islamic State")


def test_a_claim_names_the_unnamed_attackers_of_a_town_taken():
    text = ("Jihadist fighters seized the town of Boulkessi in Burkina Faso's Boucle du Mouhoun region on Monday after "
            "overrunning an army post there, security sources said.\n\nFighting lasted several hours before the "
            "remaining soldiers withdrew towards the south.\n\nJNIM claimed the attack in a statement on Tuesday.")
    kept = _kept(extract(text, published="2026-05-13"))
    assert [e.sub_event_type for e in kept] == ["Non-state actor overtakes territory"]
    assert (kept[0].actor1 or "").startswith("JNIM")


def test_a_convoy_ambushed_in_a_country_is_placed_near_the_town_it_was_bound_for():
    text = ("Jihadist fighters ambushed a military supply convoy in northern Burkina Faso on Tuesday, killing at "
            "least 15 soldiers, security sources said.\n\nThe convoy, which was carrying food to the besieged "
            "town of Arbinda, was attacked about 20 km from the town.")
    kept = _kept(extract(text, published="2026-05-14"))
    assert [e.location for e in kept] in (["Arbinda"], ["Aribinda"])


def test_a_group_claiming_the_attack_days_later_names_the_ambushers():
    text = ("Gunmen ambushed an army patrol near the town of Tenenkou in central Mali on Monday, killing six "
            "soldiers, the army said.\n\nJNIM claimed the attack in a statement released on Wednesday.")
    kept = _kept(extract(text, published="2026-05-14"))
    assert len(kept) == 1 and (kept[0].actor1 or "").startswith("JNIM")
