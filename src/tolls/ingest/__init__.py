"""Reading sources into documents: files, folders, feeds, JSONL, CSV and URLs.

:func:`iter_sources` is the one entry point; each format has its own reader module
(``plain``, ``html``, ``feed``, ``jsonl``, ``csvfile``), URL fetching lives in ``fetch`` and
``addresses``, and :mod:`tolls.ingest.text` keeps the standard-library HTML-to-text helpers.
"""

from tolls.ingest.sources import iter_sources
from tolls.model import IngestProblem, SourceDocument

__all__ = ["IngestProblem", "SourceDocument", "iter_sources"]
