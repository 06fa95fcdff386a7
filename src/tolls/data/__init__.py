"""Versioned data files shipped with tolls (lexicons, actor dictionary, gazetteer supplement).

See README.md in this folder for what each file holds and who wrote it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["data_path", "load_json"]


def data_path(*parts: str) -> Path:
    """Path of a packaged data file."""
    return Path(str(resources.files("tolls.data").joinpath(*parts)))


@lru_cache(maxsize=32)
def load_json(*parts: str) -> Any:
    """Load (once) a packaged JSON data file."""
    with data_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)
