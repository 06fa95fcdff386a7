from pathlib import Path

from pydantic import BaseModel

from tolls.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def _fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, info in model.model_fields.items():
        ann = info.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out += _fields(ann, f"{prefix}{name}.")
        else:
            out.append(prefix + name)
    return out


def test_every_setting_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    fields = _fields(Settings)
    assert len(fields) >= 6
    for f in fields:
        assert f"`{f}`" in text, f"{f} missing from docs/settings.md"
        env = "TOLLS_" + f.upper().replace(".", "__")
        assert f"`{env}`" in text, f"{env} missing from docs/settings.md"


def test_environment_overrides_nested_sections(monkeypatch):
    monkeypatch.setenv("TOLLS_EXTRACT__MAX_CHARS", "123")
    monkeypatch.setenv("TOLLS_NLP__MODEL", "some_model")
    s = Settings()
    assert s.extract.max_chars == 123
    assert s.nlp.model == "some_model"
