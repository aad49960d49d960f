"""CL110: a URL that reads as one site and goes to another (a reviewer's tour: a
stranger's `https://www.reuters.com@evil.example/article` passed `check` and became a
link in the report whose text named Reuters)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimlog.checks.urls import deception
from conftest import CLEAN_LEDGER, Run, write


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://www.reuters.com@evil.example/article", "goes to 'evil.example'"),
        ("https://user:pass@example.org:8080/", "goes to 'example.org'"),
        ("http://a@[2001:db8::1]/x", "goes to '[2001:db8::1]'"),
        ("https://www.reuter\u0455.com/", "mixes Latin and Cyrillic letters in 'reuter\u0455'"),
        ("https://bbc\u200b.co.uk/news", "invisible character U+200B ZERO WIDTH SPACE"),
        ("https://bbc\u00ad.co.uk/news", "invisible character U+00AD SOFT HYPHEN"),
        # a review: these passed and were linked
        ("https://www.reuters.com\u2044world\u2044a.evil.example/", "U+2044 FRACTION SLASH"),
        ("https://news\uff0ebbc.co.uk/", "U+FF0E FULLWIDTH FULL STOP"),
        ("https://\u0430\u0440\u0440\u04cf\u0435.com/", "looks like the Latin 'apple'"),
        # a review of the report: a YAML escape put U+202E in the path, and the link
        # read as ending in 'evil.com'
        (
            "https://www.reuters.com/\u202emoc.live",
            "bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE",
        ),
        ("https://example.org/a\u2066b", "bidirectional control U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("https://example.org/?q=\u200f", "bidirectional control U+200F RIGHT-TO-LEFT MARK"),
        ("https://example.org/#\u2060", "invisible character U+2060 WORD JOINER"),
        ("https://example.org/\U000e0041", "invisible character U+E0041 TAG LATIN CAPITAL"),
        ("https://\u202ewww.reuters.com/", "bidirectional control U+202E"),
    ],
)
def test_deceptive_urls_say_where_they_go(url: str, says: str) -> None:
    found = deception(url)
    assert found is not None
    assert says in found[0]


@pytest.mark.parametrize(
    "url",
    [
        "https://mastodon.social/@someone/1234",
        "https://web.archive.org/web/2024/https://user@example.org/",
        "https://example.org/?next=a@b",
        "https://example.org#@evil",
        "https://xn--e1afmkfd.xn--p1ai/",
        "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/",  # its own TLD
        "https://\u043f\u0440\u0438\u043c\u0435\u0440.com:443/",
        "http://[2001:db8::1]:80/",
        # '\\' ends the host as '/' does: this goes to evil.example, and reads so (the
        # backslash itself is CL107: other programs read it as part of the host)
        "https://evil.example\\@www.reuters.com/",
        "https://b\u00fccher.de/",
        # the joiners and the soft hyphen are text in a path (Persian words, emoji)
        "https://fa.wikipedia.org/wiki/\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "https://example.org/\U0001f468\u200d\U0001f469",
    ],
)
def test_plain_urls_pass(url: str) -> None:
    assert deception(url) is None


@given(
    st.from_regex(r"[a-z0-9-]{1,20}(\.[a-z0-9-]{1,10}){0,3}", fullmatch=True),
    st.from_regex(r"(/[!-~]*)?", fullmatch=True),
)
def test_an_ascii_host_without_user_information_never_deceives(host: str, rest: str) -> None:
    assert deception(f"https://{host}{rest}") is None


@pytest.mark.parametrize(
    ("url", "code", "says"),
    [
        # a review of the report: a YAML escape put U+202E in the value (the file holds
        # none: no CL015), check said nothing, and the report linked it
        (
            '"https://www.reuters.com/\\u202emoc.live"',
            "CL110",
            "bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE",
        ),
        ('"https://example.org/a\\u200bb"', "CL110", "invisible character U+200B"),
        # browsers go to Reuters, Python's urllib to evil.example: accepted and linked
        (
            "'https://www.reuters.com\\@evil.example/'",
            "CL107",
            "it holds a backslash, which browsers read as '/'",
        ),
        ("https://example.org/a\\b", "CL107", "it holds a backslash"),
        ('"https://example.org/\\x9b"', "CL107", "the control character U+009B"),
        ('"https://example.org/\\x01"', "CL107", "the control character U+0001"),
    ],
)
def test_a_url_that_shows_otherwise_is_an_error_and_no_link(
    cli: Callable[..., Run], tmp_path: Path, url: str, code: str, says: str
) -> None:
    text = CLEAN_LEDGER.replace("    name: Source A\n", f"    name: Source A\n    url: {url}\n")
    write(tmp_path / "u.yaml", text)
    result = cli(["check", "--format", "json", "u.yaml"], cwd=tmp_path)
    assert result.code == 1
    (found,) = result.json()["diagnostics"]
    assert (found["code"], found["line"], found["column"]) == (code, 5, 10)
    assert says in found["message"]
    result = cli(["report", "-o", "site", "u.yaml"], cwd=tmp_path)
    assert result.code == 1, result.stderr
    page = (tmp_path / "site" / "source-src-a.html").read_text(encoding="utf-8")
    assert 'class="ext"' not in page
