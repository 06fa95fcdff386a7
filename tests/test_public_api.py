import subprocess
import sys

import tolls


def test_all_is_sorted_and_complete():
    assert tolls.__all__ == sorted(tolls.__all__)
    public = {n for n in dir(tolls) if (not n.startswith("_") and n[0].isupper()) or n in ("load_nlp",)}
    for name in tolls.__all__:
        assert hasattr(tolls, name), name
    exported_classes = {n for n in public if n[0].isupper()}
    assert exported_classes <= set(tolls.__all__)


def test_spacy_loads_only_for_extraction():
    """The web server and the store's commands never extract: importing spaCy cost them a second
    and 50 MB a process. ``tolls.load_nlp`` still gives the pipeline loader on first use."""
    probe = (
        "import sys, tolls, tolls.web.app, tolls.cli.db, tolls.workflow;"
        "assert 'spacy' not in sys.modules, 'spacy imported';"
        "from tolls.extract.pipeline import load_nlp;"
        "assert tolls.load_nlp is load_nlp and 'load_nlp' in dir(tolls)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
