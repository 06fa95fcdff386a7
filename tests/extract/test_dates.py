"""Date mentions resolved against the publication date (tolls.extract.dates).

Sentences are written for these tests. Unless stated, the story was published on Tuesday
21 October 2025.
"""

from __future__ import annotations

import time
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from tolls.extract.clauses import clause_finder
from tolls.extract.dates import (
    background_date,
    find_dates,
    find_durations,
    resolve_date,
    since_background,
    since_clause,
)
from tolls.model import DateSpan

PUB = date(2025, 10, 21)  # a Tuesday
D = date.fromisoformat

# (text, expected mention text, start, end, precision): the single mention in the text.
SINGLE = [
    # day and month, no year: nearest occurrence
    ("Clashes erupted on 25 October near the border.", "25 October", "2025-10-25", "2025-10-25", "day"),
    ("Clashes erupted on October 25 near the border.", "October 25", "2025-10-25", "2025-10-25", "day"),
    ("The convoy was hit on Oct. 25, officials said.", "Oct. 25", "2025-10-25", "2025-10-25", "day"),
    ("Voting ends on October 25th.", "October 25th", "2025-10-25", "2025-10-25", "day"),
    ("It began on the 25th of October.", "the 25th of October", "2025-10-25", "2025-10-25", "day"),
    ("Police said that on 3 June two men were held.", "3 June", "2025-06-03", "2025-06-03", "day"),
    (
        "Saturday, October 18 was the deadliest day.",
        "Saturday, October 18",
        "2025-10-18",
        "2025-10-18",
        "day",
    ),
    # with a year
    ("The raid on October 7th 2023 killed hundreds.", "October 7th 2023", "2023-10-07", "2023-10-07", "day"),
    (
        "The raid on October 7th, 2023 killed hundreds.",
        "October 7th, 2023",
        "2023-10-07",
        "2023-10-07",
        "day",
    ),
    ("The raid of 7 October 2023 killed hundreds.", "7 October 2023", "2023-10-07", "2023-10-07", "day"),
    ("Report dated 2023-10-07.", "2023-10-07", "2023-10-07", "2023-10-07", "day"),
    ("Report dated 25/10/2023.", "25/10/2023", "2023-10-25", "2023-10-25", "day"),
    ("Report dated 10/25/2023.", "10/25/2023", "2023-10-25", "2023-10-25", "day"),
    # day ranges
    ("Shelling on the night of Oct 11/12 killed six.", "Oct 11/12", "2025-10-11", "2025-10-12", "day"),
    ("Talks were held 11-12 October in Doha.", "11-12 October", "2025-10-11", "2025-10-12", "day"),
    ("Talks were held October 11-12 in Doha.", "October 11-12", "2025-10-11", "2025-10-12", "day"),
    ("A curfew ran from 11 to 15 October.", "from 11 to 15 October", "2025-10-11", "2025-10-15", "day"),
    (
        "Raids between 9 and 15 October left 40 dead.",
        "between 9 and 15 October",
        "2025-10-09",
        "2025-10-15",
        "day",
    ),
    ("Strikes on 11 and 12 October hit the port.", "11 and 12 October", "2025-10-11", "2025-10-12", "day"),
    (
        "The siege lasted from 28 September to 3 October.",
        "from 28 September to 3 October",
        "2025-09-28",
        "2025-10-03",
        "day",
    ),
    (
        "Between 7 October 2023 and 12 January 2024 the strip was shelled.",
        "Between 7 October 2023 and 12 January 2024",
        "2023-10-07",
        "2024-01-12",
        "day",
    ),
    # months
    ("Fighting flared in December 2024.", "December 2024", "2024-12-01", "2024-12-31", "month"),
    ("Fighting flared in August 2025.", "August 2025", "2025-08-01", "2025-08-31", "month"),
    ("Fighting flared in May and eased later.", "May", "2025-05-01", "2025-05-31", "month"),
    ("Fighting flared in November.", "November", "2024-11-01", "2024-11-30", "month"),
    ("Fighting flared last May.", "last May", "2025-05-01", "2025-05-31", "month"),
    ("Fighting flared last month.", "last month", "2025-09-01", "2025-09-30", "month"),
    ("Fighting flared this month.", "this month", "2025-10-01", "2025-10-31", "month"),
    ("Fighting flared earlier this month.", "earlier this month", "2025-10-01", "2025-10-20", "month"),
    (
        "Clashes from June to August killed dozens.",
        "from June to August",
        "2025-06-01",
        "2025-08-31",
        "month",
    ),
    (
        "Clashes between June and August 2024 killed dozens.",
        "between June and August 2024",
        "2024-06-01",
        "2024-08-31",
        "month",
    ),
    # narrowed months and years (precision kept, range narrowed)
    ("Talks resumed in mid-October.", "mid-October", "2025-10-11", "2025-10-20", "month"),
    ("Talks resumed in early October.", "early October", "2025-10-01", "2025-10-10", "month"),
    ("Talks resumed in late October.", "late October", "2025-10-21", "2025-10-31", "month"),
    ("Talks resumed in late February 2024.", "late February 2024", "2024-02-21", "2024-02-29", "month"),
    ("Talks resumed in early 2024.", "early 2024", "2024-01-01", "2024-04-30", "year"),
    ("Talks collapsed by the end of 2024.", "the end of 2024", "2024-09-01", "2024-12-31", "year"),
    # years
    ("More than 300 died in 2024.", "2024", "2024-01-01", "2024-12-31", "year"),
    ("More than 300 died last year.", "last year", "2024-01-01", "2024-12-31", "year"),
    ("Casualties rose between 2021 and 2023.", "between 2021 and 2023", "2021-01-01", "2023-12-31", "year"),
    ("Casualties rose in 2023-24.", "2023-24", "2023-01-01", "2024-12-31", "year"),
    # since: from the start of the mention to the publication date
    ("Some 900 have died since 2021.", "since 2021", "2021-01-01", "2025-10-21", "year"),
    ("Some 900 have died since October.", "since October", "2025-10-01", "2025-10-21", "month"),
    ("Some 900 have died since early October.", "since early October", "2025-10-01", "2025-10-21", "month"),
    ("Some 900 have died since 7 October 2023.", "since 7 October 2023", "2023-10-07", "2025-10-21", "day"),
    # weekdays
    ("Gunmen attacked a checkpoint on Saturday.", "Saturday", "2025-10-18", "2025-10-18", "day"),
    ("Gunmen attacked a checkpoint Saturday night.", "Saturday night", "2025-10-18", "2025-10-18", "day"),
    ("Gunmen attacked a checkpoint last Thursday.", "last Thursday", "2025-10-16", "2025-10-16", "day"),
    ("Officials met on Tuesday.", "Tuesday", "2025-10-21", "2025-10-21", "day"),
    ("Officials met last Tuesday.", "last Tuesday", "2025-10-14", "2025-10-14", "day"),
    ("Officials meet again next Monday.", "next Monday", "2025-10-27", "2025-10-27", "day"),
    ("The talks will resume on Thursday.", "Thursday", "2025-10-23", "2025-10-23", "day"),
    ("Sunday's attack killed four.", "Sunday", "2025-10-19", "2025-10-19", "day"),
    ("Shelling from Friday to Sunday killed 12.", "from Friday to Sunday", "2025-10-17", "2025-10-19", "day"),
    (
        "Shelling through the night of Saturday to Sunday.",
        "Saturday to Sunday",
        "2025-10-18",
        "2025-10-19",
        "day",
    ),
    # days relative to publication
    ("Two soldiers died yesterday.", "yesterday", "2025-10-20", "2025-10-20", "day"),
    ("Two soldiers died today, the army said.", "today", "2025-10-21", "2025-10-21", "day"),
    ("Two soldiers died last night.", "last night", "2025-10-20", "2025-10-20", "day"),
    ("It happened the day before yesterday.", "the day before yesterday", "2025-10-19", "2025-10-19", "day"),
    ("It happened two days ago.", "two days ago", "2025-10-19", "2025-10-19", "day"),
    ("It happened the previous day.", "the previous day", "2025-10-20", "2025-10-20", "day"),
    ("The army had struck the day before.", "the day before", "2025-10-20", "2025-10-20", "day"),
    # weeks and weekends
    ("Twelve were killed last week.", "last week", "2025-10-13", "2025-10-19", "week"),
    ("Twelve were killed this week.", "this week", "2025-10-20", "2025-10-26", "week"),
    ("Twelve were killed earlier this week.", "earlier this week", "2025-10-20", "2025-10-20", "week"),
    ("Twelve were killed last weekend.", "last weekend", "2025-10-18", "2025-10-19", "day"),
    ("Twelve were killed over the weekend.", "over the weekend", "2025-10-18", "2025-10-19", "day"),
    ("Twelve were killed three weeks ago.", "three weeks ago", "2025-09-29", "2025-10-05", "week"),
    ("Twelve were killed in the past two weeks.", "the past two weeks", "2025-10-07", "2025-10-21", "week"),
    ("Twelve were killed in the last 48 hours.", "the last 48 hours", "2025-10-19", "2025-10-21", "day"),
    # wire-copy editorial dates
    ("[19 October] Troops entered the town.", "[19 October]", "2025-10-19", "2025-10-19", "day"),
    ("Troops entered the town [17 Oct].", "[17 Oct]", "2025-10-17", "2025-10-17", "day"),
]


@pytest.mark.parametrize(("text", "mention", "first", "last", "precision"), SINGLE)
def test_single_mention(text: str, mention: str, first: str, last: str, precision: str) -> None:
    spans = find_dates(text, PUB)
    start = text.index(mention)
    assert spans == [DateSpan(D(first), D(last), precision, mention, start, start + len(mention))]  # type: ignore[arg-type]


NOT_DATES = [
    "The Security Act 2025 was passed.",
    "Resolution 2334 was cited again.",
    "Troops crossed near PK 31 at dawn.",
    "Some 1,200 people fled.",
    "They may attack again, he warned.",
    "Theresa May said little.",
    "Jan Egeland visited the camp.",
    "A total of 2000 people fled.",
    "Rockets hit the town in 2000 attacks.",
    "The Sunday Times reported the claim.",
    "Bloody Sunday is remembered every year.",
    "USA Today reported the claim.",
    "The march was peaceful.",
    "Report dated 07/10/2023.",  # d/m or m/d: ambiguous, skipped
    "The Vision 2030 plan.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_year_turn_uses_nearest_occurrence() -> None:
    spans = find_dates("Shelling on 28 December killed three.", date(2026, 1, 3))
    assert [(s.start, s.end, s.precision) for s in spans] == [(D("2025-12-28"), D("2025-12-28"), "day")]
    spans = find_dates("Shelling on 3 January killed three.", date(2025, 12, 28))
    assert spans[0].start == D("2026-01-03")


def test_a_day_and_month_far_ahead_is_the_one_before_unless_told_as_future() -> None:
    # 17 January is 88 days after 21 October and 277 days before it: told as past, the one before
    assert find_dates("[17 Jan] Talks resumed.", PUB)[0].start == D("2025-01-17")
    spans = find_dates("The hostages were seized on 7 October and held in tunnels.", date(2024, 5, 18))
    assert spans[0].start == D("2023-10-07")
    # told as future, the one ahead; within a month ahead, the nearest still (a stale page date)
    assert find_dates("Talks will resume on 17 January.", PUB)[0].start == D("2026-01-17")
    assert find_dates("Clashes erupted on 25 October.", PUB)[0].start == D("2025-10-25")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # 1 March is 131 days after 21 October 2025 and 234 days before it: the nearest is ahead,
        # but a killing is told of the past, so the one before
        ("Shelling on 1 March killed three.", "2025-03-01"),
        # 15 April: 189 days back, 176 ahead
        ("Gunmen stormed the village on 15 April.", "2025-04-15"),
        # 25 November: 330 days back, 35 ahead (beyond the month a past clause allows)
        ("Shelling on 25 November killed three.", "2024-11-25"),
    ],
)
def test_a_day_and_month_185_to_365_days_back_is_last_years(text: str, start: str) -> None:
    assert find_dates(text, PUB)[0].start == D(start)


def test_a_day_and_month_is_at_most_a_year_back() -> None:
    # 29 February 2024 is 365 days before 28 February 2025 and 366 before 1 March 2025
    assert find_dates("Shelling on 29 February killed three.", date(2025, 2, 28))[0].start == D("2024-02-29")
    assert find_dates("Shelling on 29 February killed three.", date(2025, 3, 1)) == []


# A forward-looking word in a day and month's clause (``ahead_cues`` in dates.json) lets it lie up
# to six months ahead, however far back the cue stands in the sentence. Published 10 May 2025.
MAY = date(2025, 5, 10)
AHEAD_CUED = [
    ("The truce was extended until 30 June.", "2025-06-30", "2025-06-30"),
    ("The ceasefire expires on 30 June.", "2025-06-30", "2025-06-30"),
    ("Elections are slated for 20 June.", "2025-06-20", "2025-06-20"),
    ("Ahead of the 15 June vote", "2025-06-15", "2025-06-15"),
    ("The UN mission's mandate runs to 31 July.", "2025-07-31", "2025-07-31"),
    (
        "Talks will resume, both sides said after a long meeting in the capital, on 20 June.",
        "2025-06-20",
        "2025-06-20",
    ),
    ("Rebels must leave the city before the 14 July deadline.", "2025-07-14", "2025-07-14"),
    ("The upcoming talks between 3 and 5 September were confirmed.", "2025-09-03", "2025-09-05"),
]


@pytest.mark.parametrize(("text", "first", "last"), AHEAD_CUED)
def test_a_forward_looking_clause_puts_the_date_ahead(text: str, first: str, last: str) -> None:
    spans = find_dates(text, MAY)
    assert [(s.start, s.end) for s in spans] == [(D(first), D(last))]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("He has been held since 30 June.", "2024-06-30"),  # "since": a point in the past
        ("The shelling on 20 June last year killed three.", "2024-06-20"),
        # a future word in another sentence does not reach the date
        ("Talks will resume. Gunmen killed five on 20 June.", "2024-06-20"),
        # harm told as done outweighs a present verb or a forward-looking word
        ("Police are investigating the 20 June bombing that killed nine.", "2024-06-20"),
        ("Fighting raged near the pass until 30 June, killing 40 fighters.", "2024-06-30"),
        ("The next day, 20 June, a car bomb killed nine.", "2024-06-20"),
    ],
)
def test_a_past_clause_keeps_the_date_back(text: str, start: str) -> None:
    assert find_dates(text, MAY)[0].start == D(start)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # no cue: the tense of the clause's verb decides (from the parse)
        ("The summit takes place on 20 June.", "2025-06-20"),
        ("Parliament votes on 20 June, officials said.", "2025-06-20"),
        ("The parties agreed to meet on 20 June.", "2025-06-20"),
        ("Between 28 June and 2 July, clashes killed five.", "2024-06-28"),
        ("The attack on 20 June killed 12 people, police said.", "2024-06-20"),
        ("A man wounded on 20 June died in hospital.", "2024-06-20"),
        ("He has been detained on 20 June, his lawyer says.", "2024-06-20"),
    ],
)
def test_without_a_cue_the_clauses_tense_decides(nlp: Language, text: str, start: str) -> None:
    found = find_dates(text, MAY, clause=clause_finder(nlp(text)))
    assert found[0].start == D(start)


def test_number_after_month_is_a_count_not_a_day() -> None:
    spans = find_dates("In March 20 people died in the camp.", PUB)
    assert [(s.text, s.start, s.end, s.precision) for s in spans] == [
        ("March", D("2025-03-01"), D("2025-03-31"), "month")
    ]


def test_year_followed_by_count_is_dropped_from_the_date() -> None:
    spans = find_dates("On October 7 2000 people were killed.", PUB)
    assert [(s.text, s.start) for s in spans] == [("October 7", D("2025-10-07"))]


def test_two_weekdays_joined_by_and_stay_separate() -> None:
    spans = find_dates("Strikes on Friday and Saturday hit the port.", PUB)
    assert [(s.text, s.start) for s in spans] == [("Friday", D("2025-10-17")), ("Saturday", D("2025-10-18"))]


def test_weekday_on_a_sunday_publication() -> None:
    sunday = date(2025, 10, 26)
    spans = find_dates("Police said on Sunday that the road was closed last weekend.", sunday)
    assert [(s.text, s.start, s.end) for s in spans] == [
        ("Sunday", sunday, sunday),
        ("last weekend", D("2025-10-18"), D("2025-10-19")),
    ]


def test_impossible_day_falls_back_to_the_month() -> None:
    got = [(s.text, s.precision) for s in find_dates("Report dated 31 April 2024.", PUB)]
    assert got == [("April 2024", "month")]
    got = [(s.text, s.precision) for s in find_dates("Report dated 29 February 2023.", PUB)]
    assert got == [("February 2023", "month")]
    assert find_dates("Report dated 30 February.", PUB) == []
    assert find_dates("Report dated 29 February 2024.", PUB)[0].start == D("2024-02-29")


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    text = "On Saturday, a year after 7 October 2023, in December 2024 and since 2021, on 25 October."
    spans = find_dates(text, None)
    assert [(s.text, s.start, s.end, s.precision) for s in spans] == [
        ("7 October 2023", D("2023-10-07"), D("2023-10-07"), "day"),
        ("December 2024", D("2024-12-01"), D("2024-12-31"), "month"),
        ("since 2021", D("2021-01-01"), None, "year"),
    ]


def test_paragraph_spans_are_sorted_and_disjoint() -> None:
    text = (
        "Militants attacked on the night of Oct 11/12, the army said on Saturday. Since early October "
        "at least 40 have died, after 14 were killed last week and 9 in September 2024."
    )
    spans = find_dates(text, PUB)
    assert [s.text for s in spans] == [
        "Oct 11/12",
        "Saturday",
        "Since early October",
        "last week",
        "September 2024",
    ]
    for s in spans:
        assert s.span_start is not None and s.span_end is not None
        assert text[s.span_start : s.span_end] == s.text
    ends = [(s.span_start, s.span_end) for s in spans]
    assert all(a[1] <= b[0] for a, b in pairwise(ends))  # type: ignore[operator]


def test_resolve_date_takes_the_longest_mention() -> None:
    got = resolve_date("Saturday 18 October", PUB)
    assert got == DateSpan(D("2025-10-18"), D("2025-10-18"), "day", "Saturday 18 October", 0, 19)
    assert resolve_date("no date here", PUB) is None
    assert resolve_date("last week", None) is None


def test_lower_case_month_abbreviations_are_words() -> None:
    assert find_dates("in march", PUB) == []
    assert find_dates("in MAY 2024", PUB)[0].start == D("2024-05-01")


DURATIONS = [
    ("five days of intense clashes", [("five days", 5)]),
    ("a three-day strike", [("three-day", 3)]),
    ("after 48 hours of calm", [("48 hours", 2)]),
    ("two weeks of fighting", [("two weeks", 14)]),
    ("a 72-hour ceasefire", [("72-hour", 3)]),
    ("forty-eight hours later than planned, after a week-long siege", [("a week-long", 7)]),
    ("the siege lasted for a week", [("a week", 7)]),
    ("six months in prison", [("six months", 180)]),
    ("two days ago", []),
    ("a 12-year-old boy", []),
    ("twice a day", []),
    ("some 1,000 days", []),
]


@pytest.mark.parametrize(("text", "expected"), DURATIONS)
def test_durations(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(text[s:e], days) for s, e, days in find_durations(text)] == expected


def test_duration_offsets_point_into_text() -> None:
    text = "After five days of clashes and a 48-hour truce, the army said."
    assert find_durations(text) == [(6, 15, 5), (33, 40, 2)]


@settings(max_examples=300, deadline=None)  # never raising is checked here; speed by test_fuzz.py
@given(st.text(max_size=400), st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1))))
def test_arbitrary_text_never_raises(text: str, published: date | None) -> None:
    spans = find_dates(text, published)
    for s in spans:
        assert s.span_start is not None and s.span_end is not None
        assert text[s.span_start : s.span_end] == s.text
    find_durations(text)


_WORDS = [
    "on",
    "in",
    "since",
    "last",
    "the",
    "October",
    "May",
    "Saturday",
    "25",
    "2024",
    "11/12",
    "-",
    "and",
    "to",
    "between",
    "from",
    "mid-",
    "week",
    "ago",
    "two",
    "days",
    ",",
    "early",
    "of",
    "31",
    "Feb",
]


@settings(max_examples=300, deadline=None)  # never raising is checked here; speed by test_fuzz.py
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.one_of(st.none(), st.dates()))
def test_date_like_word_salad_never_raises(words: list[str], published: date | None) -> None:
    text = " ".join(words)
    spans = find_dates(text, published)
    ends = [(s.span_start or 0, s.span_end or 0) for s in spans]
    assert all(a[1] <= b[0] for a, b in pairwise(ends))
    for s in spans:
        assert s.start is None or s.end is None or s.start <= s.end


def test_speed_on_a_long_text() -> None:
    para = (
        "Officials said on Saturday that 14 soldiers died on the night of Oct 11/12, weeks after a "
        "three-day strike in early October; since 2021 some 1,200 people have been killed. "
    ) * 50
    find_dates(para, PUB)
    t0 = time.perf_counter()
    find_dates(para, PUB)
    assert time.perf_counter() - t0 < 0.5  # ~9 KB; generous bound for a loaded CI machine


def test_a_pages_metadata_date_is_no_mention() -> None:
    pub = date(2025, 10, 13)
    found = find_dates(" date 2025-10-13 Fighting erupted late on 11 October, officials said.", pub)
    assert [(d.text, d.start) for d in found] == [("11 October", date(2025, 10, 11))]
    found = find_dates("Published: 13 October 2025\nClashes broke out on Saturday.", pub)
    assert [d.text for d in found] == ["Saturday"]
    # the same words inside a sentence are a mention
    assert [d.text for d in find_dates("Reports dated 12 October 2025 say so.", pub)] == ["12 October 2025"]


def test_a_date_stamped_with_a_clock_time_is_the_pages_not_an_incidents() -> None:
    assert find_dates("Monday, 06 March 2023 09:41 GMT Drone strike kills four", PUB) == []
    assert find_dates("2025-10-20 18:02:55 (Agency) Shelling hit the town", PUB) == []
    # a time of day written with the incident keeps its date
    kept = find_dates("On 19 October at 22:30 an explosion hit the market.", PUB)
    assert [(d.start, d.text) for d in kept] == [(date(2025, 10, 19), "19 October")]
    kept = find_dates("On 19 October, 22:30, gunmen opened fire.", PUB)
    assert [d.start for d in kept] == [date(2025, 10, 19)]


def test_a_date_with_a_clock_time_and_zone_inside_a_sentence_is_the_incidents() -> None:
    text = "Rebels raided an army camp near Goma on 3 March 2024, 04:40 CAT, and killed nine soldiers."
    assert [(d.start, d.precision) for d in find_dates(text, PUB)] == [(date(2024, 3, 3), "day")]
    # the same stamp on a line of its own is still the page's
    assert find_dates("Rebels raided an army camp near Goma.\n3 March 2024 04:40 CAT\n", PUB) == []
    assert find_dates("Rebels raided a camp.\nUpdated Sunday 3 March 2024 04:40 CAT Goma", PUB) == []
    # stamped in the middle of a line with no word that ties it to a sentence: a mention
    text = "Rebels raided a camp near Goma. 3 March 2024 04:40 CAT was the hour, officials said."
    assert [d.start for d in find_dates(text, PUB)] == [date(2024, 3, 3)]


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("The movement, a militant group formed in 2007, operates from the hills.", True),
        ("The party was founded on 14 August 1947 in the city.", True),
        ("The unit, set up in March 2019, guards the crossing.", True),
        ("The worst fighting since the rebels seized the capital in 2021 left 40 dead.", True),
        ("Fighting broke out in 2021 and has not stopped.", False),
        ("Clashes have continued since 2021.", False),
        ("Shops have been shut since early October.", False),
        ("Troops were deployed on 12 October after the raid.", False),
        ("Most residents have fled since gunmen raided the village on Sunday.", False),
        # a superlative measures from the clause; an old date is the past the report recalls
        ("It was the highest toll since the army stormed the valley on 3 May.", True),
        ("Clashes have flared since the rebels took the town on 4 June 2019.", True),
        # a "since" clause with a recent date and no superlative tells the incident's own date
        (
            "At least 30 people have been killed since the fighting erupted on Saturday, officials said.",
            False,
        ),
        (
            "Fighting has continued since militants attacked the checkpoint on Sunday, killing four "
            "soldiers.",
            False,
        ),
    ],
)
def test_founding_dates_and_since_clauses_are_background(text: str, background: bool) -> None:
    spans = find_dates(text, PUB)
    assert spans
    assert background_date(text, spans[-1], spans, PUB) is background


def test_a_since_clause_of_the_incident_keeps_its_event_word() -> None:
    text = "Fighting has continued since militants attacked the checkpoint on Sunday, killing four soldiers."
    spans = find_dates(text, PUB)
    assert since_clause(text, text.index("checkpoint"))
    assert not since_background(text, text.index("checkpoint"), spans, PUB)
    text = "The raid was the deadliest since the rebels seized the capital."
    assert since_background(text, text.index("seized"), find_dates(text, PUB), PUB)
    # an event word in a clause that gives no date is the point measured from, a date's is not
    text = "Strikes have continued since the rebels signed the ceasefire, officials said."
    assert since_background(text, text.index("ceasefire"), [], PUB, undated=True)
    assert not since_background(text, text.index("ceasefire"), [], PUB)
    # undated: the clause's year is old beside the sentence's own date
    text = "On 12 March 2024 it was worse than it had been since rebels seized the town in 2019."
    assert since_background(text, text.index("2019"), find_dates(text, None), None)


def test_since_opens_a_clause_only_with_words_of_its_own() -> None:
    text = "the deadliest since the rebels seized the capital"
    assert since_clause(text, text.index("seized"))
    text = "shut since early October"
    assert not since_clause(text, text.index("October"))
