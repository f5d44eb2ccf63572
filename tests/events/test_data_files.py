"""The events stage's data files are complete and consistent."""

import csv
import json
import re
from pathlib import Path

from eventatlas.events.resources import DATA_DIR, actor_index, lexicon, taxonomy

INTERS = {"State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
          "Civilians", "External/Other forces"}


def test_taxonomy_has_6_types_and_25_sub_types_in_the_hierarchy():
    tax = taxonomy()
    assert len(set(tax.event_type_of.values())) == 6
    assert len(tax.event_type_of) == 25
    assert sorted(tax.hierarchy) == sorted(tax.event_type_of)
    assert all(tax.definitions[sub] for sub in tax.event_type_of)


def test_case_labels_and_plover_cover_every_sub_type():
    tax = taxonomy()
    assert len(tax.labels) == 30
    assert len(tax.acled_codes) == 25 and len(tax.non_event_codes) == 5
    assert {label.sub_event_type for label in tax.labels.values() if label.kind == "acled"} == set(tax.event_type_of)
    for label in tax.labels.values():
        if label.kind == "acled":
            assert label.event_type == tax.event_type_of[label.sub_event_type]
            assert label.plover, f"{label.sub_event_type} has no PLOVER category"


def test_actor_list_is_wide_and_uses_acled_categories():
    with open(DATA_DIR / "actors.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) >= 120
    assert {row["inter"] for row in rows} <= INTERS
    countries = {row["country_code"] for row in rows if row["country_code"]}
    assert len(countries) >= 40  # groups from many regions, not one conflict
    assert actor_index().by_alias["al-shabaab"].name == "Al Shabaab"


def test_generic_names_match_the_finalizer_patterns():
    patterns = json.loads((DATA_DIR / "generic_actors.json").read_text("utf-8"))["patterns"]
    with open(DATA_DIR / "generic_actors.tsv", encoding="utf-8") as handle:
        emitted = {row["name"] for row in csv.DictReader(handle, delimiter="\t")}
    assert emitted <= set(patterns)


def test_lexicon_patterns_compile_for_every_label():
    lex = lexicon()
    assert set(lex.event_patterns) == set(taxonomy().acled_codes)
    assert set(lex.non_event_patterns) == set(taxonomy().non_event_codes)


def test_no_seed_specific_words_in_the_package():
    package = Path(__file__).resolve().parents[2] / "eventatlas"
    forbidden = re.compile(r"panjshir|mazar|massoud|faiz hameed|andarab", re.IGNORECASE)
    for path in list((package / "events").rglob("*")) + [package / "eval" / "case2021.py"]:
        if path.is_file() and path.suffix in {".py", ".json", ".tsv", ".txt", ".yaml"}:
            assert not forbidden.search(path.read_text("utf-8")), path


def test_every_actor_has_a_kind_the_codebook_knows():
    kinds = {"force", "civilian", "party", "party_wing", "militia", "communal", "gang", "jihadist", "rebel", "pmc",
             "international"}
    with open(DATA_DIR / "actors.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert all(row["kind"] in kinds for row in rows), [row["name"] for row in rows if row["kind"] not in kinds]
    # ACLED's style: "ACRONYM: Full name" for groups known by an acronym, state forces "Military Forces of X"
    names = {row["name"] for row in rows}
    assert {"JNIM: Group for Support of Islam and Muslims", "Wagner Group", "Military Forces of Mali"} <= names
    assert all(row["inter"] == "State forces" for row in rows if row["name"].startswith(("Military Forces of", "Police Forces of")))
