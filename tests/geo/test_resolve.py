from eventatlas.geo.cues import read_cues
from eventatlas.geo.resolve import Resolver, ToponymQuery


def resolve(gazetteer, text, names, source_country=None):
    queries = []
    for name in names:
        start = text.index(name)
        queries.append(ToponymQuery(text=name, cues=read_cues(text, start, start + len(name))))
    return [r.candidate for r in Resolver(gazetteer).resolve(queries, source_country=source_country)]


def test_population_prior_alone(tiny_gazetteer):
    (alexandria,) = resolve(tiny_gazetteer, "Talks were held in Alexandria.", ["Alexandria"])
    assert alexandria.country_code == "EG"


def test_document_context_picks_the_local_namesake(tiny_gazetteer):
    text = "An Alexandria woman was charged. Rapides Parish deputies said the fire in Louisiana was arson."
    alexandria, parish, state = resolve(tiny_gazetteer, text, ["Alexandria", "Rapides Parish", "Louisiana"])
    assert alexandria.geonameid == 4314550
    assert parish.geonameid == 4338356 and state.geonameid == 4331987


def test_comma_container_decides(tiny_gazetteer):
    (paris,) = resolve(tiny_gazetteer, "Police in Paris, Texas, said.", ["Paris"])
    assert paris.geonameid == 4717560
    (springfield,) = resolve(tiny_gazetteer, "He lives in Springfield, Illinois.", ["Springfield"])
    assert springfield.geonameid == 4250542
    (springfield,) = resolve(tiny_gazetteer, "He lives in Springfield, Missouri.", ["Springfield"])
    assert springfield.geonameid == 4409896


def test_cue_words_choose_the_feature_type(tiny_gazetteer):
    (province,) = resolve(tiny_gazetteer, "Fighting in Kabul province.", ["Kabul"])
    assert province.feature_code == "ADM1"
    (city,) = resolve(tiny_gazetteer, "Protests in Kabul.", ["Kabul"])
    assert city.feature_code == "PPLC"


def test_unknown_names_do_not_empty_the_result(tiny_gazetteer):
    text = "Clashes in Qwzxville and Kabul and near Blorptown."
    unknown, kabul, other = resolve(tiny_gazetteer, text, ["Qwzxville", "Kabul", "Blorptown"])
    assert unknown is None and other is None and kabul.geonameid == 1138958


def test_demonyms_resolve_to_their_country_and_source_country_helps(tiny_gazetteer):
    (egypt,) = resolve(tiny_gazetteer, "Egyptians voted.", ["Egyptians"])
    assert egypt.feature_code == "PCLI" and egypt.country_code == "EG"
    (alexandria,) = resolve(tiny_gazetteer, "Talks in Alexandria.", ["Alexandria"])
    assert alexandria.country_code == "EG"
    (alexandria,) = resolve(tiny_gazetteer, "Talks in Alexandria.", ["Alexandria"], source_country="US")
    assert alexandria.country_code == "US"  # a US site's Alexandria is the US one
    text = "Talks in Alexandria. Officials in Virginia said."
    alexandria, _ = resolve(tiny_gazetteer, text, ["Alexandria", "Virginia"])
    assert alexandria.geonameid == 4744091


def test_a_relative_location_keeps_only_nearby_readings(tiny_gazetteer):
    (paris,) = resolve(tiny_gazetteer, "Fighting near Paris, 150 km northeast of Alexandria, Louisiana.", ["Paris"])
    assert paris is None or paris.country_code == "US"
    (paris,) = resolve(tiny_gazetteer, "a village, Paris, north of Springfield", ["Paris"])
    assert paris is None  # no Paris near any Springfield: unresolved rather than France


def test_a_state_after_a_town_it_contains(tiny_gazetteer):
    (state,) = resolve(tiny_gazetteer, "A baker from Tacoma, Washington shares tips.", ["Washington"])
    assert state.feature_code == "ADM1"
    (capital,) = resolve(tiny_gazetteer, "The talks in Washington ended.", ["Washington"])
    assert capital.feature_code == "PPLC"


def test_a_state_named_like_its_metropolis_means_the_city(tiny_gazetteer):
    (city,) = resolve(tiny_gazetteer, "She grew up in New York.", ["New York"])
    assert city.geonameid == 5128581
    (state,) = resolve(tiny_gazetteer, "Police in Albany, New York said.", ["New York"])
    assert state.feature_code == "ADM1"


def test_a_region_context_does_not_turn_a_city_into_a_hamlet(tiny_gazetteer):
    from eventatlas.geo import resolve_spans
    from eventatlas.models import Document

    text = ("Russian missiles struck Kharkiv. Officials in Kharkiv region said Vovchansk was shelled. "
            "Russian artillery also shelled Nikopol, a town across the river from Zaporizhzhia.")
    names = ["Kharkiv", "Vovchansk", "Nikopol", "Zaporizhzhia"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = resolve_spans(Document(text=text), spans, tiny_gazetteer)
    assert places[2].geonameid == 700051  # the city near the place named in its sentence


def test_a_village_the_sentence_puts_in_another_region_stays_unresolved(tiny_gazetteer):
    from eventatlas.geo import resolve_spans
    from eventatlas.models import Document

    text = "In Zaporizhzhia region, the governor said a drone hit a car in the village of Vovchansk."
    names = ["Zaporizhzhia region", "Vovchansk"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    region, village = resolve_spans(Document(text=text), spans, tiny_gazetteer)
    assert region.feature_code == "ADM1" and village.latitude is None


def test_a_namesake_outside_the_stated_division_is_not_returned(tiny_gazetteer):
    (paris,) = resolve(tiny_gazetteer, "Clashes near Paris in Texas state on Sunday.", ["Paris"])
    assert paris.geonameid == 4717560
    (none,) = resolve(tiny_gazetteer, "Clashes near Paris in Kabul province on Sunday.", ["Paris"])
    assert none is None


def test_a_division_split_by_a_compass_word_is_the_division():
    from eventatlas.geo.normalize import without_compass_part

    assert without_compass_part("Kordofan-North") == "Kordofan"
    assert without_compass_part("Kivu South") == "Kivu"
    assert without_compass_part("North Carolina") == "North Carolina"


def test_a_division_named_with_a_compass_part_resolves(tiny_gazetteer):
    (balkh,) = resolve(tiny_gazetteer, "Fighting in Balkh-North province on Sunday.", ["Balkh-North province"])
    assert balkh.geonameid == 1147288


def test_a_typed_container_after_a_comma_is_binding(tiny_gazetteer):
    # "Paris, Kabul province": no Paris there, so no Paris at all (the event falls back to the province)
    (none, province) = resolve(tiny_gazetteer, "Clashes in Paris, Kabul province on Sunday.", ["Paris", "Kabul province"])
    assert none is None and province.feature_code == "ADM1"


def test_a_weak_reading_far_from_a_document_about_one_country_is_not_taken(tiny_gazetteer):
    # an alias of a town 10,000 km from every other place of a report about one country
    text = "Rallies in Springfield, Illinois, in Tacoma and in Mazari Sharif on Sunday."
    springfield, illinois, tacoma, far = resolve(tiny_gazetteer, text, ["Springfield", "Illinois", "Tacoma", "Mazari Sharif"])
    assert springfield.country_code == illinois.country_code == tacoma.country_code == "US"
    assert far is None
    # by its own name and with nothing else in the text, the town is read
    (alone,) = resolve(tiny_gazetteer, "Rallies in Mazari Sharif on Sunday.", ["Mazari Sharif"])
    assert alone.geonameid == 1133453


def test_an_alias_of_a_town_does_not_take_a_state_name_it_is_much_smaller_than(real_gazetteer):
    (oklahoma,) = resolve(real_gazetteer, "Storms damaged roofs across Oklahoma on Tuesday.", ["Oklahoma"])
    assert oklahoma.feature_code == "ADM1"
