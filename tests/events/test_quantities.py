import pytest

from eventatlas.events.quantities import crowd_size, fatalities


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At least 5 people were killed, some say 12.", 5),
        ("A roadside bomb killed 14 soldiers and wounded 20 others.", 14),
        ("The death toll rose to 31 on Tuesday.", 31),
        ("Two policemen were killed and five injured.", 2),
        ("A journalist was shot dead outside his home.", 1),
        ("Twelve people were injured in the blast.", 0),
        ("Dozens rallied in the capital.", 0),
    ],
)
def test_fatalities_take_the_lowest_reported_figure(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize(
    "text, raw, estimate",
    [
        ("Dozens rallied in the capital on Monday.", "dozens", 12),
        ("Thousands of people marched through the city.", "thousands", 1000),
        ("About 300 protesters gathered outside parliament.", "about 300", 300),
        ("Tens of thousands of demonstrators filled the square.", "tens of thousands", 10000),
        ("Hundreds of students staged a sit-in.", "hundreds", 100),
        ("Police dispersed the rally.", None, None),
    ],
)
def test_crowd_sizes(text, raw, estimate):
    assert crowd_size(text) == (raw, estimate)


@pytest.mark.parametrize("text, expected", [
    ("Two gendarmes and four assailants were killed, and a third gendarme was hurt.", 6),  # groups are summed
    ("9 fighters including two commanders were killed.", 9),  # "including" is part of the total
    ("2 soldiers were injured and 3 people were killed.", 3),
    ("Gunmen raided a hamlet. Fatalities coded as 0 (a radio station reported 3).", 0),  # the coder's remark
    ("Unknown reported fatalities coded as 10.", 10),
    ("The death toll rose to twelve on Monday.", 12),
    ("The blast left 7 dead.", 7),
])
def test_fatalities_from_the_whole_report(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Villagers seized a cattle thief and stoned him to death.", 1),  # one victim, no number
    ("Soldiers opened fire on a herd, killing 4 cows.", 0),  # animals are no fatalities
    ("Residents clubbed a goat thief to death in the market.", 1),  # "goat thief" is a person
    ("Police arrested a man accused of killing two traders.", 0),  # an earlier killing, alleged
    ("Officers shot a robber, who later died in hospital.", 1),
    ("Gunmen wounded 5 people; 5 injuries and no fatalities were reported.", 0),
    ("The rebels kidnapped and executed the village chief.", 1),
    ("The clash led to the death of three herders.", 3),
    ("The platoon's sergeant was killed in the ambush.", 1),
    ("A crowd stoned two suspected thieves to death.", 2),
    ("Two herders were beaten to death.", 2),
])
def test_fatalities_count_only_deaths_of_people_in_the_event(text, expected):
    assert fatalities(text) == expected
