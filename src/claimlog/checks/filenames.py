"""File names that read otherwise than they are (CL018): a check of the set, not of
a file's text, so that ``fmt`` still formats a file whose name is the only problem."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..ledgerset import LedgerSet
from ..loader import misleading_name
from .options import CheckOptions


def misleading_file_names(ls: LedgerSet, options: CheckOptions) -> Iterator[Diagnostic]:
    """CL018 at each file of the set whose name holds a control character or a
    bidirectional control."""
    for path in sorted(ls.loaded):
        found = misleading_name(path)
        if found is not None:
            yield found
