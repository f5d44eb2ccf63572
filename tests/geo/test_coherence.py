"""Small namesakes that cluster in one first-level division support each other."""

from eventatlas.geo.resolve import Resolver, ToponymQuery
from tests.geo.gazetteer_fixtures import rows_gazetteer

# invented places: each name's most populous reading lies in another division; only the south
# has a reading of all three
ROWS = [
    (9100001, "Northland", "", 45.0, -90.0, "A", "ADM1", "US", "NL", "", 5_000_000),
    (9100002, "Southland", "", 33.0, -90.0, "A", "ADM1", "US", "SL", "", 3_000_000),
    (9100003, "Dunmore", "", 45.2, -90.1, "P", "PPL", "US", "NL", "", 900_000),
    (9100004, "Dunmore", "", 33.1, -90.2, "P", "PPL", "US", "SL", "", 3_000),
    (9100005, "Kelbrook", "", 33.3, -90.4, "P", "PPL", "US", "SL", "", 2_000),
    (9100009, "Eastland", "", 40.0, -80.0, "A", "ADM1", "US", "EL", "", 4_000_000),
    (9100010, "Westland", "", 41.0, -110.0, "A", "ADM1", "US", "WL", "", 2_000_000),
    (9100006, "Kelbrook", "", 40.1, -80.1, "P", "PPL", "US", "EL", "", 900_000),
    (9100007, "Ashwell", "", 33.0, -89.8, "P", "PPL", "US", "SL", "", 1_500),
    (9100008, "Ashwell", "", 41.1, -110.1, "P", "PPL", "US", "WL", "", 900_000),
]
gazetteer = rows_gazetteer(ROWS, "ea-coherence-gaz-")


def test_two_other_names_with_readings_in_one_division_move_a_town_there(gazetteer):
    resolver = Resolver(gazetteer, ranker=False)
    alone = resolver.resolve([ToponymQuery("Dunmore")])[0].candidate
    assert alone.geonameid == 9100003  # on its own: the far bigger town
    together = resolver.resolve([ToponymQuery("Dunmore"), ToponymQuery("Kelbrook"), ToponymQuery("Ashwell")])
    assert together[0].candidate.geonameid == 9100004  # the small Dunmore, where the other two could lie too


def test_one_name_with_readings_everywhere_is_no_cluster(gazetteer):
    # "Kelbrook" alone has readings in two divisions: half a name's support for each, not enough
    resolver = Resolver(gazetteer, ranker=False)
    together = resolver.resolve([ToponymQuery("Dunmore"), ToponymQuery("Kelbrook")])
    assert together[0].candidate.geonameid == 9100003
