"""config: settings come from EVENTATLAS_* variables, read again whenever one changes."""

from __future__ import annotations

from eventatlas.config import data_dir, database_url, settings


def test_a_changed_variable_takes_effect_at_once(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTATLAS_DB", str(tmp_path / "first.db"))
    assert database_url().endswith("first.db")
    monkeypatch.setenv("EVENTATLAS_DB", str(tmp_path / "second.db"))
    assert database_url().endswith("second.db")
    monkeypatch.delenv("EVENTATLAS_DB")
    assert settings().db is None


def test_the_same_variables_give_the_same_settings_object(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(tmp_path / "data"))
    assert settings() is settings()
    assert data_dir() == tmp_path / "data" and data_dir().is_dir()


def test_names_match_without_regard_to_case_and_an_empty_variable_is_unset(monkeypatch, tmp_path):
    monkeypatch.setenv("eventatlas_spacy_model", "en_core_web_md")
    monkeypatch.setenv("EVENTATLAS_TILE_URL", "")
    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(tmp_path))
    assert settings().spacy_model == "en_core_web_md"
    assert settings().tile_url is None
    assert settings().data_dir == tmp_path

