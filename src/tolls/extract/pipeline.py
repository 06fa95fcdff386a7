"""Build the pipeline from settings and run it over documents.

``load_nlp(settings)`` is the one place the pipeline is assembled: the statistical model named
by ``settings.nlp.model``, then the components of ``config.cfg`` in order. ``run_extraction``
turns input documents into :class:`~tolls.model.Extraction` results, one per document, in order;
a document that cannot be processed yields an Extraction with ``error`` set and the batch goes
on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from tolls.errors import ConfigError, EmptyText, ErrorCode, ExtractionError, TextTooLong, TollsError
from tolls.extract import components
from tolls.model import Extraction, InputDocument
from tolls.settings import Settings

__all__ = ["CONFIG_PATH", "check_document", "load_nlp", "run_extraction"]

CONFIG_PATH = Path(__file__).with_name("config.cfg")


def load_nlp(settings: Settings, *, config_path: Path = CONFIG_PATH) -> Language:
    """The statistical model from settings plus the tolls components from ``config.cfg``."""
    components.register_extensions()
    try:
        nlp = spacy.load(settings.nlp.model)
    except (OSError, ImportError) as exc:
        raise ConfigError(ErrorCode.E001, name=settings.nlp.model, reason=str(exc).splitlines()[0]) from exc
    cfg = Config().from_disk(config_path)
    for name in cfg["nlp"]["pipeline"]:
        block: dict[str, Any] = dict(cfg["components"][name])
        factory = block.pop("factory")
        before = block.pop("before", None)
        if name == "tolls_places" and not block.get("gazetteer_path") and settings.geo.resolve:
            block["gazetteer_path"] = str(settings.geo.gazetteer)
        nlp.add_pipe(factory, name=name, config=block, before=before if before in nlp.pipe_names else None)
    return nlp


def check_document(doc: InputDocument, *, max_chars: int) -> None:
    """Raise an :class:`~tolls.errors.InputError` for text that cannot be extracted from."""
    if not doc.text or not doc.text.strip():
        raise EmptyText(ErrorCode.E101)
    if len(doc.text) > max_chars:
        raise TextTooLong(ErrorCode.E102, size=len(doc.text), limit=max_chars)


def _to_extraction(doc_id: str, doc: Doc) -> Extraction:
    return Extraction(
        doc_id=doc_id,
        claims=list(doc._.claims or []),
        events=list(doc._.events or []),
        toponyms=list(doc._.places or []),
    )


def run_extraction(
    nlp: Language, documents: Iterable[InputDocument | TollsError], settings: Settings
) -> Iterator[Extraction]:
    """Extract from each document in order. Items that are already errors (unreadable input
    lines) and documents that fail come back as Extractions with ``error`` set."""
    max_chars = settings.extract.max_chars
    pending: list[tuple[str, Doc | TollsError]] = []

    def flush() -> Iterator[Extraction]:
        ok = [d for _, d in pending if isinstance(d, Doc)]
        done = iter(nlp.pipe(ok, batch_size=settings.nlp.batch_size)) if ok else iter(())
        for doc_id, item in pending:
            if isinstance(item, TollsError):
                yield Extraction(doc_id=doc_id, error=f"{item.code}: {item.message}")
                continue
            doc = next(done)
            reason = doc._.error
            if reason is not None:
                err = ExtractionError(ErrorCode.E201, doc_id=doc_id, reason=reason)
                yield Extraction(doc_id=doc_id, error=f"{err.code}: {err.message}")
            else:
                yield _to_extraction(doc_id, doc)
        pending.clear()

    for item in documents:
        if isinstance(item, TollsError):
            pending.append((str(item.fields.get("doc_id", "")), item))
        else:
            try:
                check_document(item, max_chars=max_chars)
            except TollsError as exc:
                pending.append((item.id, exc))
            else:
                doc = nlp.make_doc(item.text)
                doc._.published = item.published
                doc._.gold_toponyms = list(item.toponyms) if item.toponyms is not None else None
                pending.append((item.id, doc))
        if len(pending) >= settings.nlp.batch_size * 4:
            yield from flush()
    yield from flush()
