import sqlite3
import zipfile

import pytest

from eventatlas.errors import InputError
from eventatlas.geo.gazetteer import Gazetteer, build
from eventatlas.geo.normalize import normalize, skeleton


@pytest.mark.parametrize(
    "variant",
    ["Mazar-e-Sharif", "Mazar-i-Sharif", "Mazār-e Sharīf", "MAZAR-E-SHARIF", "Mazar e Sharif", "Mazar-u-Sharif"],
)
def test_transliteration_variants_find_the_same_city(tiny_gazetteer, variant):
    found = tiny_gazetteer.lookup(variant)
    assert found and found[0].geonameid == 1133453
    assert found[0].admin1 == "Balkh"


@pytest.mark.parametrize("variant", ["Panjshir", "Panjsher", "Panjshayr", "Panjshir Province"])
def test_aliases_of_a_division(tiny_gazetteer, variant):
    found = tiny_gazetteer.lookup(variant)
    assert found[0].feature_code == "ADM1" and found[0].country_code == "AF"


def test_normalization_folds_case_diacritics_and_punctuation():
    assert normalize("Mazār-e Sharīf") == normalize("mazar e sharif") == "mazar e sharif"
    assert normalize("St. Louis") == "saint louis"
    assert normalize("the Gambia") == "gambia"
    assert skeleton("panjsher") == skeleton("panjshir") == skeleton("panjshayr")
    assert skeleton(normalize("Mazar-i-Sharif")) == skeleton(normalize("Mazar-e-Sharif"))


def test_candidates_are_ordered_by_population_and_flag_how_they_matched(tiny_gazetteer):
    found = tiny_gazetteer.lookup("Alexandria")
    assert [c.country_code for c in found][:1] == ["EG"]
    assert {c.geonameid for c in found} == {361058, 4314550, 4744091}
    assert not any(c.fuzzy for c in found)
    assert tiny_gazetteer.lookup("Al Iskandariyah")[0].alternate
    assert tiny_gazetteer.lookup("Nowhereville Xyzzy") == []


def test_project_feature_list_and_news_aliases_are_indexed(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Hindu Kush")[0].feature_code == "MTS"
    assert tiny_gazetteer.lookup("Sahel")[0].feature_code == "RGN"
    assert tiny_gazetteer.lookup("U.S.")[0].geonameid == 6252001


def test_build_from_a_geonames_zip_and_bad_inputs(tmp_path):
    from tests.geo.gazetteer_fixtures import write_tiny_dump

    dump = write_tiny_dump(tmp_path)
    archive = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(dump, "allCountries.txt")
    alternates = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(alternates, "w") as handle:
        handle.writestr("alternateNamesV2.txt", "1\t1138958\ten\tQaboul Town\t\t\t\t\t\t\n2\t1138958\tlink\thttps://x\t\t\t\t\t\t\n")
    path = build(tmp_path / "from_zip.sqlite", geonames=archive, show_progress=False)
    gazetteer = Gazetteer(path)
    assert gazetteer.lookup("Bazarak")[0].admin1 == "Panjshayr"
    assert gazetteer.lookup("Qaboul Town")[0].geonameid == 1138958  # from alternateNamesV2.zip
    assert gazetteer.lookup("https://x") == []

    with pytest.raises(InputError, match="not found"):
        build(tmp_path / "x.sqlite", geonames=tmp_path / "missing.zip", show_progress=False)

    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not sqlite")
    with pytest.raises(InputError, match="broken.sqlite"):
        Gazetteer(broken)

    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(old)
    con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema', '1')")
    con.commit()
    con.close()
    with pytest.raises(InputError, match="--force"):
        Gazetteer(old)


def test_default_builds_on_first_use_in_the_data_dir(tmp_path, monkeypatch):
    from eventatlas.geo import gazetteer as module

    calls = []

    def fake_build(path, **kwargs):
        calls.append(path)
        import shutil

        from tests.geo.gazetteer_fixtures import tiny_gazetteer_path

        shutil.copy(tiny_gazetteer_path(), path)
        return path

    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(module, "build", fake_build)
    gaz = module.Gazetteer.default()
    assert calls == [tmp_path / "gazetteer.sqlite"]
    assert module.Gazetteer.default() is gaz  # loaded once
    module.Gazetteer._instances.pop(str(tmp_path / "gazetteer.sqlite"))


@pytest.mark.slow
def test_packaged_build_and_lookups(real_gazetteer):
    assert len(real_gazetteer) > 200_000
    kabul = next(c for c in real_gazetteer.lookup("Kabul") if c.feature_code == "PPLC")
    assert abs(kabul.latitude - 34.528) < 0.05 and kabul.admin1 == "Kabul"  # the English form
    assert real_gazetteer.lookup("Mazar-i-Sharif")[0].admin1 == "Balkh"
    assert real_gazetteer.lookup("Panjsher")[0].feature_code == "ADM1"
    assert real_gazetteer.lookup("Calif.")[0].name == "California"
    assert real_gazetteer.lookup("Rapides Parish")[0].geonameid == 4338356
    # only the capital itself is the capital, not its namesakes
    capitals = [c for c in real_gazetteer.lookup("Washington") if c.feature_code == "PPLC"]
    assert len(capitals) == 1 and capitals[0].population > 500_000
    # states by their postal/ISO abbreviations; a large province's point near its middle
    assert real_gazetteer.lookup("NSW")[0].name == "New South Wales"
    bc = real_gazetteer.lookup("British Columbia")[0]
    assert 52.5 < bc.latitude < 56 and -128 < bc.longitude < -122


def test_division_names_in_the_form_news_uses():
    from eventatlas.geo.gazetteer import english_name

    assert english_name("Ḩimş", "Homs|Homs Governorate|حمص") == "Homs"
    assert english_name("As Suwaydā'", "Suwayda|Suwayda Governorate") == "As Suwayda"
    assert english_name("Kābul", "Kabul Province") == "Kabul"
    assert english_name("Louisiana", "") == "Louisiana"


def test_a_division_keeps_its_name_against_nicknames_and_longer_aliases():
    from eventatlas.geo.gazetteer import english_name

    assert english_name("California", "CA|Golden State|State of California") == "California"  # a nickname
    assert english_name("Nandi", "Nandi North District") == "Nandi"  # another division's name
    assert english_name("Somali", "Somalia Regional State") == "Somali"  # a country's name
    assert english_name("Tigrai", "Tigray Regional State") == "Tigray"  # the qualifier is no part of the name
    assert english_name("Al Qāhirah", "Cairo Governorate") == "Cairo"


def test_build_from_a_generated_geonames_dump(tmp_path):
    """The --geonames path on a realistic dump (divisions with admin codes, alternate names in
    several scripts, roads to leave out); benchmarks/geonames_build.py runs it at 400,000 rows."""
    from tests.geo.gazetteer_fixtures import write_sample_dump

    dump = write_sample_dump(tmp_path / "allCountries.txt", rows=3000, countries=3)
    with open(dump, "a", encoding="utf-8") as handle:
        handle.write("\t".join(["99", "Ring Road", "Ring Road", "", "1.0", "1.0", "R", "RD", "AA", "", "01", "", "", "",
                                "0", "", "", "UTC", "2024-01-01"]) + "\n")
    gazetteer = Gazetteer(build(tmp_path / "sample.sqlite", geonames=dump, show_progress=False))
    assert 3000 <= len(gazetteer) < 3400  # the dump, less the road, plus the project feature list
    with open(dump, encoding="utf-8") as handle:
        rows = [line.split("\t") for line in handle]
    town = next(r for r in rows if r[7] == "PPL" and int(r[14]) > 1000)
    found = [c for c in gazetteer.lookup(town[1], fuzzy=False) if c.geonameid == int(town[0])]
    assert found and found[0].admin1 and found[0].admin2  # admin codes resolved to division names
    assert gazetteer.lookup("Ring Road", fuzzy=False) == []  # roads are left out of a full build


def test_countries_come_from_the_reference_table(real_gazetteer):
    from eventatlas.reference import country

    congo = real_gazetteer.country("CD")
    assert congo.name == country("CD").acled_name == "Democratic Republic of Congo"
    assert real_gazetteer.lookup("DR Congo")[0].index == congo.index  # the reference's aliases
    assert real_gazetteer.lookup("Democratic Republic of the Congo")[0].index == congo.index


def test_is_current_tells_an_index_of_this_version_from_an_old_or_broken_one(tiny_gazetteer, tmp_path):
    import sqlite3

    from eventatlas.geo.gazetteer import is_current

    assert is_current(tiny_gazetteer.path)
    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as con:
        con.execute("CREATE TABLE meta (k TEXT, v TEXT)")
        con.execute("INSERT INTO meta VALUES ('schema', '1')")
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database")
    assert not is_current(old) and not is_current(broken) and not is_current(tmp_path / "none.sqlite")


def test_an_index_built_from_other_data_files_is_not_current(tiny_gazetteer, tmp_path):
    # editing aliases.tsv or features.tsv must rebuild the index that was built from them
    import shutil
    import sqlite3

    from eventatlas.geo.gazetteer import is_current

    stale = tmp_path / "stale.sqlite"
    shutil.copy(tiny_gazetteer.path, stale)
    with sqlite3.connect(stale) as con:
        con.execute("UPDATE meta SET v='0000000000000000' WHERE k='data'")
    assert is_current(tiny_gazetteer.path) and not is_current(stale)
