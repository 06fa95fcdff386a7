"""Hand-built ledger events: the 11–12 October 2025 border clashes and edge cases."""

from __future__ import annotations

from datetime import date

import pytest

from tolls.model import (
    Claim,
    ClaimKind,
    DateSpan,
    Estimate,
    Figure,
    LedgerEvent,
    Party,
    Place,
    Qualifier,
    SourcedClaim,
)
from tolls.reconcile.grade import grade_event

ISPR = Party("Pakistani military (ISPR)", "PAK", 1)
MUJAHID = Party("Zabiullah Mujahid", "AFG", 1)
CRICKET_BOARD = Party("Afghanistan Cricket Board", "AFG", 7)
SOLDIERS = Party("Pakistani soldiers", "PAK", 1)
TALIBAN = Party("Taliban and affiliated fighters", "AFG", 1)
AFGHAN_FIGHTERS = Party("Afghan fighters", "AFG", 1)
CIVILIANS = Party("civilians", "AFG", 7)
PEOPLE = Party("people", "", None)


def figure(text: str, value: int, qualifier: Qualifier = "exact", low: int | None = None) -> Figure:
    low = value if low is None and qualifier == "exact" else low
    return Figure(
        text=text, value=value, low=low, high=value if qualifier == "exact" else None, qualifier=qualifier
    )


def sourced(
    cid: str,
    doc: str,
    claimant: Party,
    victims: Party,
    fig: Figure,
    span: tuple[int, int],
    *,
    kind: ClaimKind = "killed",
    published: date = date(2025, 10, 12),
    sources: tuple[str, ...] = (),
) -> SourcedClaim:
    claim = Claim(claimant=claimant, kind=kind, victims=victims, figure=fig, span=span, sentence=1)
    return SourcedClaim(id=cid, claim=claim, doc_id=doc, published=published, sources=sources)


@pytest.fixture
def border_clash() -> LedgerEvent:
    """Night of 11/12 October 2025: ISPR 23 soldiers and 200+ Taliban; Mujahid 58 and 9."""
    claims = [
        sourced("c1", "01-ispr-border-posts", ISPR, SOLDIERS, figure("23", 23), (150, 152)),
        sourced("c2", "01-ispr-border-posts", ISPR, SOLDIERS, figure("29", 29), (190, 192), kind="injured"),
        sourced(
            "c3",
            "01-ispr-border-posts",
            ISPR,
            TALIBAN,
            figure("more than 200", 200, "more_than", low=201),
            (380, 393),
            sources=("reuters-2025-10-12",),
        ),
        sourced("c4", "02-mujahid-statement", MUJAHID, SOLDIERS, figure("58", 58), (160, 162)),
        sourced("c5", "02-mujahid-statement", MUJAHID, AFGHAN_FIGHTERS, figure("nine", 9), (260, 264)),
    ]
    estimates = [
        Estimate("killed", "side", SOLDIERS, 23, 23, 58, "admission", ("c1", "c4"), contested=True),
        Estimate("killed", "side", AFGHAN_FIGHTERS, 9, 9, 201, "admission", ("c3", "c5"), contested=True),
        Estimate("injured", "side", SOLDIERS, 29, 29, 30, "admission", ("c2",)),
    ]
    event = LedgerEvent(
        id="pak-afg-2025-10-11-border",
        type="Battles/Armed clash",
        dates=DateSpan(date(2025, 10, 11), date(2025, 10, 12), "day", "the night of 11/12 October"),
        locations=[
            Place(
                "Angoor Adda",
                admin1="Khyber Pakhtunkhwa",
                country="PAK",
                precision="town",
                lat=32.33,
                lon=69.37,
            ),
            Place("Durand Line", country="PAK", precision="line", lat=31.5, lon=67.0),
        ],
        actors=[ISPR, Party("Afghan Taliban", "AFG", 1), Party("Pakistan Air Force", "PAK", 1)],
        claims=claims,
        estimates=estimates,
        documents=["01-ispr-border-posts", "02-mujahid-statement"],
        contested=True,
        summary="Afghan Taliban forces attacked Pakistani border posts along the Durand Line; "
        "Pakistan answered with artillery and air strikes.",
    )
    event.grade = grade_event(event)  # as reconciliation grades it: contested
    return event


@pytest.fixture
def paktika_strike() -> LedgerEvent:
    """17 October: strikes in Paktika kill civilians; a larger figure for unspecified people."""
    claims = [
        sourced(
            "p1",
            "05-paktika-strikes",
            CRICKET_BOARD,
            CIVILIANS,
            figure("eight", 8),
            (90, 95),
            published=date(2025, 10, 18),
        ),
        sourced(
            "p2",
            "05-paktika-strikes",
            MUJAHID,
            PEOPLE,
            figure("at least 10", 10, "at_least", low=10),
            (300, 311),
            published=date(2025, 10, 18),
        ),
    ]
    estimates = [
        Estimate("killed", "civilians", CIVILIANS, 8, 8, 8, "independent", ("p1",)),
        Estimate("killed", "unknown", PEOPLE, 10, 10, 12, "lowest-adversary", ("p2",)),
    ]
    return LedgerEvent(
        id="pak-afg-2025-10-17-paktika",
        type="Explosions/Remote violence/Air/drone strike",
        dates=DateSpan(date(2025, 10, 17), date(2025, 10, 17), "day"),
        locations=[
            Place("Urgun", admin1="Paktika", country="AFG", precision="district", lat=32.93, lon=69.18)
        ],
        actors=[Party("Pakistan Air Force", "PAK", 1), CIVILIANS],
        claims=claims,
        estimates=estimates,
        documents=["05-paktika-strikes"],
    )


@pytest.fixture
def bare_event() -> LedgerEvent:
    """No location, no dates, no actors, no claims, no estimates."""
    return LedgerEvent(id="bare", type="Strategic developments/Other")


@pytest.fixture
def hostile_event() -> LedgerEvent:
    """Untrusted article text that tries spreadsheet formulas, quotes and line breaks."""
    claim = sourced(
        "h1",
        "=evil-doc",
        Party('=HYPERLINK("http://x")', "", 0),
        Party("-people", "", None),
        figure("3", 3),
        (0, 1),
    )
    return LedgerEvent(
        id="hostile",
        type="Violence against civilians/Attack",
        dates=DateSpan(date(2025, 10, 9), date(2025, 10, 9), "day"),
        locations=[Place("@Kabul", country="AFG", precision="town", lat=34.53, lon=69.17, admin1="+Kabul")],
        actors=[Party("=cmd|' /C calc'!A0", "", 3)],
        claims=[claim],
        estimates=[Estimate("killed", "unknown", PEOPLE, 3, 3, 3, "lowest-adversary", ("h1",))],
        documents=["=evil-doc"],
        summary="=cmd|' /C calc'!A0",
        notes="\tHe said \"stop\",\r\nthen left; she said 'no'.",
    )


@pytest.fixture
def ledger(
    border_clash: LedgerEvent,
    paktika_strike: LedgerEvent,
    bare_event: LedgerEvent,
    hostile_event: LedgerEvent,
) -> list[LedgerEvent]:
    return [border_clash, paktika_strike, bare_event, hostile_event]
