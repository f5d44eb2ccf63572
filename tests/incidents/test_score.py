import random
from collections import Counter
from types import SimpleNamespace

from eventatlas.incidents.score import (
    IncidentSummary,
    ReportScorer,
    cosine,
    names_of,
    pair_score,
    rare_terms,
    terms_of,
    tfidf_vector,
)
from eventatlas.incidents.settings import LinkingSettings

SETTINGS = LinkingSettings.default()


class Stats:
    def __init__(self, documents: int, frequencies: dict[str, int]):
        self.documents, self.table = documents, frequencies

    def count_terms(self, terms):
        pass

    def frequencies(self, terms):
        return self.documents, [self.table.get(t, 0) for t in terms]


def vector(text: str, stats=None):
    return tfidf_vector(terms_of(text), stats or Stats(10, {"police": 9, "said": 9}))


def test_terms_drop_stop_words_and_case():
    assert terms_of("The police said THE gunmen fled") == Counter({"police": 1, "said": 1, "gunmen": 1, "fled": 1})


def test_rare_shared_words_weigh_more_than_common_ones():
    stats = Stats(100, {"police": 90, "said": 90, "okafor": 1})
    base = vector("police said Okafor", stats)
    rare = cosine(base, vector("Okafor", stats))
    common = cosine(base, vector("police", stats))
    assert rare > common > 0


def test_incompatible_types_never_score(report):
    protest = report(event_type="Protests", sub_event_type="Peaceful protest")
    strike = report(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    assert pair_score(protest, vector("a"), strike, vector("a"), SETTINGS) is None


def test_compatible_types_score(report):
    clash = report(event_type="Battles", sub_event_type="Armed clash")
    attack = report()
    text = vector("gunmen attacked market Nairobi")
    assert pair_score(clash, text, attack, text, SETTINGS) > SETTINGS.link_threshold


def test_a_crime_story_links_with_another_outlets_attack(report):
    # a look-alike set aside as an ordinary crime (reason CRIME) is linked in its stead
    crime = report(event_type="CRIME", sub_event_type="CRIME")
    attack = report()
    text = vector("gunmen attacked market Nairobi")
    assert SETTINGS.types_compatible("CRIME", "Violence against civilians")
    assert pair_score(crime, text, attack, text, SETTINGS) > SETTINGS.link_threshold
    protest = report(event_type="Protests", sub_event_type="Peaceful protest")
    assert pair_score(crime, text, protest, text, SETTINGS) is None


def test_same_place_and_day_outscores_another_day(report):
    text = vector("gunmen attacked market Nairobi")
    base = report()
    same_day = pair_score(base, text, report(), text, SETTINGS)
    days_off = pair_score(base, text, report(event_date="2021-09-07"), text, SETTINGS)
    assert same_day > days_off


def test_strong_text_overrides_a_misread_date(report):
    text = vector("Okafor Wanjiru Kibera market gunmen")
    far = report(event_date="2021-12-25")
    assert pair_score(report(), text, far, text, SETTINGS) is not None
    assert pair_score(report(), text, far, vector("unrelated words entirely"), SETTINGS) is None


def test_reports_sharing_no_distinctive_words_never_link(report):
    # one city, one night, one toll: still two shootings when their texts share nothing
    first = report(fatalities=1)
    second = report(fatalities=1)
    assert pair_score(first, vector("Okafor shot Gikomba"), second, vector("robbery petrol station clerk"), SETTINGS) is None


def test_a_few_shared_words_do_not_make_one_incident(report):
    # two shootings in one city a day apart share the city's name and little else: the texts
    # must agree at least min_similarity, however well place and day agree
    first, second = report(), report(event_date="2021-09-06")
    anchor = {"kibera": 1.0}
    weak = {"kibera": 0.15, "robbery": (1 - 0.15**2) ** 0.5}
    strong = {"kibera": 0.5, "robbery": 0.75**0.5}
    assert cosine(anchor, weak) < SETTINGS.min_similarity < cosine(anchor, strong)
    assert pair_score(first, anchor, second, weak, SETTINGS) is None
    assert pair_score(first, anchor, second, strong, SETTINGS) > SETTINGS.link_threshold


def test_an_opening_sentence_links_with_a_crime_story_or_an_attack(report):
    # a document with no coded event is linked by its opening sentence (type LEDE)
    lede = report(event_type="LEDE", sub_event_type="LEDE")
    text = vector("Okafor Wanjiru Kibera market gunmen")
    for other in (report(event_type="CRIME", sub_event_type="CRIME"), report()):
        assert pair_score(lede, text, other, text, SETTINGS) > SETTINGS.link_threshold
    protest = report(event_type="Protests", sub_event_type="Peaceful protest")
    assert pair_score(lede, text, protest, text, SETTINGS) is None


def test_strong_text_overrides_a_misread_country(report):
    # a first name read as a town abroad: the texts still tell one shooting
    text = vector("Okafor Wanjiru Kibera market gunmen")
    abroad = report(country_code="PA", latitude=8.43, longitude=-82.43, geonameid=3712076)
    assert pair_score(report(), text, abroad, text, SETTINGS) is not None
    assert pair_score(report(), text, abroad, vector("robbery clerk petrol station Kibera"), SETTINGS) is None


def test_no_text_links_reports_beyond_the_name_window(report):
    text = vector("Okafor Wanjiru Kibera market gunmen")
    years_later = report(event_date="2023-09-05", published="2023-09-06")
    assert pair_score(report(), text, years_later, text, SETTINGS) is None


def test_rare_terms_are_rare_capitalised_words_heaviest_first():
    text = "Police said Okafor Wanjiru was shot near Gikomba market; okafor's brother said police came late"
    counts = terms_of(text)
    common = SETTINGS.name_max_reports + 1
    stats = Stats(1000, {"police": common, "said": common, "gikomba": 3, "wanjiru": 1, "okafor": 1, "market": 2})
    weighed = tfidf_vector(counts, stats)
    _, frequencies = stats.frequencies(list(counts))
    rare = rare_terms(weighed, frequencies, SETTINGS, names_of(text))
    assert rare[:3] == ["okafor", "wanjiru", "gikomba"]  # named twice, then once, then held by 3 reports
    assert "police" not in rare and "market" not in rare and "brother" not in rare


def test_an_incident_ruled_out_by_its_summary_has_no_report_that_scores(report):
    # ``may_score`` lets the linker pass over an incident without scoring its reports: it must
    # never rule out one that a report of it would have scored, nor change the best score
    rng = random.Random(11)
    words = [f"w{i}" for i in range(9)]
    types = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence")]

    def unit_vector() -> dict[str, float]:
        weights = {word: rng.uniform(0.05, 1.0) for word in rng.sample(words, rng.randint(1, 5))}
        norm = sum(w * w for w in weights.values()) ** 0.5
        return {word: w / norm for word, w in weights.items()}

    def stored() -> SimpleNamespace:
        kind = rng.choice(types)
        return SimpleNamespace(report=report(event_type=kind[0], sub_event_type=kind[1]), vector=unit_vector())

    ruled_out = scored = 0
    for _ in range(2000):
        new = stored()
        members = [stored() for _ in range(rng.randint(1, 3))]
        scorer = ReportScorer(new.report, new.vector, SETTINGS)
        each = [pair_score(new.report, new.vector, m.report, m.vector, SETTINGS) for m in members]
        best = max((s for s in each if s is not None), default=None)
        assert scorer.incident_score(members) == best
        if not scorer.may_score(IncidentSummary.of(members)):
            ruled_out += 1
            assert best is None
        scored += best is not None
    assert ruled_out > 100 and scored > 100  # both ways tried


def test_an_incident_holding_a_report_of_the_same_document_never_scores(report):
    text = vector("gunmen attacked market Nairobi")
    first = report()
    members = [SimpleNamespace(report=report(document_id=first.document_id), vector=text),
               SimpleNamespace(report=report(), vector=text)]
    scorer = ReportScorer(first, text, SETTINGS)
    assert scorer.incident_score(members[1:]) is not None
    assert scorer.incident_score(members) is None
