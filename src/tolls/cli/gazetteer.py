"""``tolls gazetteer``: build, import into and query the offline gazetteer (thin shell over tolls.geo)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from tolls.geo import Gazetteer, build_gazetteer, import_alternate_names, import_geonames
from tolls.geo.build import DEFAULT_PATH
from tolls.geo.importer import DEFAULT_CLASSES
from tolls.settings import get_settings

app = typer.Typer(help="Offline gazetteer (GeoNames extracts + curated supplement).", no_args_is_help=True)

DbOption = Annotated[Path, typer.Option("--db", help="Gazetteer SQLite file.")]


@app.command("build")
def build_cmd(
    out: Annotated[Path, typer.Argument(help="Where to write the gazetteer.")] = DEFAULT_PATH,
) -> None:
    """Compile the packaged GeoNames data and the supplement into OUT."""
    stats = build_gazetteer(out)
    typer.echo(f"built {stats.path}: {stats.places} places, {stats.names} names in {stats.seconds} s")


@app.command("import")
def import_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="GeoNames dump: allCountries.txt, XX.txt, cities500.txt or alternateNamesV2.txt.",
        ),
    ],
    db: Annotated[
        Path | None, typer.Option("--db", help="Gazetteer SQLite file (default: settings' geo.gazetteer).")
    ] = None,
    admin1: Annotated[Path | None, typer.Option("--admin1", exists=True, help="admin1CodesASCII.txt")] = None,
    classes: Annotated[
        str, typer.Option("--classes", help="GeoNames feature classes to import (R U V are opt-in).")
    ] = "".join(sorted(DEFAULT_CLASSES)),
) -> None:
    """Add a full GeoNames dump to the gazetteer; malformed rows are listed and skipped.

    A file named alternateNames*.txt adds names to the places already held."""
    target = db if db is not None else get_settings().geo.gazetteer
    wanted = frozenset(classes.upper().replace(",", ""))
    if not wanted <= frozenset("ADHLPRSTUV"):
        raise typer.BadParameter(f"unknown feature class in {classes!r}", param_hint="--classes")
    err = Console(stderr=True)
    with Progress(
        TextColumn(f"import {file.name}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("bytes", total=file.stat().st_size)

        def tick(n: int) -> None:
            bar.advance(task, n)

        if file.name.startswith("alternateNames"):
            report = import_alternate_names(target, file, progress=tick)
        else:
            report = import_geonames(target, file, admin1_file=admin1, classes=wanted, progress=tick)
    for lineno, reason in report.skipped:
        typer.echo(f"{file}:{lineno}: skipped: {reason}", err=True)
    what = "names" if file.name.startswith("alternateNames") else "places"
    typer.echo(
        f"imported {report.imported} {what}, skipped {len(report.skipped)} malformed rows"
        f" (left out on purpose: {report.filtered}) into {target}"
    )


@app.command("lookup")
def lookup_cmd(name: str, db: DbOption = DEFAULT_PATH, limit: int = 10) -> None:
    """List the candidates for NAME, most populous first."""
    gaz = Gazetteer.open(db)
    cands = sorted(gaz.candidates(name), key=lambda c: -c.population)[:limit]
    for c in cands:
        fields = (c.public_id or "-", c.name, c.country3, c.admin1, c.precision, c.lat, c.lon)
        typer.echo("\t".join(str(f) for f in fields))
    if not cands:
        typer.echo(f"no candidates for {name!r}")
