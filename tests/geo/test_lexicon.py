from __future__ import annotations

import time
from collections.abc import Callable

from tolls.geo.lexicon import place_cues


def _seconds(fn: Callable[[], object]) -> float:
    """CPU seconds of this thread (as tests/extract/test_fuzz.py measures regex safety)."""
    t = time.thread_time()
    fn()
    return time.thread_time() - t


def test_the_peoples_name_pattern_does_not_backtrack() -> None:
    """A run of capitalised words that almost list peoples ("and Aand Aand ... x") was exponential
    in its length: twice the run may cost about twice the time, not thousands of times. The small
    sizes keep a regression slow (a fraction of a second), not hung."""
    people = place_cues().people

    def text(n: int) -> str:
        return " and " + "Aand " * n + "x"

    t_small = t_large = float("inf")
    for _ in range(6):
        t_small = min(t_small, *(_seconds(lambda: people.match(text(10))) for _ in range(3)))
        t_large = min(t_large, _seconds(lambda: people.match(text(20))))
        if t_large < 20 * t_small + 0.02:
            break
    assert t_large < 20 * t_small + 0.02, f"2x the run took {t_large / t_small:.0f}x the time"
    # a long run of the same finishes (linear once the words cannot be split)
    assert _seconds(lambda: people.match(text(20_000))) < 3.0


def test_the_peoples_name_pattern_reads_lists() -> None:
    people = place_cues().people
    assert people.match(" and Tuareg tribes") is not None
    assert people.match(" ethnic group") is not None
    assert people.match(", Arab and Tuareg tribes").group("first").strip() == ","
    assert people.match(" Handand tribes") is None  # "and" inside a word joins nothing
