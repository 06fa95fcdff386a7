"""The sources file: read whole, or refused with a coded error naming the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tolls.errors import ConfigError
from tolls.watch import Politeness, load_sources, parse_sources

GOOD = """\
# two sources of our own invention
[politeness]
min_delay = 2.5
user_agent = "tolls-watch/test (+mailto:desk@example.org)"
concurrency = 3

[[source]]
name = "wire-east"
url = "https://wire.example.org/feed.xml#top"
outlet = "Example Wire"
interval = 120

[[source]]
name = "ministry"
url = "http://ministry.example.org/statements/latest"
kind = "page"
"""


def test_a_good_file_is_read_with_defaults_filled_in() -> None:
    config = parse_sources(GOOD, path="sources.toml")
    assert config.politeness == Politeness(
        min_delay=2.5, user_agent="tolls-watch/test (+mailto:desk@example.org)", concurrency=3
    )
    wire, ministry = config.sources
    assert (wire.name, wire.url, wire.outlet, wire.kind, wire.interval) == (
        "wire-east",
        "https://wire.example.org/feed.xml",  # canonical: no fragment
        "Example Wire",
        "feed",
        120.0,
    )
    assert (ministry.kind, ministry.outlet, ministry.interval, ministry.host) == (
        "page",
        "",
        300.0,
        "ministry.example.org",
    )
    assert parse_sources('[[source]]\nname = "a"\nurl = "http://a.example/"\n').politeness == Politeness()


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as info:
        parse_sources(text, path="sources.toml")
    return str(info.value)


def test_toml_syntax_errors_name_the_line() -> None:
    message = _error('[[source]]\nname = "a"\nurl = "http://a.example/\n')
    assert message.startswith("[E350] The sources file 'sources.toml' cannot be read: not valid TOML")
    assert "line 3" in message


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ('interval = "soon"', "interval", "must be a number of seconds"),
        ("interval = 0", "interval", "must be at least 1"),
        ("interval = 1e12", "interval", "must be at most 2.592e+06 seconds (30 days)"),
        ('url = "https://ana:s3cret@feeds.example.org/rss"', "url", "must not hold a user name or password"),
        ('kind = "podcast"', "kind", "must be one of feed, page"),
        ('url = "ftp://files.example.org/feed"', "url", "is not an http(s) URL"),
        ('url = "file:///etc/passwd"', "url", "is not an http(s) URL"),
        ('name = "a b"', "name", "must be 1-64 letters"),
        ("colour = 3", "colour", "is not a source field"),
        ("outlet = 7", "outlet", "must be a string"),
    ],
)
def test_a_bad_field_names_its_source_line_and_field(change: str, field: str, reason: str) -> None:
    lines = GOOD.splitlines()
    second = lines.index('name = "ministry"') - 1  # its [[source]] header, line 13
    key = change.split(" =")[0]
    lines = lines[:second] + [x for x in lines[second:] if not x.startswith(f"{key} =")] + [change]
    message = _error("\n".join(lines) + "\n")
    assert message.startswith(
        f"[E351] The sources file 'sources.toml', source 2 (line 13): {field!r} {reason}"
    )


def test_missing_and_repeated_names_and_bad_politeness_are_refused() -> None:
    assert "source 1 (line 1): 'url' is missing" in _error('[[source]]\nname = "a"\n')
    twice = '[[source]]\nname = "a"\nurl = "http://a.example/"\n[[source]]\nname = "a"\nurl = "http://b.example/"\n'
    assert "source 2 (line 4): 'name' repeats the name of source 1" in _error(twice)
    assert "'source' must list at least one [[source]]" in _error("[politeness]\nmin_delay = 1\n")
    assert "[politeness] (line 1): 'concurrency' must be a whole number from 1 to 64" in _error(
        '[politeness]\nconcurrency = 0\n[[source]]\nname = "a"\nurl = "http://a.example/"\n'
    )
    assert "'ua' is not a politeness setting" in _error('[politeness]\nua = "x"\n[[source]]\nname="a"\n')
    assert "'sources' is not a known table" in _error('[[sources]]\nname = "a"\n')


def test_an_unreadable_file_is_e350(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^\[E350\] .*missing\.toml.*No such file"):
        load_sources(tmp_path / "missing.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[[source]]\nname = "caf\xe9"\n')
    with pytest.raises(ConfigError, match=r"^\[E350\]"):
        load_sources(path)
