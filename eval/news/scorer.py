"""The shared scorer, ../shared/eval/score.py, loaded once for the eval/news scripts (run as
``python3 eval/news/SCRIPT.py``, whose folder is on the path): ``from scorer import score``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("score", HERE.parents[2] / "shared" / "eval" / "score.py")
assert _spec and _spec.loader
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)
