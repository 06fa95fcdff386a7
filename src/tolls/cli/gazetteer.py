"""``tolls gazetteer``: build, import into and query the offline gazetteer (thin shell over tolls.geo)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tolls.geo import Gazetteer, build_gazetteer, import_geonames
from tolls.geo.build import DEFAULT_PATH

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
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="GeoNames dump (XX.txt).")],
    db: DbOption = DEFAULT_PATH,
    admin1: Annotated[Path | None, typer.Option("--admin1", exists=True, help="admin1CodesASCII.txt")] = None,
) -> None:
    """Add a full GeoNames dump to the gazetteer; malformed rows are listed and skipped."""
    report = import_geonames(db, file, admin1_file=admin1)
    for lineno, reason in report.skipped:
        typer.echo(f"{file}:{lineno}: skipped: {reason}", err=True)
    typer.echo(f"imported {report.imported} places, skipped {len(report.skipped)} malformed rows")


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
