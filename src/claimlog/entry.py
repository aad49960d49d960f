"""The console entry point, kept tiny: ``claimlog --version`` answers before typer,
rich or pydantic is imported (a third of the time of ``claimlog rules``); every other
command goes to :func:`claimlog.cli.main`, with the cyclic garbage collector off
before the command line's modules are imported: the collections that their tens of
thousands of objects would set off find nothing to free (6 ms of the 93 ms of a
``check`` of a small file, issue 13; :func:`claimlog.cli.main` keeps it off for the
run)."""

from __future__ import annotations

import sys


def main() -> None:
    """Run claimlog with the process's arguments."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"claimlog {__version__}\n")
        sys.stdout.flush()
        return
    import gc

    gc.disable()
    from .cli import main as run

    run()
