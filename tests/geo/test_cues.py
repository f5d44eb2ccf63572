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


def test_a_name_after_a_town_and_a_comma_contains_it():
    assert cues_of("a studio in Tacoma, Washington shares tips", "Washington").contained == "Tacoma"
    # a list is not a hierarchy
    assert cues_of("after stops in Washington, New York and Boston", "New York").contained is None
    assert cues_of("after stops in Washington, New York and Boston", "Washington").containers == ()
    assert cues_of("trips to Saipan, Guam, Alaska, Hawaii", "Alaska").contained is None


def test_an_article_marks_seas_and_regions():
    assert cues_of("storms in the tropical Atlantic this year", "Atlantic").article
    assert cues_of("storms in the Atlantic", "Atlantic").article
    assert not cues_of("a man from Atlantic, Iowa", "Atlantic").article
    assert cues_of("a drone hit the village of Qwz on Sunday", "Qwz").village
    assert not cues_of("in the city of Herat", "Herat").village


def test_a_stated_containing_division():
    cues = cues_of("clashes near El Plateado in Cauca department on Sunday", "El Plateado")
    assert cues.within and cues.containers == ("Cauca",)
    assert cues_of("Police in Springfield in Sangamon County said", "Springfield").containers == ("Sangamon",)
