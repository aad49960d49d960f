"""about.html: what the report's numbers mean, in a few plain words.

Every figure is read from the constants of the assessment
(:mod:`claimlog.credibility.tables`), so the page says what the engine does; the text
follows docs/credibility.md, the whole explanation, and says nothing it does not say.
"""

from __future__ import annotations

from ...credibility.tables import (
    CONTESTED_RATIO,
    CREDIBILITY,
    CREDIBLE_DB,
    DECISIVE,
    INTEREST,
    PRIOR_DB,
    REFUTED_AT,
    RELAY_BASE,
    RELIABILITY,
    SATURATION,
    STANCE,
    SUPPORTED_AT,
    WEAK_TEST,
)
from .context import Context
from .markup import CREDIBILITY_TEXT, RELIABILITY_TEXT, link, table

INTEREST_WHEN = {
    "none": "no speaker is on the claimant's side or affiliated with a party to the claim",
    "party": "affiliated with a party whose side is not known, or speaking for both sides",
    "self-serving": "the claimant's side supporting, or the accused (or whoever makes a "
    "rival answer) refuting: a statement expected whatever the truth",
    "admission": "the claimant's side refuting, or the accused (or whoever makes a rival "
    "answer) supporting: a statement against its own side",
}


def about_page(ctx: Context) -> str:
    """about.html."""
    body = (
        f'<p class="crumbs">{link("index.html", "Overview")}</p>\n'
        "<h1>About the numbers</h1>\n"
        "<p>Every figure in this report is claimlog's assessment of the evidence recorded "
        "in the ledgers, computed by fixed rules from the grades and stances the ledgers "
        "give: not a fact, and nothing learned from data. This page says in a few words "
        "what each figure means. The whole explanation, with every constant and the "
        "reason for it, is the page \u201cThe credibility assessment\u201d of the claimlog "
        "documentation (<code>docs/credibility.md</code> in claimlog's source).</p>\n"
        + _probability()
        + _weight()
        + _quality()
        + _interest()
        + _lines_and_uncertainty()
        + _verdict()
        + _contributions()
    )
    return ctx.shell("About the numbers", body)


def _probability() -> str:
    return (
        '<h2 id="probability">Probability and likelihood</h2>\n'
        "<p>How likely the claim is to be true, given the evidence in the ledgers. It "
        "starts from the claim's prior, its base rate before any evidence: the ledger's "
        "<code>prior</code>, or else 50% for a claim on its own and, in a group of "
        "competing claims, equal shares of what the given priors leave, where \u201cnone "
        "of these\u201d takes one more share unless the group is exhaustive (an exhaustive "
        "group's priors are scaled to add up to 1). Each counted item then moves it. A "
        "claim on its own is weighed against its negation; the claims of a group share one "
        "distribution. Probabilities are shown rounded down to a tenth of a percent (with "
        "more decimals just above 55% and 95%, where the words change).</p>\n"
        "<p>The words beside a probability are the ICD 203 expressions of likelihood: "
        "almost no chance under 5%, very unlikely under 20%, unlikely under 45%, roughly "
        "even chance up to 55%, likely under 80%, very likely up to 95%, almost certain "
        "above. A claim that no evidence moved reads \u201cprior only, no evidence\u201d."
        "</p>\n"
    )


def _weight() -> str:
    ordinary, strong = STANCE["supports"][1], STANCE["strongly-supports"][1]
    return (
        '<h2 id="db">Weight of evidence, in dB</h2>\n'
        "<p>Each item is a likelihood ratio: how much more expected the item is if the "
        "claim is true than if it is false. Its weight of evidence is that ratio in "
        "decibans (dB): ten times the base-10 logarithm of the ratio. 10 dB is a ratio of "
        "10:1, 6 dB about 4:1, 3 dB about 2:1, 0 dB an item equally expected either way. "
        "Weights of independent evidence add. For a claim on its own, its odds are its "
        "prior odds moved by the sum: odds(claim | evidence) = odds(claim) \u00d7 "
        "10^(score / 10), where the score is the weight for less the weight against, in "
        "dB. In a group the claims share one distribution: evidence on a rival moves the "
        "claim too, an item bearing on several claims counts there at its smallest weight, "
        "and in an open group what a claim its evidence counts against loses goes to "
        "\u201cnone of these\u201d; so the weights for and against shown beside a claim of "
        "a group do not give its probability by this formula.</p>\n"
        f"<p>An ordinary item that supports or refutes weighs {ordinary:g} dB at full "
        f"quality, one that strongly supports or strongly refutes {strong:g} dB; a neutral "
        "item weighs nothing. The weight is scaled by the item's quality and by the "
        "speaker's interest (below). An item that takes stances on several claims of one "
        "group is one observation: a refutation no stronger than the support it gives "
        "another claim is what that support implies, and moves the probabilities no "
        "further (\u201csupports A, refutes B and C\u201d moves them as \u201csupports "
        "A\u201d alone); a stronger one counts whole. A process-tracing test can make a "
        "well-graded item decisive in its direction (a hoop test failed, a smoking gun "
        "found, either for "
        f"a doubly decisive test): up to {DECISIVE[ordinary]:g} dB, or "
        f"{DECISIVE[strong]:g} dB for a strong stance, at quality 1, falling steeply as the "
        f"quality falls; in the other direction it counts {WEAK_TEST:.0%} of the ordinary "
        "weight.</p>\n"
    )


def _quality() -> str:
    sources = [
        f"<tr><td>{g} {RELIABILITY_TEXT[g]}</td><td class='n'>{v:.2f}</td></tr>\n"
        for g, v in RELIABILITY.items()
    ]
    information = [
        f"<tr><td>{g} {CREDIBILITY_TEXT[g]}</td><td class='n'>{v:.2f}</td></tr>\n"
        for g, v in CREDIBILITY.items()
    ]
    return (
        '<h2 id="quality">Quality</h2>\n'
        "<p>How far an item is taken, a number from 0 to 1: the reliability of its source "
        "(the Admiralty grade A to F; for a source that republishes others, that of its "
        "least reliable origin, less a relay's loss for the republisher) times the "
        "credibility of the information (grade 1 to 6), times a small loss for each relay "
        "that passed it on (a relay keeps "
        f"{RELAY_BASE:.2f} + {1 - RELAY_BASE:.2f} \u00d7 its reliability: at most 10% is "
        "lost a hop, and no relay adds). F and 6 mean \u201ccannot be judged\u201d: "
        "unknown, not bad. An item's card shows its weight as quality \u00d7 interest: "
        "what its stance's weight is scaled by (before a test's lift and the scaling of "
        "an item that bears on several claims of a group).</p>\n"
        + table(("source grade", "counts as"), sources, "grades", right=(1,))
        + table(("information grade", "counts as"), information, "grades", right=(1,))
    )


def _interest() -> str:
    kinds = "".join(
        f"<li><b>{name} ({factor:g})</b>: {INTEREST_WHEN[name]}</li>"
        for name, factor in INTEREST.items()
    )
    return (
        '<h2 id="interest">Interest</h2>\n'
        "<p>Who gains from the statement, judged claim by claim from the claim's parties "
        "and claimants and the sources' affiliations. It scales the item's quality by the "
        "factor in brackets:</p>\n"
        f'<ul class="plain">{kinds}</ul>\n'
        "<p>A copy of a party's quote takes the party's interest for the verdict and the "
        "flags, but keeps its own source's weight. Items whose interest is none, or an "
        "admission, are the weight a verdict needs (\u201csources with no stake, or "
        "against their own side\u201d): support only from the claimant's side, denials "
        "only from the accused, or the word of a party whose side is not known never make "
        "a claim supported or refuted. A party's admission can.</p>\n"
    )


def _lines_and_uncertainty() -> str:
    return (
        '<h2 id="lines">Lines of reporting</h2>\n'
        "<p>Repetition is not corroboration: items that trace back to the same origin (the "
        "same source or what it republishes, an item they rest on) are one line of "
        "reporting, worth its strongest item; the same quote cited the same way by items "
        "of different origins is a line of its own. Independent lines add, but saturate: "
        f"a claim's own weight on one side never reaches {SATURATION:g} times that of its "
        "strongest item (in a group, support entered under several sets of claims "
        "saturates once per set in the probability).</p>\n"
        '<h2 id="uncertainty">Uncertainty</h2>\n'
        "<p>How little evidence there is, for and against alike: "
        f"u = {PRIOR_DB:g} / (weight for + weight against + {PRIOR_DB:g}), the weights in "
        "dB. It is 100% with no evidence and falls only as the weight grows; a repetition "
        "of the same observation does not change it, unless it is graded better than what "
        "it repeats (a line is worth its strongest item). It does not say which way the "
        "evidence points: the probability does.</p>\n"
    )


def _verdict() -> str:
    credible = f"at least {CREDIBLE_DB:g} dB"
    return (
        '<h2 id="verdict">The verdict</h2>\n'
        "<p>The verdict says whether the evidence carries a conclusion; the likelihood "
        "says how likely the claim is. One rule decides it, stated with the claim's own "
        "figures on its page (the \u201cWhy\u201d line):</p>\n<ol>"
        "<li><b>unverified</b> if the claim or its group holds an error of the ledger, or "
        "no counted item takes a side on it;</li>"
        f"<li><b>disputed</b> if it is contested: both sides weigh {credible}, the weaker "
        f"at least {CONTESTED_RATIO:.0%} of the stronger, and each side has {credible} "
        "from sources with no stake (or against their own side) telling the claim apart "
        "from the other answers of its group;</li>"
        f"<li><b>supported</b> if P \u2265 {SUPPORTED_AT:.0%}, there is more weight for "
        f"than against, and {credible} for, from sources with no stake (or against their "
        "own side) and telling the claim apart from the other answers of its group;</li>"
        f"<li><b>refuted</b> the other way round: P \u2264 {REFUTED_AT:.0%}, more weight "
        f"against than for, and {credible} against from such sources;</li>"
        "<li><b>unverified</b> otherwise.</li></ol>\n"
    )


def _contributions() -> str:
    return (
        '<h2 id="contributions">How the evidence moved it</h2>\n'
        "<p>Each item's part of the move from the prior to the probability, in percentage "
        "points: its exact share along the path from the prior, so that the parts add up "
        "to the move. Items of competing claims move a claim too, through the group's "
        "shared distribution (in an open group, refuting a rival that its evidence already "
        "counts against moves only \u201cnone of these\u201d). The parts are shown to a "
        "tenth of a point, rounded so that the shown parts add up to the shown move "
        "(largest remainder); items of rival claims that moved it by less than 0.05 "
        "points are counted together.</p>\n"
        '<h2 id="sensitivity">Sensitivity and flags</h2>\n'
        "<p>Sensitivity lists the single changes that would change the verdict: removing "
        "one item, or moving its source's grade or its information grade one notch (F and "
        "6 have no neighbour). A supported, refuted or disputed verdict that one item's "
        "removal would change is flagged <code>fragile</code>. "
        "Each claim's page says what its flags mean.</p>\n"
    )
