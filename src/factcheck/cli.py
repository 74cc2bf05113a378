"""Command line: parse arguments, call the library, render, set the exit code."""

from __future__ import annotations

import click

from factcheck import __version__


@click.group()
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Compare press releases and report discrepancies."""


def main() -> None:
    cli()
