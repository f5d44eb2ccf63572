
import pytest

from eventatlas.errors import InputError
from eventatlas.eval.geoparse import GoldToponym, evaluate, print_tables, read_corpus, score_resolution

LGL_SNIPPET = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>t</title><domain>example.com</domain><url>http://example.com/a</url>
    <text><![CDATA[An Alexandria woman was charged in Rapides Parish. She lives on Memphis St.]]></text>
    <toponyms>
      <toponym><start>3</start><end>13</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><name>Alexandria</name><fclass>P</fclass><fcode>PPL</fcode>
          <lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
      <toponym><start>35</start><end>49</end><phrase>Rapides Parish</phrase>
        <gaztag geonameid="4338356"><name>Rapides Parish</name><fclass>A</fclass><fcode>ADM2</fcode>
          <lat>31.1669</lat><lon>-92.4835</lon></gaztag></toponym>
      <toponym><start>64</start><end>75</end><phrase>Memphis St.</phrase></toponym>
      <toponym><start>500</start><end>510</end><phrase>Nowhere</phrase></toponym>
    </toponyms>
  </article>
</articles>"""

GWN_SNIPPET = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>t</title><link>http://example.co.uk/x</link>
    <text>Egyptian officials in Cairo met the citizens.</text>
    <toponyms>
      <toponym><extractedName>Egyptian</extractedName><type>Demonym</type><nonLocational>No</nonLocational>
        <start>0</start><end>8</end></toponym>
      <toponym><extractedName>Cairo</extractedName><type>Literal</type><nonLocational>No</nonLocational>
        <start>22</start><end>27</end><geonamesID>360630</geonamesID><latitude>30.06263</latitude><longitude>31.24967</longitude></toponym>
      <toponym><extractedName>citizens</extractedName><type>Non_Lit_Expression</type><nonLocational>Yes</nonLocational>
        <start>36</start><end>44</end></toponym>
    </toponyms>
  </article>
</articles>"""


def test_lgl_reader(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_SNIPPET, encoding="utf-8")
    corpus = read_corpus(path)
    assert corpus.name == "LGL"
    (doc,) = corpus.documents
    assert [t.name for t in doc.toponyms] == ["Alexandria", "Rapides Parish", "Memphis St."]
    assert doc.toponyms[0].geonameid == 4314550 and doc.toponyms[0].resolvable
    assert not doc.toponyms[2].resolvable  # a street with no gaztag: recognition gold only
    assert len(corpus.skipped) == 1 and "outside the text" in corpus.skipped[0]


def test_gwn_reader_keeps_toponyms_with_coordinates(tmp_path):
    path = tmp_path / "gwn.xml"
    path.write_text(GWN_SNIPPET, encoding="utf-8")
    corpus = read_corpus(path)
    assert corpus.name == "GeoWebNews"
    (doc,) = corpus.documents
    assert [(t.name, t.geonameid) for t in doc.toponyms] == [("Cairo", 360630)]


def test_bad_corpus_files(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_corpus(tmp_path / "missing.xml")
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed"):
        read_corpus(bad)
    empty = tmp_path / "empty.xml"
    empty.write_text("<root/>", encoding="utf-8")
    with pytest.raises(InputError, match="no <article>"):
        read_corpus(empty)


def test_resolution_scores():
    gold = GoldToponym(0, 5, "Cairo", 30.0626, 31.2497, 360630)
    scores = score_resolution([(gold, 30.0626, 31.2497, 360630), (gold, 31.2, 29.9, 361058), (gold, None, None, None)])
    assert scores.count == 3 and scores.unresolved == 1
    assert round(scores.accuracy_161, 1) == 33.3 and round(scores.exact_id, 1) == 33.3
    assert 0 < scores.auc < 1


@pytest.mark.slow
@pytest.mark.parametrize("name,limit", [("lgl.xml", 25), ("gwn.xml", 10)])
def test_real_corpora_subset(shared_dir, nlp, tmp_path, name, limit, capsys, monkeypatch):
    from eventatlas.geo.gazetteer import Gazetteer
    from tests.geo.gazetteer_fixtures import real_gazetteer_path

    path = shared_dir / "eval" / "geo" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    gazetteer = Gazetteer.default(real_gazetteer_path())
    monkeypatch.setattr(Gazetteer, "default", classmethod(lambda cls, path=None: gazetteer))
    corpus = read_corpus(path)
    out = tmp_path / "pred.jsonl"
    (strict, resolution), e2e, seconds = evaluate(corpus, limit=limit, predictions=out, nlp=nlp)
    assert strict.count == resolution.count and strict.accuracy_161 <= resolution.accuracy_161
    print_tables(corpus, (strict, resolution), e2e, limit, seconds)
    printed = capsys.readouterr().out
    with capsys.disabled():
        print(f"\n{name} first {limit} docs: acc@161 {resolution.accuracy_161:.1f}, exact id {resolution.exact_id:.1f}, "
              f"recognition F1 {e2e.f1:.1f}")
    assert "resolution of gold toponyms" in printed and "end to end" in printed
    assert len(out.read_text().splitlines()) == resolution.count
    assert resolution.accuracy_161 > 40  # a sanity floor, not the target (the command prints the figures)


def test_parts_of_the_fixed_split(tmp_path):
    from eventatlas.eval.geoparse import select_part
    from eventatlas.eval.split import part_of

    path = tmp_path / "lgl.xml"
    path.write_text(LGL_SNIPPET, encoding="utf-8")
    corpus = read_corpus(path)
    expected = part_of("1", "lgl")
    assert len(select_part(corpus, expected).documents) == 1
    assert select_part(corpus, "test" if expected == "tune" else "tune").documents == []
    assert len(select_part(corpus, "all").documents) == 1
    with pytest.raises(InputError, match="--part"):
        select_part(corpus, "dev")
