"""Integrity of the curated actor list (events/data/actors.tsv).

The list is data that many people widen by hand; these checks keep it loadable and
unambiguous: every row well formed, ACLED's eight categories only, real country codes,
state forces named the way ACLED names them, and no alias that two actors of different
categories both claim (the index keeps whichever row comes first, so such a clash would
silently code one of them wrongly).
"""

import csv
import json
import re
from collections import defaultdict

import pytest

from eventatlas.events.actors import known_actor
from eventatlas.events.resources import DATA_DIR, actor_index

INTERS = {"State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
          "Civilians", "External/Other forces"}
_STATE_NAME = re.compile(r"^(?:Military|Police) Forces of (?P<rest>.+)$")


@pytest.fixture(scope="module")
def rows():
    with open(DATA_DIR / "actors.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _alias_key(alias: str) -> str:
    """How the actor index stores an alias: short capitalised acronyms as written, others lower-cased."""
    return alias if len(alias) <= 4 and any(c.isupper() for c in alias) else alias.lower()


def test_every_row_is_complete(rows):
    for row in rows:
        assert None not in row, f"extra tab-separated fields in {row}"
        assert row["name"] and row["name"] == row["name"].strip(), row
        assert row["inter"] and row["kind"], row["name"]
        aliases = row["aliases"].split("|")
        assert all(alias and alias == alias.strip() for alias in aliases), f"empty or padded alias in {row['name']}"
        assert all(len(alias) >= 2 for alias in aliases), row["name"]


def test_every_inter_is_one_of_the_eight(rows):
    assert {row["inter"] for row in rows} <= INTERS


def test_every_country_code_is_a_real_one(rows):
    codes = set(actor_index().country_names)
    bad = [(row["name"], row["country_code"]) for row in rows if row["country_code"] and row["country_code"] not in codes]
    assert not bad, bad


def test_no_alias_is_claimed_by_actors_of_different_categories(rows):
    claims: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        for alias in [row["name"], *row["aliases"].split("|")]:
            claims[_alias_key(alias.strip())].add((row["name"], row["inter"]))
    clashes = {alias: owners for alias, owners in claims.items() if len({inter for _, inter in owners}) > 1}
    assert not clashes, clashes


def test_rows_sharing_a_name_agree(rows):
    seen: dict[str, tuple[str, str, str]] = {}
    for row in rows:
        facts = (row["inter"], row["country_code"], row["kind"])
        assert seen.setdefault(row["name"], facts) == facts, row["name"]


def test_state_force_names_follow_acled(rows):
    """'Military Forces of the Philippines', not '... of Philippines'; always State forces."""
    with_article = set(json.loads((DATA_DIR / "generic_actors.json").read_text("utf-8"))["countries_with_article"]["names"])
    for row in rows:
        match = _STATE_NAME.match(row["name"])
        if not match:
            continue
        assert row["inter"] == "State forces", row["name"]
        rest = match.group("rest")
        assert not any(rest == country or rest.startswith(country + " (") for country in with_article), row["name"]


def test_generic_role_words_are_not_named_aliases(rows):
    """A bare role noun ('police', 'soldiers') belongs in generic_actors.tsv, where it takes
    the country of the text; as a named alias it would give every such phrase one country.
    'herdsmen' for the Fulani militia is a deliberate exception (ACLED's usual coding of
    herder attacks in Nigeria)."""
    with open(DATA_DIR / "generic_actors.tsv", encoding="utf-8", newline="") as handle:
        heads = {row["head"].lower() for row in csv.DictReader(handle, delimiter="\t")} - {"herdsmen"}
    for row in rows:
        if row["country_code"]:
            assert not heads & {alias.lower() for alias in row["aliases"].split("|")}, row["name"]


def test_new_groups_resolve_by_alias():
    index = actor_index()
    assert index.by_alias["ogaden national liberation front"].inter == "Rebel group"
    assert index.by_alias["black axe"].kind == "gang"
    assert index.by_alias["nscdc"].name == "Police Forces of Nigeria"
    assert index.cased_aliases["ONLF"].name.startswith("ONLF")
    assert index.by_alias["rada special deterrence force"].inter == "Political militia"
    assert index.by_alias["unmiss"].inter == "External/Other forces"


def test_a_one_word_name_needs_its_capital():
    # "Platform" is a Malian armed coalition; "the platform collapsed" names no one
    assert known_actor("the platform collapsed under the crowd") is None
    assert known_actor("Platform fighters entered the town").name == "Platform"


@pytest.mark.parametrize("phrase, inter", [
    ("a vigilante group", "Identity militia"),
    ("militia members", "Political militia"),
    ("an army unit", "State forces"),
])
def test_a_group_noun_takes_who_its_modifier_names(nlp, phrase, inter):
    from eventatlas.events.actors import resolve_phrase

    assert resolve_phrase(list(nlp(phrase)), "").inter == inter


def test_a_self_defence_group_is_not_the_armys_defences(nlp):
    from eventatlas.events.actors import resolve_phrase

    actor = resolve_phrase(list(nlp("a local self-defence group")), "")
    assert actor is None or actor.inter != "State forces"
