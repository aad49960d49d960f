"""The console entry point, kept tiny: ``claimlog --version`` answers before typer,
rich or pydantic is imported (a third of the time of ``claimlog rules``); every other
command goes to :func:`claimlog.cli.main`."""

from __future__ import annotations

import sys


def main() -> None:
    """Run claimlog with the process's arguments."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"claimlog {__version__}\n")
        sys.stdout.flush()
        return
    from .cli import main as run

    run()
