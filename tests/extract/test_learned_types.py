"""The learned event re-typer: its loader, its features, and re-typing in the pipeline.

Every sentence here was written for this test. The model in these tests is hand-built (one
feature, one class), so the tests fix the mechanics, not the trained weights.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from tolls.extract.learned_types import TypeModel, event_features, load_model, recording, retype
from tolls.model import Extraction

Extract = Callable[..., Extraction]

_CLASSES = ("Battles/Armed clash", "Displacement")


def _model(threshold: float = 0.6) -> TypeModel:
    """Says Displacement whenever the event's sentences have the verb "bulldoze"."""
    return TypeModel(_CLASSES, {"w=bulldoze": (0.0, 6.0)}, (1.0, 0.0), threshold)


def test_loader_reads_the_file_once_and_none_without_one(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(
        json.dumps(
            {"classes": list(_CLASSES), "bias": [1.0, 0.0], "threshold": 0.7, "weights": {"w=x": [0, 2]}}
        ),
        encoding="utf-8",
    )
    model = load_model(path)
    assert model is not None
    assert model.classes == _CLASSES and model.threshold == 0.7 and model.weights == {"w=x": (0, 2)}
    assert load_model(path) is model  # cached
    assert load_model(tmp_path / "absent.json") is None


def test_features_of_a_sentence(nlp: Language) -> None:
    doc = nlp("Soldiers burned the houses of the village.")
    feats = event_features(
        list(doc), "Violence against civilians/Attack", ["killed"], "burned", "Battles/Armed clash"
    )
    assert feats == sorted(set(feats))
    for f in (
        "rule=Violence against civilians/Attack",
        "top=Violence against civilians",
        "w=burn",
        "w=house",
        "dobj=burn:house",
        "nsubj=burn:soldier",
        "trig=burned",
        "kind=killed",
        "main=Battles",
    ):
        assert f in feats
    assert not any(f.startswith("w=the") for f in feats)


def test_retype_only_when_confident_and_to_another_top_type() -> None:
    feats = ["rule=Battles/Armed clash", "w=bulldoze"]
    assert retype(feats, "Battles/Armed clash", _model()) == "Displacement"
    assert retype(feats, "Battles/Armed clash", _model(threshold=0.999)) == "Battles/Armed clash"
    assert retype(["w=other"], "Battles/Armed clash", _model()) == "Battles/Armed clash"
    # the model's class has the rules' top-level type: the rules' sub-type stands
    assert retype(["w=other"], "Battles/Government regains territory", _model()) == (
        "Battles/Government regains territory"
    )
    assert retype(feats, "Battles/Armed clash", None) == "Battles/Armed clash"


@pytest.mark.slow
def test_pipeline_retypes_with_the_model_and_not_without(nlp: Language, extract: Extract) -> None:
    text = "Fighting broke out in the valley on Monday as soldiers bulldozed the homes of the villagers."
    events = nlp.get_pipe("tolls_events")
    saved = events.type_model  # type: ignore[attr-defined]
    try:
        events.type_model = None  # type: ignore[attr-defined]
        with recording() as rows:
            rules = extract(text)
        assert [e.type.split("/")[0] for e in rules.events] == ["Battles"]
        assert "w=bulldoze" in rows[0][0]
        events.type_model = _model()  # type: ignore[attr-defined]
        learned = extract(text)
        assert [e.type for e in learned.events] == ["Displacement"]
    finally:
        events.type_model = saved  # type: ignore[attr-defined]
