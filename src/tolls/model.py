"""Domain types shared by every stage: what a document says, not how it is stored.

These are plain dataclasses (house style: NLP output types are neither ORM rows nor API
schemas). Every extracted value keeps the character span it came from, so a claim, a date or
a place can always be traced back to its document.

Serialisation to the interchange format (``../shared/eval/SCHEMA.md``) lives in
:mod:`tolls.extract.contract`; nothing here knows about JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Qualifier = Literal["exact", "at_least", "more_than", "about", "up_to", "range", "vague"]
ClaimKind = Literal[
    "killed", "injured", "captured", "missing", "detained", "displaced", "deported", "posts_captured", "other"
]
Stance = Literal["asserted", "denied", "disputed"]
DatePrecision = Literal["day", "week", "month", "year"]
PlacePrecision = Literal["town", "district", "province", "country", "line", "area"]
Scope = Literal["incident", "aggregate"]
GradeName = Literal["confirmed", "fair", "weak", "contested", "discounted"]

GRADES: tuple[GradeName, ...] = ("confirmed", "fair", "weak", "contested", "discounted")
"""Airwars-style grades of a ledger event (``docs/grades.md``), most trusted first."""

CLAIM_KINDS: tuple[ClaimKind, ...] = (
    "killed",
    "injured",
    "captured",
    "missing",
    "detained",
    "displaced",
    "deported",
    "posts_captured",
    "other",
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written and its reading (SCHEMA.md "figure")."""

    text: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: Qualifier


@dataclass(frozen=True, slots=True)
class FigureMention:
    """A figure found in a text, with its character span."""

    start: int
    end: int
    figure: Figure


@dataclass(frozen=True, slots=True)
class Party:
    """A claimant, a victim group or an actor: a name, its side's country and ACLED inter code.

    ``country`` is ISO 3166-1 alpha-3 or ``""`` when unknown or international; ``inter`` is the
    ACLED interaction code (0 = unattributed / unknown side, ``None`` = status not stated).
    """

    name: str
    country: str = ""
    inter: int | None = 0
    start: int | None = None
    end: int | None = None


UNATTRIBUTED = Party(name="", country="", inter=0)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date or date range resolved against the publication date, with its precision."""

    start: date | None
    end: date | None
    precision: DatePrecision | None
    text: str = ""
    span_start: int | None = None
    span_end: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A place name found in a text, resolved to coordinates where possible."""

    name: str
    start: int | None = None
    end: int | None = None
    admin1: str = ""
    country: str = ""
    precision: PlacePrecision | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    lent: bool = False
    """Not told of this incident: lent by the nearest incident of the same report that the text
    places (docs/extraction.md). It places the document's event record, never links incidents."""


@dataclass(slots=True)
class Claim:
    """One figure that one claimant states about one group in one incident."""

    claimant: Party
    kind: ClaimKind
    victims: Party
    figure: Figure
    span: tuple[int, int]
    stance: Stance = "asserted"
    event_ref: int | None = None
    evidence: str = ""
    sentence: int | None = None
    subset: bool = False
    """An identity subset of another claim ("including seven children"): kept, never summed."""
    prior: bool = False
    """The figure belongs to an earlier incident given as background ("protests over the killing
    of 17 people"): kept as a claim, not attached to this document's incidents."""
    coordination: int | None = None
    """Claims whose victim groups are coordinated in one phrase ("a police officer and two
    soldiers were killed") share this key: their figures add up, where one claimant's separate
    figures for the same group are alternatives."""
    tally: bool = False
    """The source's own recorded count ("13 fatalities recorded", "2 coded for 8 Jan"), as event
    datasets write in their notes: it decides the event's low and best."""
    told_at: int | None = None
    """Where the claim is first told, when ``span`` points at a later telling whose figure it
    took (a headline's "kills 10" restated "at least 10 people were killed"): the claim belongs
    to the incident of its first telling. Extraction only; not stored."""


@dataclass(frozen=True, slots=True)
class Fatalities:
    low: int | None
    best: int | None
    high: int | None


@dataclass(slots=True)
class Event:
    """One incident (a place and a time) with the claims a document makes about it."""

    type: str
    dates: DateSpan = field(default_factory=lambda: DateSpan(None, None, None))
    locations: list[Place] = field(default_factory=list)
    actors: list[Party] = field(default_factory=list)
    fatalities: Fatalities | None = None
    scope: Scope = "incident"
    summary: str = ""
    span: tuple[int, int] | None = None


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    doc_id: str
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    toponyms: list[Place] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class InputDocument:
    """A document to extract from (SCHEMA.md input line)."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    toponyms: tuple[tuple[int, int], ...] | None = None


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """An event as an existing dataset coded it: one row of an ACLED or UCDP GED file.

    ``values`` are the row's cells as written, keyed by lower-cased column name, so the event
    can be given back exactly as the dataset coded it; ``external_id`` is the row's own id
    (ACLED ``event_id_cnty``, UCDP ``id``). The row's notes are the document's text.
    ``date_format`` is the ``--date-format`` the row was read with, so that it reads the same
    date every time it is read again (extraction, ledger rebuilds).
    """

    dataset: Literal["acled", "ucdp"]
    external_id: str
    values: tuple[tuple[str, str], ...] = ()
    date_format: str | None = None

    def get(self, column: str) -> str:
        """The cell of ``column`` (lower case), ``""`` when the row has no such column."""
        return next((v for k, v in self.values if k == column), "")


# --- the ledger: many documents, reconciled --------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A document as ingested: the extraction input plus where it came from.

    ``source`` names the file, feed or URL it was read from and ``locator`` the item inside it
    (a JSONL line, a CSV row, a feed entry id), so an ingest error or a claim can be traced back.
    """

    doc: InputDocument
    source: str
    locator: str = ""
    format: str = "text"
    """One of ``text``, ``html``, ``rss``, ``jsonl``, ``csv``, ``url``, ``acled``, ``ucdp``."""
    coded: CodedEvent | None = None
    """The row of an event dataset this document is the notes of: the document describes that
    one event, which its claims attach to (never a syndicated copy of another row)."""


@dataclass(frozen=True, slots=True)
class IngestProblem:
    """An input (a file, a JSONL line, a CSV row, a feed entry, a URL) that gave no document.

    ``code`` is the stable error code (``E303``) and ``message`` the full coded message, which
    says what to do; ingesting goes on with the next item.
    """

    source: str
    locator: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class SourcedClaim:
    """A claim in the ledger: one statement, the document it was read in, and every other
    document that repeats it (a syndicated or repeated claim gains no weight)."""

    id: str
    claim: Claim
    doc_id: str
    published: date | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Estimate:
    """Low / best / high for one victim group and one kind in one ledger event."""

    kind: ClaimKind
    group: str
    """``civilians``, ``unknown`` or ``side``: how ``victims`` is read (``reconciliation.md``)."""
    victims: Party
    low: int
    best: int
    high: int
    rule: str
    """Which rule chose ``best`` (e.g. ``independent``, ``admission``, ``lowest-adversary``)."""
    claims: tuple[str, ...] = ()
    """Ids of the :class:`SourcedClaim` behind the figures."""
    contested: bool = False
    """Two claimants' ranges for this group and kind do not overlap."""


@dataclass(frozen=True, slots=True)
class MergeDecision:
    """Why a document's incident was (or was not) linked to a ledger event."""

    doc_id: str
    doc_event: int
    event_id: str
    score: float
    linked: bool
    reason: str


@dataclass(frozen=True, slots=True)
class EventGrade:
    """How far a ledger event can be trusted, and why (``docs/grades.md``).

    ``by`` names the analyst who set the grade by hand; ``None`` when computed from the claims."""

    grade: GradeName
    reasons: tuple[str, ...] = ()
    by: str | None = None


@dataclass(slots=True)
class LedgerEvent:
    """One incident across documents: the reconciled view that the ledger stores and exports."""

    id: str
    type: str
    dates: DateSpan = field(default_factory=lambda: DateSpan(None, None, None))
    locations: list[Place] = field(default_factory=list)
    actors: list[Party] = field(default_factory=list)
    claims: list[SourcedClaim] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    fatalities: Fatalities | None = None
    contested: bool = False
    scope: Scope = "incident"
    summary: str = ""
    notes: str = ""
    """Plain-language account of the dispute, as ACLED writes it in its notes column."""
    coded: CodedEvent | None = None
    """The dataset row this event was imported from, as the dataset coded it (exports give it
    back with its own id); ``None`` for events read from reporting alone."""
    grade: EventGrade | None = None
    """Computed by :func:`tolls.reconcile.grade.grade_event`, or set by an analyst."""
