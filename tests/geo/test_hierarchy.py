"""Written place hierarchies: "X (District, Province)", "X village, Y district, Z province"."""

from eventatlas.geo.hierarchy import find_hierarchies, levels_after


def _read(text):
    return [(text[h.name[0]:h.name[1]], [text[a:b] for a, b in h.levels]) for h in find_hierarchies(text)]


def test_parenthesised_levels():
    assert _read("Gunmen raided the market of Kaya (Sanmatenga, Centre-Nord) at dawn.") == [("Kaya", ["Sanmatenga", "Centre-Nord"])]


def test_type_words_and_trailing_words_stay_with_their_names():
    text = "Shelling hit Tonj sector area (Tonj South county, Warrap state) overnight."
    assert _read(text) == [("Tonj sector area", ["Tonj South county", "Warrap state"])]


def test_comma_and_of_chains_up_to_a_typed_division():
    assert _read("in Mbuji village, Kabeya district, Kasai province, a clash") == [("Mbuji village", ["Kabeya district", "Kasai province"])]
    assert _read("in Nam Kham village of Kutkai township (Muse district, Shan state), troops") == [
        ("Nam Kham village", ["Kutkai township", "Muse district", "Shan state"])]
    assert _read("entries to the Ceyhan district of Adana were closed") == [("Ceyhan district", ["Adana"])]


def test_acronyms_and_plain_lists_are_not_hierarchies():
    assert _read("LEBANON, Ohio (AP) -- Police said") == []  # (AP) is no level
    assert _read("officers of the Directorate of Intelligence (DGI) said") == []
    assert _read("Rallies took place in Nairobi, Mombasa and Kisumu.") == []


def test_a_comma_chain_closed_by_a_country_name_is_a_hierarchy():
    assert _read("Drones struck Tell Hamdiyeh, Raqqa, Syria at night.") == [("Tell Hamdiyeh", ["Raqqa"])]
    assert _read("raiders hit Pan Ajok, Twic East, South Sudan, on Monday") == [("Pan Ajok", ["Twic East"])]
    text = "looted shops in Wun Dit, Abyei, South Sudan."
    start = text.index("Wun Dit")
    assert levels_after(text, start, start + len("Wun Dit")) == ("Abyei",)


def test_a_list_of_places_or_a_chain_ending_in_no_country_is_not_closed_by_a_country():
    assert _read("Talks moved between Doha, Cairo, Ankara and Geneva.") == []
    assert _read("flights to Lagos, Accra, Dakar, Kenya and Chad resumed") == []
    assert _read("fans from Madrid, Lyon, Brazilian clubs, cheered") == []  # a demonym closes nothing
    assert _read("sold in Germany, Japan, Brazil, Canada and India") == []  # countries listed
    assert _read("finalists were Toledo, Dayton, Lexington, Ky., and Erie, Pa.") == []  # Ky: no country


def test_levels_after_a_recognised_name():
    text = "abducted in Tiwi village (Ndola, Copperbelt)."
    start = text.index("Tiwi")
    assert levels_after(text, start, start + 4) == ("Ndola", "Copperbelt")
    assert levels_after(text, text.index("abducted"), text.index("abducted") + 8) == ()


def test_one_level_that_shares_a_country_with_its_name_is_a_hierarchy(nlp, tiny_gazetteer):
    # "Kharkov" is only another name of a town, not a division: the shared country makes it a level
    from eventatlas.geo.recognize import recognize
    from eventatlas.models import Document
    from eventatlas.nlp import parse

    document = parse(Document(text="Residents protested in Vovchansk (Kharkov) on Monday."), nlp)
    toponyms, _ = recognize(document.spacy_doc, tiny_gazetteer)
    assert [(t.text, t.source) for t in toponyms] == [("Vovchansk", "hierarchy"), ("Kharkov", "level")]
