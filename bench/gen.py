"""Generate a deterministic, realistic ledger set for benchmarking claimlog.

The set has N claims (default 2000), N/2 sources and 4 evidence items per claim,
split like a real repository: ``sources.yaml`` with every source, plus one case
file per ~200 claims holding those claims and their evidence. Everything comes
from seeded random generators, so the same arguments always give the same
bytes. Every place, actor, person and outlet is invented.

What the data looks like, and why ``claimlog check`` finds nothing in it:

* groups of 2-3 competing claims (who carried out an attack, what caused an
  accident) and standalone claims; no priors and no verdicts;
* each evidence item has a stance on its own claim and sometimes on a competing
  claim of the same group (``refutes`` or ``neutral`` there);
* a relay chain (``via``) of 0-3 distinct sources, never the item's own source;
* ``derived_from`` only ever points at an earlier source, so it is acyclic;
* a claim has no supporting item or at least two from independent lines of
  reporting, the first neither its claimant nor an interested party;
* every source is used; dates lie between 2015 and 2024; at most one item per
  claim is retracted, and never a supporting one.

Usage: python bench/gen.py --claims 2000 --out bench/out/set-2000
"""

from __future__ import annotations

import argparse
import random
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

SEED = 20240322
CLAIMS_PER_FILE = 200
ITEMS_PER_CLAIM = 4
LAST_DAY = date(2024, 12, 31)
TEXT_WIDTH = 100
"""Text fields longer than this line width are written as folded block scalars."""

# --- vocabulary (all invented) -------------------------------------------------

COUNTRIES = {
    "Arvenia": "Arvenian", "Kestria": "Kestrian", "Valdor": "Valdoran", "Morvia": "Morvian",
    "Tessaly": "Tessalian", "Ostrava": "Ostravan", "Belmora": "Belmoran", "Caldera": "Calderan",
    "Dunmark": "Dunmarkish", "Eskarra": "Eskarran", "Fennick": "Fennish", "Galvia": "Galvian",
    "Harrow": "Harrovian", "Istrel": "Istrelian", "Jorvik": "Jorvikian", "Karst": "Karstian",
}  # fmt: skip
# (name, actor tag, short name used in claim ids)
ARMED_GROUPS = [
    ("the Northern Front", "northern-front", "front"),
    ("the Free Valdor Movement", "free-valdor-movement", "fvm"),
    ("the Red Dawn Brigades", "red-dawn-brigades", "red-dawn"),
    ("the Eastern Shield", "eastern-shield", "shield"),
    ("the People's Liberation Council", "peoples-liberation-council", "plc"),
    ("the Mountain Lions Battalion", "mountain-lions-battalion", "lions"),
    ("the Coastal Resistance Committee", "coastal-resistance-committee", "crc"),
    ("the Sons of the River", "sons-of-the-river", "river"),
]
COMPANIES = [
    ("Meridian Energy", "meridian-energy"),
    ("Halvard Shipping", "halvard-shipping"),
    ("Orsk Chemical Works", "orsk-chemical-works"),
    ("Tallis Rail", "tallis-rail"),
]
TOWNS = [
    "Tervik", "Halden", "Mirosk", "Lanport", "Oskaby", "Vellmar", "Dravik", "Sorrento Bay",
    "Kolmar", "Brenna", "Ustrel", "Fallow Cross", "Nyborg", "Castell", "Ravenmoor", "Zelin",
    "Portavel", "Greyhaven", "Amberly", "Stovnik", "Lisk", "Orhus", "Kaldera", "Wenmouth",
    "Ardel", "Belcove", "Corrin", "Dunhill", "Essom", "Farrow", "Gilby", "Hollin",
]  # fmt: skip
# (what happened, key for ids, what it hit)
ATTACKS = [
    ("bombing", "bombing", "the market"),
    ("shelling", "shelling", "the hospital"),
    ("drone strike", "strike", "the convoy"),
    ("assassination", "killing", "the city hall"),
    ("hostage taking", "siege", "the concert hall"),
    ("ambush", "ambush", "the border post"),
    ("cyber attack", "hack", "the power grid"),
]
ACCIDENTS = [
    ("pipeline explosion", "blast", "the gas pipeline"),
    ("ferry sinking", "sinking", "the harbour ferry"),
    ("train derailment", "derailment", "the freight line"),
    ("warehouse fire", "fire", "the grain store"),
    ("dam breach", "dam-breach", "the reservoir dam"),
]
CAUSES = [
    ("poor maintenance", "neglect"),
    ("deliberate sabotage", "sabotage"),
    ("a failure of the safety systems", "failure"),
]
FIRST_NAMES = [
    "Anna", "Mikael", "Sofia", "Tomas", "Elena", "Jonas", "Katya", "Pavel", "Irina", "Lukas",
    "Maren", "Oskar", "Nadia", "Viktor", "Lena", "Aron", "Greta", "Dario", "Ilse", "Marek",
]  # fmt: skip
LAST_NAMES = [
    "Kowalczyk", "Halvorsen", "Petrenko", "Lindqvist", "Moravec", "Aldana", "Brenner",
    "Castellan", "Dragomir", "Eriksen", "Falk", "Gorecki", "Haas", "Ilic", "Janssen", "Kovac",
    "Lund", "Markov", "Novak", "Ostrowski", "Piatek", "Quist", "Rask", "Sorensen", "Tamm",
]  # fmt: skip
OUTLET_WORDS = [
    "Courier", "Herald", "Ledger", "Observer", "Sentinel", "Gazette", "Chronicle", "Tribune",
    "Dispatch", "Monitor", "Post", "Record", "Review", "Standard", "Times", "Bulletin",
]  # fmt: skip
OUTLET_ADJ = [
    "Northern", "Daily", "Evening", "Free", "Independent", "National", "Morning", "Weekly",
    "Coastal", "Capital", "Eastern", "Western", "Central", "Open", "New", "Public",
]  # fmt: skip
PLATFORMS = [("Telegram", "tg"), ("X", "x"), ("YouTube", "yt"), ("TikTok", "tt")]
ROLES = [
    "defence analyst", "investigative journalist", "former intelligence officer",
    "open-source researcher", "war correspondent", "forensic engineer", "human rights lawyer",
]  # fmt: skip
MINISTRIES = [("Defence", "mod"), ("Interior", "interior"), ("Foreign Affairs", "mfa")]
ORG_KINDS = [
    ("Human Rights Monitor", "rights-monitor"),
    ("Conflict Observatory", "observatory"),
    ("Institute for Security Studies", "iss"),
    ("Red Crescent Society", "red-crescent"),
    ("Journalists' Union", "journalists"),
]
DOC_KINDS = ["internal report", "court filing", "leaked cable", "inspection record", "audit"]

ATTACK_SUPPORT = [
    "{actor} claimed the {event} on {platform} within hours",
    "satellite images show vehicles of {actor} near {place} two days before",
    "munition fragments at the scene are of a type {actor} is known to use",
    "intercepted calls appear to show commanders of {actor} discussing the {event}",
    "a detained suspect told police that {actor} had planned the {event} for weeks",
    "witnesses saw men wearing the insignia of {actor} in {place} shortly before",
]
ATTACK_REFUTE = [
    "a spokesperson for {actor} denied any part in the {event}",
    "phone data places the suspected unit of {actor} far from {place} that day",
    "the claim in the name of {actor} used a template abandoned years earlier",
    "the munitions found in {place} are of a type {actor} is not known to have",
]
NEUTRAL_FACTS = [
    "officials in {place} confirmed the {event} but named no one as responsible",
    "the prosecutor opened a criminal case over the {event} without naming suspects",
    "emergency services in {place} published a list of casualties",
]
CAUSE_SUPPORT = [
    "records show {target} in {place} had not been serviced for three years",
    "engineers who examined {target} found damage consistent with {cause}",
    "a former employee says warnings about {target} were ignored",
    "the operator's incident log points to {cause} as the likely explanation",
]
CAUSE_REFUTE = [
    "independent engineers found no sign of {cause} at {target}",
    "{target} passed an inspection a month before the {event}",
    "the investigators' timeline is hard to square with {cause}",
]
# (statement, key for ids, supporting facts, refuting facts)
STANDALONE = [
    (
        "The video of the {event} in {place} is authentic and was filmed on the day.",
        "video",
        [
            "shadows and weather in the video match {place} on that day",
            "two researchers geolocated the video to a street in {place}",
        ],
        [
            "the same footage was posted in another context two years earlier",
            "the buildings in the video do not match the street in {place}",
        ],
    ),
    (
        "At least {n} people were killed in the {event} in {place}.",
        "toll",
        [
            "the health ministry listed {n} names of the dead",
            "hospital staff in {place} say they counted more than {n} bodies",
        ],
        [
            "the official death toll was revised down a week later",
            "a local monitoring group counted fewer than {n} dead",
        ],
    ),
    (
        "The authorities of {country} were warned about the {event} in {place} in advance.",
        "warned",
        [
            "a diplomatic note passed on a warning about {place} a week before",
            "an embassy told its citizens to avoid crowds in {place} days before",
        ],
        [
            "officials of {country} say the warnings they had were too vague to act on",
            "no warning about {place} appears in the published correspondence",
        ],
    ),
]
SECOND_SENTENCES = [
    "It could not be verified.",
    "No evidence was offered.",
    "Two analysts geolocated the images.",
    "State television repeated it.",
    "Officials declined to comment.",
    "The post was deleted within a day.",
    "Reporters at the site found the same.",
    "The author later confirmed the document.",
]
QUOTES = [
    "We have no information about who was behind it.",
    "This was a deliberate act.",
    "Our people had nothing to do with this.",
    "The equipment was in good order.",
]
STANCES_OWN = [
    ("strongly-supports", 12),
    ("supports", 40),
    ("neutral", 14),
    ("refutes", 24),
    ("strongly-refutes", 10),
]
SUPPORTING = frozenset({"strongly-supports", "supports"})
EVIDENCE_KINDS = [
    ("statement", 30),
    ("observation", 15),
    ("document", 15),
    ("media", 15),
    ("analysis", 15),
    ("testimony", 10),
]
SOURCE_KINDS = [
    ("outlet", 40),
    ("person", 14),
    ("government", 10),
    ("organisation", 10),
    ("social-media", 10),
    ("anonymous", 11),
    ("document", 5),
]
RELIABILITY = [("A", 5), ("B", 20), ("C", 30), ("D", 20), ("E", 10), ("F", 15)]
CREDIBILITY = [("1", 8), ("2", 22), ("3", 30), ("4", 20), ("5", 8), ("6", 12)]
RELAYS = [(0, 45), (1, 30), (2, 17), (3, 8)]
ARCHIVE = "https://web.archive.org/web"


# --- the data ----------------------------------------------------------------


@dataclass
class Source:
    id: str
    name: str
    kind: str
    reliability: str
    domain: str | None = None
    affiliation: list[str] = field(default_factory=list)
    derived_from: list[str] = field(default_factory=list)
    url: str | None = None
    notes: str | None = None


@dataclass
class Claim:
    id: str
    statement: str
    fill: dict[str, str]
    """Words for the evidence templates: event, place, actor, cause, ..."""
    support: list[str]
    refute: list[str]
    date: date | None = None
    claimed_by: list[str] = field(default_factory=list)
    group: str | None = None
    parties: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    rivals: list[str] = field(default_factory=list)


@dataclass
class Item:
    id: str
    summary: str
    source: str
    stance: dict[str, str]
    via: list[str] = field(default_factory=list)
    kind: str | None = None
    credibility: str | None = None
    date: str | None = None
    url: str | None = None
    archive_url: str | None = None
    sha256: str | None = None
    quote: str | None = None
    retracted: bool = False


@dataclass
class Case:
    name: str
    title: str
    description: str
    claims: list[Claim] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def pick(rng: random.Random, weighted: list[tuple[T, int]]) -> T:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def sentence(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}"


class Generator:
    """Builds the whole set in memory; :func:`write` turns it into files."""

    def __init__(self, claims: int, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.n_claims = claims
        self.n_sources = max(8, claims // 2)
        self.sources: list[Source] = []
        self.by_id: dict[str, Source] = {}
        self.ids: set[str] = set()
        self.cases: list[Case] = []
        self.used: set[str] = set()
        self.deck: list[str] = []
        self.lines: dict[str, str] = {}

    def unique(self, base: str) -> str:
        """An id not used yet anywhere in the set: ``base``, else ``base-2``, ..."""
        ident, n = base, 2
        while ident in self.ids:
            ident, n = f"{base}-{n}", n + 1
        self.ids.add(ident)
        return ident

    # -- sources --

    def make_sources(self) -> None:
        rng = self.rng
        wires = max(2, self.n_sources // 20)
        for i in range(self.n_sources):
            country = rng.choice(list(COUNTRIES))
            demonym = COUNTRIES[country]
            gov_tag = f"{slug(demonym)}-government"
            kind = "outlet" if i < wires else pick(rng, SOURCE_KINDS)
            src = Source("", "", kind, pick(rng, RELIABILITY))
            if kind == "outlet":
                if i < wires:
                    src.name = f"{demonym} {rng.choice(['Press Agency', 'News Agency', 'Wire'])}"
                elif rng.random() < 0.5:
                    src.name = f"The {rng.choice(OUTLET_ADJ)} {rng.choice(OUTLET_WORDS)}"
                else:
                    src.name = f"{rng.choice(TOWNS)} {rng.choice(OUTLET_WORDS)}"
                base = slug(src.name.removeprefix("The "))
                src.domain = base.replace("-", "") + rng.choice([".com", ".net", ".org"])
                if rng.random() < 0.12:
                    src.affiliation = [gov_tag]
                    src.notes = f"State-owned; follows the line of the {demonym} government."
            elif kind == "person":
                person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                src.name = f"{person}, {demonym} {rng.choice(ROLES)}"
                base = slug(person)
                if rng.random() < 0.4:
                    src.domain = base.replace("-", "") + ".substack.com"
            elif kind == "government":
                if rng.random() < 0.6:
                    ministry, short = rng.choice(MINISTRIES)
                    src.name = f"Ministry of {ministry} of {country}"
                else:
                    host = rng.choice([c for c in COUNTRIES if c != country])
                    src.name, short = f"Embassy of {country} in {host}", f"embassy-{slug(host)}"
                base = f"{slug(country)}-{short}"
                src.domain = f"{slug(country)}.gov.example"
                src.affiliation = [gov_tag]
            elif kind == "organisation":
                if rng.random() < 0.25:
                    group, tag, *_ = rng.choice(ARMED_GROUPS)
                    src.name = f"Press office of {group}"
                    base = f"{tag}-press"
                    src.affiliation = [tag]
                else:
                    org, short = rng.choice(ORG_KINDS)
                    src.name = f"{demonym} {org}"
                    base = f"{slug(demonym)}-{short}"
                    src.domain = base.replace("-", "") + ".org"
            elif kind == "social-media":
                platform, short = rng.choice(PLATFORMS)
                handle = f"{rng.choice(TOWNS).replace(' ', '')}{rng.choice(OUTLET_WORDS)}"
                src.name = f"{platform} channel {handle}"
                base = f"{short}-{handle.lower()}"
                if rng.random() < 0.2:
                    group, tag, *_ = rng.choice(ARMED_GROUPS)
                    src.affiliation = [tag]
                    src.notes = f"Posts the statements of {group}."
            elif kind == "anonymous":
                outlets = [s for s in self.sources if s.kind == "outlet"]
                src.name = f"Unnamed {demonym} official speaking to {rng.choice(outlets).name}"
                base = f"{slug(demonym)}-official"
                if rng.random() < 0.5:
                    src.affiliation = [gov_tag]
            else:
                src.name = f"{sentence(rng.choice(DOC_KINDS))} of the {demonym} authorities"
                base = f"{slug(country)}-{slug(src.name.split(' of ')[0])}"
                if rng.random() < 0.5:
                    src.affiliation = [gov_tag]
            if src.affiliation and rng.random() < 0.15:
                extra = rng.choice(ARMED_GROUPS)[1]
                if extra not in src.affiliation:
                    src.affiliation.append(extra)
            src.id = self.unique(base)
            if src.domain and rng.random() < 0.7:
                src.url = f"https://{src.domain}/"
            # derived_from only points at earlier sources: the graph is acyclic
            if i > wires and kind in ("outlet", "social-media", "person") and rng.random() < 0.18:
                targets = rng.sample(range(i), 1 if rng.random() < 0.8 else 2)
                src.derived_from = [self.sources[t].id for t in sorted(targets)]
                self.used.update(src.derived_from)
            self.sources.append(src)
            self.by_id[src.id] = src
        self.lines = self._lines()

    def _lines(self) -> dict[str, str]:
        """Lines of reporting: sources joined by ``derived_from`` either way."""
        parent = {s.id: s.id for s in self.sources}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for s in self.sources:
            for other in s.derived_from:
                a, b = find(s.id), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        return {s.id: find(s.id) for s in self.sources}

    def draw_source(self) -> str:
        """Sources in shuffled rounds, so that each is used about equally often."""
        if not self.deck:
            self.deck = [s.id for s in self.sources]
            self.rng.shuffle(self.deck)
        return self.deck.pop()

    # -- claims --

    def make_cases(self) -> None:
        rng = self.rng
        n_files = max(1, round(self.n_claims / CLAIMS_PER_FILE))
        countries = list(COUNTRIES)
        for k in range(n_files):
            size = self.n_claims // n_files + (1 if k < self.n_claims % n_files else 0)
            country = countries[k % len(countries)]
            year = 2015 + k % 9
            case = Case(
                name=f"case-{k + 1:02d}-{slug(country)}-{year}",
                title=f"Incidents in {country}, {year}-{year + 1}: who and what was behind them",
                description=(
                    f"Attacks, accidents and disputed events in {country} from {year}, the "
                    f"competing explanations put forward for each, and the reporting that "
                    f"bears on them. Generated for benchmarking: every place, actor and "
                    f"outlet is invented."
                ),
            )
            while len(case.claims) < size:
                left = size - len(case.claims)
                roll = rng.random()
                if left == 1 or roll < 0.25:
                    self.standalone(case, country, year)
                else:
                    n = 3 if left >= 3 and roll < 0.55 else 2
                    if left - n == 1:  # never leave a single claim for a group
                        n = 3 if left == 3 else 2
                    self.group(case, country, year, n)
            self.cases.append(case)

    def event(self, country: str, year: int, kinds: list[tuple[str, str, str]]) -> dict[str, str]:
        rng = self.rng
        label, key, target = rng.choice(kinds)
        town = rng.choice(TOWNS)
        start = date(year, 1, 1) + timedelta(days=rng.randrange(0, 700))
        return {
            "event": label,
            "target": target,
            "place": town,
            "country": country,
            "platform": rng.choice(PLATFORMS)[0],
            "slug": self.unique(f"{slug(town)}-{key}-{start:%y}"),
            "date": start.isoformat(),
            "date_text": f"{start.day} {start:%B %Y}",
        }

    def add_claim(self, case: Case, claim: Claim) -> None:
        rng = self.rng
        if rng.random() < 0.85:
            claim.date = date.fromisoformat(claim.fill["date"]) + timedelta(rng.randrange(0, 5))
        if rng.random() < 0.4:
            claimants = [self.draw_source() for _ in range(1 if rng.random() < 0.8 else 2)]
            claim.claimed_by = list(dict.fromkeys(claimants))
            self.used.update(claim.claimed_by)
        if rng.random() < 0.3:
            claim.tags = [rng.choice(["attribution", "casualties", "infrastructure", "media"])]
        if rng.random() < 0.05:
            claim.notes = "Raised in the first reports; later coverage is more cautious."
        case.claims.append(claim)

    def group(self, case: Case, country: str, year: int, n: int) -> None:
        rng = self.rng
        members: list[Claim] = []
        if rng.random() < 0.6:
            ev = self.event(country, year, ATTACKS)
            actors = [(name, tag, f"by-{short}") for name, tag, short in ARMED_GROUPS]
            actors = rng.sample(actors, n - 1)
            gov = rng.choice(list(COUNTRIES))
            gov_name = f"the {COUNTRIES[gov]} special services"
            actors.insert(rng.randrange(n), (gov_name, f"{slug(COUNTRIES[gov])}-government", ""))
            for actor, tag, short in actors:
                short = short or f"by-{slug(gov)}"
                members.append(
                    Claim(
                        id=self.unique(f"{ev['slug']}-{short}"),
                        statement=(
                            f"{sentence(actor)} carried out the {ev['event']} at "
                            f"{ev['target']} in {ev['place']} on {ev['date_text']}."
                        ),
                        fill={**ev, "actor": actor},
                        support=ATTACK_SUPPORT,
                        refute=ATTACK_REFUTE,
                        group=ev["slug"],
                        parties=[tag],
                    )
                )
        else:
            ev = self.event(country, year, ACCIDENTS)
            owner = rng.choice(COMPANIES)[1]
            for cause, key in rng.sample(CAUSES, n):
                members.append(
                    Claim(
                        id=self.unique(f"{ev['slug']}-{key}"),
                        statement=(
                            f"The {ev['event']} at {ev['target']} in {ev['place']} was caused "
                            f"by {cause}."
                        ),
                        fill={**ev, "cause": cause},
                        support=CAUSE_SUPPORT,
                        refute=CAUSE_REFUTE,
                        group=ev["slug"],
                        parties=[owner] if key != "sabotage" else [],
                    )
                )
        for claim in members:
            claim.rivals = [c.id for c in members if c is not claim]
            self.add_claim(case, claim)
        for claim in members:
            self.evidence(case, claim)

    def standalone(self, case: Case, country: str, year: int) -> None:
        rng = self.rng
        ev = self.event(country, year, ATTACKS + ACCIDENTS)
        template, key, support, refute = rng.choice(STANDALONE)
        fill = {**ev, "n": str(rng.randrange(3, 120)), "actor": "the attackers"}
        claim = Claim(
            id=self.unique(f"{ev['slug']}-{key}"),
            statement=template.format(**fill),
            fill=fill,
            support=support,
            refute=refute,
        )
        if key == "warned":
            claim.parties = [f"{slug(COUNTRIES[country])}-government"]
        self.add_claim(case, claim)
        self.evidence(case, claim)

    # -- evidence --

    def evidence(self, case: Case, claim: Claim) -> None:
        """The claim's items; sources chosen so that its support is independent."""
        stances = [pick(self.rng, STANCES_OWN) for _ in range(ITEMS_PER_CLAIM)]
        if sum(s in SUPPORTING for s in stances) == 1:  # one supporting line is a finding
            first_other = next(i for i, s in enumerate(stances) if s not in SUPPORTING)
            stances[first_other] = "supports"
        interested = set(claim.parties)
        lines: set[str] = set()
        for n, stance in enumerate(stances, 1):
            supporting = stance in SUPPORTING
            sid = self.draw_source()
            for _ in range(100):
                src = self.by_id[sid]
                ok = not supporting or self.lines[sid] not in lines
                if supporting and not lines:
                    ok = ok and sid not in claim.claimed_by
                    ok = ok and not interested.intersection(src.affiliation)
                if ok:
                    break
                sid = self.draw_source()
            if supporting:
                lines.add(self.lines[sid])
            case.items.append(self.item(claim, n, stance, sid))

    def item(self, claim: Claim, n: int, stance: str, sid: str) -> Item:
        rng = self.rng
        src = self.by_id[sid]
        facts = claim.support if stance in SUPPORTING else claim.refute
        if stance == "neutral":
            facts = NEUTRAL_FACTS
        fact = rng.choice(facts).format(**claim.fill)
        lead = rng.random()
        who = src.name.split(",")[0]
        if lead < 0.1:
            text = f"{who} reported that {fact}."
        elif lead < 0.15:
            text = f"According to {who}, {fact}."
        else:
            text = f"{sentence(fact)}."
        if rng.random() < 0.2:
            text += " " + rng.choice(SECOND_SENTENCES)
        it = Item(
            id=f"{claim.id}-{n}",
            summary=text,
            source=sid,
            stance={claim.id: stance},
            kind=pick(rng, EVIDENCE_KINDS) if rng.random() < 0.85 else None,
            credibility=pick(rng, CREDIBILITY) if rng.random() < 0.9 else None,
        )
        # sometimes the item also bears on competing claims of the same group
        if claim.rivals and rng.random() < 0.2:
            count = 2 if len(claim.rivals) > 1 and rng.random() < 0.3 else 1
            for rival in rng.sample(claim.rivals, count):
                it.stance[rival] = rng.choice(["refutes", "refutes", "neutral"])
        # relay chain: 0-3 distinct sources, never the origin itself
        hops = pick(rng, RELAYS)
        while len(it.via) < hops:
            relay = self.draw_source()
            if relay != sid and relay not in it.via:
                it.via.append(relay)
        self.used.add(sid)
        self.used.update(it.via)
        when = date.fromisoformat(claim.fill["date"]) + timedelta(rng.randrange(0, 90))
        when = min(when, LAST_DAY)
        if rng.random() < 0.85:
            if rng.random() < 0.1:
                offset = rng.choice(["+00:00", "+01:00", "+02:00", "+03:00", "-05:00"])
                it.date = f"{when}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00{offset}"
            else:
                it.date = when.isoformat()
        host = src.domain or (self.by_id[it.via[-1]].domain if it.via else None)
        if host and rng.random() < 0.4:
            words = "-".join(slug(fact).split("-")[:5])
            it.url = f"https://{host}/{when:%Y/%m}/{words}"
            if rng.random() < 0.15:
                h, m, sec = rng.randrange(24), rng.randrange(60), rng.randrange(60)
                stamp = f"{when:%Y%m%d}{h:02d}{m:02d}{sec:02d}"
                it.archive_url = f"{ARCHIVE}/{stamp}/{it.url}"
                if rng.random() < 0.6:
                    it.sha256 = f"{rng.getrandbits(256):064x}"
        if rng.random() < 0.05:
            it.quote = rng.choice(QUOTES)
        if n == ITEMS_PER_CLAIM and stance not in SUPPORTING and rng.random() < 0.03:
            it.retracted = True
        return it

    def cover_unused(self) -> None:
        """Relay each source nobody uses yet through some item, so that none is unused."""
        items = [it for case in self.cases for it in case.items]
        for src in self.sources:
            while src.id not in self.used:
                it = self.rng.choice(items)
                if len(it.via) < 3 and src.id != it.source and src.id not in it.via:
                    it.via.append(src.id)
                    self.used.add(src.id)

    def run(self) -> None:
        self.make_sources()
        self.make_cases()
        self.cover_unused()


# --- writing YAML ------------------------------------------------------------

PLAIN = re.compile(r"[A-Za-z0-9(][^#:'\"{}\[\],&*!|>%@`\n]*")


def scalar(text: str) -> str:
    """Text as a YAML scalar: plain where the syntax allows, else single-quoted."""
    if PLAIN.fullmatch(text) and not text.endswith(" "):
        return text
    return "'" + text.replace("'", "''") + "'"


def text_field(key: str, text: str, indent: str) -> list[str]:
    """A text field on one line when it fits, else as a folded block scalar."""
    line = f"{indent}{key}: {scalar(text)}"
    if len(line) <= TEXT_WIDTH:
        return [line]
    inner = indent + "  "
    width = TEXT_WIDTH - len(inner)
    body = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}{key}: >-", *(inner + b for b in body)]


def id_list(key: str, ids: list[str], flow: bool) -> list[str]:
    if flow:
        return [f"    {key}: [{', '.join(ids)}]"]
    return [f"    {key}:", *(f"      - {i}" for i in ids)]


def source_lines(s: Source, flow: bool) -> list[str]:
    out = [f"  - id: {s.id}", *text_field("name", s.name, "    ")]
    out += [f"    kind: {s.kind}", f"    reliability: {s.reliability}"]
    if s.affiliation:
        out += id_list("affiliation", s.affiliation, flow)
    if s.derived_from:
        out += id_list("derived_from", s.derived_from, flow)
    if s.url:
        out.append(f"    url: {s.url}")
    if s.notes:
        out += text_field("notes", s.notes, "    ")
    return out


def claim_lines(c: Claim, flow: bool) -> list[str]:
    out = [f"  - id: {c.id}", *text_field("statement", c.statement, "    ")]
    if c.date:
        out.append(f"    date: {c.date.isoformat()}")
    if c.claimed_by:
        out += id_list("claimed_by", c.claimed_by, flow)
    if c.group:
        out.append(f"    group: {c.group}")
    if c.parties:
        out += id_list("parties", c.parties, flow)
    if c.tags:
        out += id_list("tags", c.tags, flow)
    if c.notes:
        out += text_field("notes", c.notes, "    ")
    return out


def item_lines(it: Item, flow: bool) -> list[str]:
    out = [f"  - id: {it.id}", *text_field("summary", it.summary, "    ")]
    out.append(f"    source: {it.source}")
    if it.via:
        out += id_list("via", it.via, flow)
    if it.kind:
        out.append(f"    kind: {it.kind}")
    if it.credibility:
        out.append(f"    credibility: {it.credibility}")
    if it.date:
        out.append(f"    date: {it.date}")
    if it.url:
        out.append(f"    url: {it.url}")
    if it.archive_url:
        out.append(f"    archive_url: {it.archive_url}")
    if it.sha256:
        out.append(f"    sha256: {it.sha256}")
    if it.quote:
        out += text_field("quote", it.quote, "    ")
    if it.retracted:
        out.append("    retracted: true")
    out.append("    stance:")
    out += [f"      {cid}: {stance}" for cid, stance in it.stance.items()]
    return out


def entries(key: str, blocks: list[list[str]]) -> list[str]:
    out = [f"{key}:"]
    for k, block in enumerate(blocks):
        if k:
            out.append("")
        out += block
    return out


def write(gen: Generator, out: Path) -> list[Path]:
    """Write ``sources.yaml`` and the case files; remove stale ones from earlier runs."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in [*out.glob("case-*.yaml"), *out.glob("sources.yaml")]:
        stale.unlink()
    rng = random.Random(SEED + 1)  # style only: half the id lists in flow style
    files: list[Path] = []

    def emit(name: str, lines: list[str]) -> None:
        files.append(out / name)
        files[-1].write_text("\n".join(lines) + "\n", encoding="utf-8")

    emit(
        "sources.yaml",
        [
            "title: Shared sources of the generated benchmark ledgers",
            "description: >-",
            "  Outlets, officials, analysts and channels that the case files cite. Ids",
            "  are global across the ledger set, so every case file cites these by id.",
            "",
            *entries("sources", [source_lines(s, rng.random() < 0.5) for s in gen.sources]),
        ],
    )
    for case in gen.cases:
        emit(
            f"{case.name}.yaml",
            [
                *text_field("title", case.title, ""),
                *text_field("description", case.description, ""),
                "",
                *entries("claims", [claim_lines(c, rng.random() < 0.5) for c in case.claims]),
                "",
                *entries("evidence", [item_lines(i, rng.random() < 0.5) for i in case.items]),
            ],
        )
    return files


def generate(claims: int, out: Path, seed: int = SEED) -> list[Path]:
    """Write a set of ``claims`` claims under ``out``; return its files."""
    gen = Generator(claims, seed)
    gen.run()
    return write(gen, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=2000, help="number of claims (2000)")
    parser.add_argument("--out", type=Path, help="output directory (bench/out/set-CLAIMS)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed ({SEED})")
    args = parser.parse_args()
    out = args.out or Path(__file__).parent / "out" / f"set-{args.claims}"
    files = generate(args.claims, out, args.seed)
    size = sum(f.stat().st_size for f in files)
    print(
        f"{out}: {len(files)} files, {args.claims} claims, {max(8, args.claims // 2)} sources, "
        f"{args.claims * ITEMS_PER_CLAIM} evidence items, {size:,} bytes ({size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
