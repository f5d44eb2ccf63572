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
        ("Officials said 46 people, mostly women and children, were killed.", 46),
        ("It was not immediately clear how many people were killed.", 0),
        ("A crowd beat a man accused of theft; he died on the way to hospital.", 1),
        ("One student, who stood in front of the police, was shot and died.", 1),
        ("He died of natural causes.", 0),
        ("After the gunfight, the bodies of 5 rebels were recovered with their rifles.", 5),
        ("Two gunmen were killed in the exchange; a policeman also lost his life.", 3),
        ("Six villagers, three of them women, were killed in the raid.", 6),
        ("A bomber blew up his car at the gate, killing 3 guards and himself.", 4),
        ("Villagers caught two men they took for cattle thieves and beat them to death.", 2),
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


@pytest.mark.parametrize("text, expected", [
    ("The raid killed 2 guards and 7 gunmen.", 9),  # a list after the killing verb is summed
    ("Shelling hit the camp, killing 3 pupils and their teacher.", 4),  # a person without a figure counts one
    ("Four herders and a trader were killed on the track.", 5),
    ("The ambush killed five troops and wounded 12 others.", 5),  # the wounded are no list item
    ("The blast killed 3 traders and 20 goats.", 3),  # animals do not join the list
])
def test_fatalities_sum_lists_of_victims(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("12 worshippers, the attacker among them, died in the blast.", 12),  # an aside inside the count
    ("Troops said 23 insurgents were neutralized in the sweep.", 23),  # the Sahel armies' word for killed
    ("The assault killed 4 guards; one attacker also died.", 5),  # a figure told as coming on top
    ("Gunmen on motorbikes shot 7 miners to death at the site.", 7),
])
def test_fatalities_in_coder_phrasings(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The strike killed a boy and his three sisters.", 4),  # one person without a figure, then a count
    ("Artillery fire killed a farmer and his wife.", 2),
    ("A crowd beat to death three men accused of theft.", 3),  # the toll after 'to death'
    ("The ambush killed a total of 11 soldiers.", 11),
    ("Soldiers killed a herder and wounded 4 others.", 1),  # the wounded are no victims of the list
])
def test_fatalities_of_a_person_and_relatives_and_reversed_orders(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("A firefight broke out and 3 rebels were killed and a soldier was wounded.", 3),  # "A firefight" is no victim
    ("20 fighters including a commander and two aides were killed.", 20),  # a list inside the total
])
def test_fatalities_lists_only_of_victims(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Gunmen killed the imam and his son.", 2),  # "the" person counts one
    ("Raiders killed the three herders and their guide.", 4),  # not one more for "the three"
    ("Four were killed at the scene and 2 others died later in hospital.", 6),  # "others" adds to the toll
    ("At least 9 were killed. More than 20 were killed, a rival outlet said.", 9),  # "more than" is a hedge
])
def test_fatalities_added_and_named_victims(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Three soldiers were killed, while 8 insurgents were neutralized.", 11),  # two sides' dead add up
    ("The ambush killed 4 villagers; 2 of the attackers were shot dead by guards.", 6),
    ("At least 6 soldiers were killed, the rebels claimed 20 soldiers died.", 6),  # one side's two reports
    ("The blast killed 10 people, among them 4 soldiers and 6 civilians.", 10),
])
def test_fatalities_of_different_sides_add_up(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Three more wounded villagers died overnight, raising the death toll to eleven.", 11),
        ("The toll from the market blast has climbed to 23, a hospital official said.", 23),
        ("Four bodies were found on Sunday, bringing the number of dead to 17.", 17),
        # a count of the season, not of the event's running toll
        ("Two more were killed, bringing the number of deaths this month to 40.", 2),
        ("The number of injured rose to 60.", 0),
    ],
)
def test_a_running_toll_outranks_the_increment_told_with_it(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A 71-year-old man was killed and two people were wounded when the shell hit.", 1),
        ("Troops shot dead a 12-year-old boy at the checkpoint.", 1),
        ("Two 17-year-old students were killed in the raid.", 2),
        ("The attackers killed a 60-year-old farmer and his son.", 2),
        ("A 34-year-old man was wounded.", 0),
        ("Villagers caught 2 men they accused of theft, beat them and burned them alive.", 2),
    ],
)
def test_fatalities_read_past_the_victims_ages(text, expected):
    assert fatalities(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The monitor reported 3 soldiers and 4 rebels killed.", 7),
        ("3 soldiers and 2 rebels killed 4 civilians in the village.", 4),
        ("Three suicide bombers struck a mosque, killing 5 worshippers besides themselves.", 8),
    ],
)
def test_fatalities_of_reduced_lists_and_of_bombers_told_with_their_victims(text, expected):
    assert fatalities(text) == expected
