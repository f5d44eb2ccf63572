"""The one-line errors that name the extra a command needs."""

import pytest

from eventatlas.errors import EventAtlasError
from eventatlas.extras import installed, require


def test_present_modules_pass():
    require("reading JSON", "json")
    assert installed("json")


def test_a_missing_module_names_its_package_and_extra(monkeypatch):
    monkeypatch.setattr("eventatlas.extras.installed", lambda module: module != "sklearn")
    with pytest.raises(EventAtlasError) as raised:
        require("eval case2021", "sklearn", "json")
    assert str(raised.value) == "eval case2021 needs scikit-learn: pip install 'eventatlas[train]'"


def test_fine_tuning_names_its_own_extra(monkeypatch):
    monkeypatch.setattr("eventatlas.extras.installed", lambda module: False)
    with pytest.raises(EventAtlasError, match=r"torch, onnx: pip install 'eventatlas\[finetune\]'"):
        require("fine-tuning", "torch", "onnx")
