"""``eventatlas eval ordinary``: the share of ordinary-news articles that produce any event."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventatlas.cli import app
from eventatlas.errors import InputError
from eventatlas.eval.ordinary import Article, OrdinaryReport, Produced, read_articles, sample_lines

CONFLICT = ("Protesters clash with police in Tamale\n\n"
            "Riot police fired tear gas at hundreds of traders protesting against new market fees in Tamale "
            "on Monday, and several people were arrested.\n")
BAKERY = ("Bakery marks fifty years\n\n"
          "A family bakery in Harrowgate celebrated its fiftieth year on Monday with free bread rolls for "
          "customers and a brass band in the square.\n")
LGL_LIKE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="7001"><title>Library extends opening hours</title><dltime>2011-05-04 09:00:00</dltime>
    <text>The library in Oakvale will stay open until nine on weekdays from June.</text>
    <toponyms count="0"></toponyms></article>
</articles>
"""
TIMEML_LIKE = ("<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1999-02-03\" functionInDocument=\"CREATION_TIME\">"
               "19990203</TIMEX3></DCT><TEXT>Shares of the shipping firm rose sharply on Tuesday.</TEXT></TimeML>")


def test_reads_text_folders_xml_corpora_and_timeml_folders(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(BAKERY)
    (tmp_path / "texts" / "a.json").write_text(json.dumps({"published": "2022-06-07"}))
    corpus, articles = read_articles(tmp_path / "texts")
    assert corpus == "texts" and articles[0].published == "2022-06-07"

    (tmp_path / "lgl.xml").write_text(LGL_LIKE)
    corpus, articles = read_articles(tmp_path / "lgl.xml")
    assert corpus == "lgl" and articles[0].published == "2011-05-04" and articles[0].title.startswith("Library")

    (tmp_path / "tml").mkdir()
    (tmp_path / "tml" / "x.tml").write_text(TIMEML_LIKE)
    corpus, articles = read_articles(tmp_path / "tml")
    assert corpus == "timebank" and articles[0].published == "1999-02-03" and "shipping" in articles[0].text


def test_bad_paths_give_one_line_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_articles(tmp_path / "missing")
    with pytest.raises(InputError, match="no .tml or .txt"):
        read_articles(tmp_path)
    result = CliRunner().invoke(app, ["eval", "ordinary", str(tmp_path / "missing")])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_share_counts_articles_with_new_events_and_the_sample_shows_their_evidence():
    quiet = Produced(Article("a", "text"))
    loud = Produced(Article("b", "text", title="Clash in town"), [{
        "sub_event_type": "Armed clash", "confidence": 0.7, "location": "Town", "event_date": "2020-01-02",
        "evidence": [{"text": "Fighters clashed\nwith soldiers."}]}])
    report = OrdinaryReport("demo", [quiet, loud])
    assert report.share == 0.5 and report.sub_types() == {"Armed clash": 1}
    lines = sample_lines(report.with_events, sample=5)
    assert lines[0].startswith("* b") and "Fighters clashed with soldiers." in lines[1]


def test_the_command_codes_a_folder_and_prints_the_share(tmp_path):
    (tmp_path / "bakery.txt").write_text(BAKERY)
    (tmp_path / "clash.txt").write_text(CONFLICT)
    result = CliRunner().invoke(app, ["eval", "ordinary", str(tmp_path), "--part", "all"])
    assert result.exit_code == 0, result.output
    assert "1/2 articles produced an event (50.0%)" in result.output
    assert "clash.txt" in result.output and "bakery.txt" not in result.output
