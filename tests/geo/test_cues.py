from eventatlas.geo.cues import read_cues, suffix_feature


def cues_of(text, name):
    start = text.index(name)
    return read_cues(text, start, start + len(name))


def test_type_words_after_and_before():
    assert cues_of("fighting in northern Kunar province", "Kunar").feature == "ADM1"
    assert cues_of("fighting in northern Kunar province", "Kunar").part
    assert cues_of("in the city of Herat on Monday", "Herat").feature == "P"
    assert cues_of("in Rapides Parish", "Rapides Parish").feature == "ADM2"
    assert cues_of("along the Helmand River", "Helmand").feature == "H"
    assert suffix_feature("Kunar province") == ("Kunar", "ADM1")


def test_capital_near_and_container():
    cues = cues_of("rallied in the Afghan capital Kabul and Herat", "Kabul")
    assert cues.capital and cues.feature == "P"
    assert cues_of("a blast near Jalalabad", "Jalalabad").near
    assert cues_of("on the outskirts of Kandahar", "Kandahar").near
    cues = cues_of("He moved to Springfield, Ill., last year", "Springfield")
    assert cues.containers[-1] == "Ill."
    assert cues_of("Police in Paris, Texas said", "Paris").containers[-1] == "Texas"
    assert cues_of("in Kabul.", "Kabul").containers == ()


def test_anchor_of_a_relative_location():
    assert cues_of("captured the village of Qwz, northeast of Kharkiv, on Sunday", "Qwz").anchor == "Kharkiv"
    assert cues_of("in Dandar, 20 km south of Kabul", "Dandar").anchor == "Kabul"
    assert cues_of("in Kabul, Afghanistan", "Kabul").anchor is None
