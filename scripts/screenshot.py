"""The picture of the report in the README and docs/matrix-and-graph.md: the overview
page of the sample ledgers' report, 1280 x 800, as Chromium draws it.

    .venv/bin/python scripts/screenshot.py    # writes docs/report-overview.png

Needs Chromium (Debian's ``chromium``, at /usr/bin/chromium unless CHROMIUM names
another) and playwright (both installed by ``make test``). The report weighs all the
evidence, as a reader's would: no ``--as-of``, which would leave the undated items out
(so the figures move a little with the calendar, as evidence ages).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PICTURE = ROOT / "docs" / "report-overview.png"


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run(
            [sys.executable, "-m", "claimlog", "report", "ledgers", "-o", str(site)],
            cwd=ROOT,
            check=False,  # exit 1 when the set has error findings: the report is written
        )
        if not (site / "index.html").is_file():
            sys.exit("the report was not written")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto((site / "index.html").as_uri())
            page.screenshot(path=str(PICTURE))
            browser.close()
    print(f"Wrote {PICTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
