"""A town matched only by an alternate spelling, on another continent than the country the rest
of the text is about, is a namesake of chance: left unresolved, or read in that country."""

from eventatlas.geo.resolve import Resolver, ToponymQuery
from tests.geo.gazetteer_fixtures import rows_gazetteer

# invented towns in real countries (the continents come from the country table)
ROWS = [
    (9200001, "Mali", "", 17.0, -4.0, "A", "PCLI", "ML", "00", "", 20_000_000),
    (9200002, "Germany", "", 51.5, 10.5, "A", "PCLI", "DE", "00", "", 83_000_000),
    (9200003, "Velbruck", "Velbo,Velbrugge", 50.7, 7.1, "P", "PPL", "DE", "07", "", 300_000),
    (9200004, "Kordessa", "", 51.2, 6.8, "P", "PPL", "DE", "07", "", 80_000),
    (9200005, "Tassoumbi", "", 15.0, -2.5, "P", "PPL", "ML", "06", "", 8_000),
    (9200006, "Velbo", "", 14.9, -2.6, "P", "PPL", "ML", "06", "", 1_000),
]
gazetteer = rows_gazetteer(ROWS, "ea-focus-continent-gaz-")


def test_an_alternate_spelling_does_not_carry_a_name_to_another_continent(gazetteer):
    resolver = Resolver(gazetteer, ranker=False)
    assert resolver.resolve([ToponymQuery("Velbo")])[0].candidate.geonameid == 9200003  # alone: the big town's alias
    found = resolver.resolve([ToponymQuery("Velbo"), ToponymQuery("Mali")])
    assert found[0].candidate.geonameid == 9200006  # the Malian village of that name, not the German alias


def test_with_no_namesake_in_the_focus_the_name_stays_unresolved(gazetteer):
    resolver = Resolver(gazetteer, ranker=False)
    found = resolver.resolve([ToponymQuery("Velbrugge"), ToponymQuery("Malian"), ToponymQuery("Mali")])
    assert found[0].candidate is None
    assert found[2].candidate.geonameid == 9200001


def test_a_demonym_alone_is_no_focus(gazetteer):
    # "Malian troops" may serve abroad: only a place of the country makes it the focus
    resolver = Resolver(gazetteer, ranker=False)
    found = resolver.resolve([ToponymQuery("Velbrugge"), ToponymQuery("Malian")])
    assert found[0].candidate.geonameid == 9200003


def test_a_second_name_in_its_country_keeps_the_alternate_reading(gazetteer):
    resolver = Resolver(gazetteer, ranker=False)
    found = resolver.resolve([ToponymQuery("Velbrugge"), ToponymQuery("Kordessa"), ToponymQuery("Malian")])
    assert found[0].candidate.geonameid == 9200003
