"""A small learned re-typer for events, applied after the rules (``event_types``) have typed them.

The rules type an incident from trigger words; where they plateau, a multinomial logistic
regression reads the same incident as a bag of cheap features (the rules' type, the verb and
noun lemmas of the event's sentences, the harm kinds of its claims) and re-types it to another
top-level type only when it is confident (``threshold``). Weights live in a versioned data file
(``tolls/data/learned_types.json``, trained by ``tolls.extract.typer_train``; its model card is
``learned_types.md`` beside it) and are read once. Without the file the rules' type stands and no
feature is computed. None ships: trained on the tuning part it did not beat the rules on held-out
text (docs/extraction.md, "A learned re-typer").
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

__all__ = ["DEFAULT_PATH", "TypeModel", "event_features", "load_model", "recording", "retype", "wanted"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "learned_types.json"
_CONTENT = frozenset({"VERB", "NOUN"})
_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})

# rows (features, rule type) of every event typed while recording: the training tool reads them
_RECORD: list[tuple[list[str], str]] | None = None


@dataclass(frozen=True, slots=True)
class TypeModel:
    """Class labels, per-feature weights (one per class), biases and the confidence threshold."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    threshold: float

    def probabilities(self, features: Iterable[str]) -> list[float]:
        scores = list(self.bias)
        for f in set(features):
            w = self.weights.get(f)
            if w is not None:
                scores = [s + x for s, x in zip(scores, w, strict=True)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]


@lru_cache(maxsize=4)
def load_model(path: Path = DEFAULT_PATH) -> TypeModel | None:
    """The model in ``path``, read once; None when there is no such file."""
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    classes = tuple(raw["classes"])
    return TypeModel(
        classes=classes,
        weights={f: tuple(w) for f, w in raw["weights"].items()},
        bias=tuple(raw["bias"]),
        threshold=float(raw["threshold"]),
    )


def _top(t: str) -> str:
    return t.split("/")[0]


def event_features(
    tokens: Iterable[Token], rule_type: str, kinds: Sequence[str], trigger: str = "", main_type: str = ""
) -> list[str]:
    """The features of one event: its rule type (whole and top-level), the lowercased lemmas of
    the verbs and nouns of its sentences, each verb with its subject's and object's lemma, the
    words of its trigger, the harm kinds of its claims and the top-level type of the document's
    main event (when it is another event); sorted, no repeats."""
    out = {"rule=" + rule_type, "top=" + _top(rule_type)}
    for t in tokens:
        if t.pos_ not in _CONTENT or not t.is_alpha:
            continue
        lemma = t.lemma_.lower()
        out.add("w=" + lemma)
        if t.pos_ == "VERB":
            out.update(f"{c.dep_}={lemma}:{c.lemma_.lower()}" for c in t.children if c.dep_ in _ARGS)
    out.update("trig=" + w for w in trigger.lower().split() if w.isalpha())
    out.update("kind=" + k for k in kinds)
    if main_type:
        out.add("main=" + _top(main_type))
    return sorted(out)


def retype(features: list[str], rule_type: str, model: TypeModel | None) -> str:
    """The model's type when it names another top-level type with at least ``threshold``
    probability; else ``rule_type``. Records the row while :func:`recording`."""
    if _RECORD is not None:
        _RECORD.append((features, rule_type))
    if model is None:
        return rule_type
    probs = model.probabilities(features)
    best = max(range(len(probs)), key=lambda i: (probs[i], -i))
    label = model.classes[best]
    if _top(label) != _top(rule_type) and probs[best] >= model.threshold:
        return label
    return rule_type


def wanted(model: TypeModel | None) -> bool:
    """Whether events need their features: a model to apply, or a training run recording them."""
    return model is not None or _RECORD is not None


@contextmanager
def recording() -> Iterator[list[tuple[list[str], str]]]:
    """Collect ``(features, rule type)`` of every event typed inside the block, in order."""
    global _RECORD
    rows: list[tuple[list[str], str]] = []
    _RECORD = rows
    try:
        yield rows
    finally:
        _RECORD = None
