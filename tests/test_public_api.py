import tolls


def test_all_is_sorted_and_complete():
    assert tolls.__all__ == sorted(tolls.__all__)
    public = {n for n in dir(tolls) if (not n.startswith("_") and n[0].isupper()) or n in ("load_nlp",)}
    for name in tolls.__all__:
        assert hasattr(tolls, name), name
    exported_classes = {n for n in public if n[0].isupper()}
    assert exported_classes <= set(tolls.__all__)
