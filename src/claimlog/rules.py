"""The rule catalogue: every rule claimlog reports, each a named constant.

Every finding carries one of these rules. This table is the single source of truth
for codes, names, default severities and documentation (``claimlog rules``,
docs/checks.md). Code that emits a finding names the constant (``rules.UNKNOWN_REFERENCE``),
never a code string; each check registers the rules it emits (:mod:`claimlog.checks`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Final

from .plaindata import dataclass


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    family: str
    summary: str
    doc: str
    fixable: bool = False
    """Whether ``check --fix`` fixes its findings that have exactly one answer."""


# --- file and YAML -----------------------------------------------------------
YAML_SYNTAX: Final = Rule(
    "CL001",
    "yaml-syntax",
    Severity.ERROR,
    "yaml",
    "The file is not well-formed YAML.",
    "The file cannot be read as YAML. The finding is placed where the problem starts "
    "(where an unclosed quote or bracket opens, at the line whose indentation lines up "
    "with nothing, at the ' #' that ended a value going on below it), says the cause in "
    "plain words and gives a hint for the common "
    "ones: an unquoted ': ' or ' #' inside a value, a value starting with a special "
    "character (`[`, `{`, `*`, `&`, `!`, `%`, `@`, a backquote) that needs quotes, "
    "a stray space in the indentation, a missing space after ':' or '-' (`-id`). "
    "Nothing else in the file is read until the syntax is fixed, and while it stands "
    "the findings that need the whole set (claims without evidence, unused sources, "
    "verdicts not backed, unused suppressions) are not reported anywhere: they would "
    "only follow from the missing file. A CL001 that is suppressed or ignored holds "
    "nothing back: the checks of the whole set run, and report what the missing file "
    "leaves out. In a file that cannot be parsed, a suppression counts only in a "
    "comment alone on its line (at the top of the file, for the whole file): after "
    "text, the `#` may stand inside a quote left open, where it is no comment.",
)
NOT_UTF8: Final = Rule(
    "CL002",
    "not-utf8",
    Severity.ERROR,
    "yaml",
    "The file is not valid UTF-8.",
    "Ledgers are UTF-8 text. The first byte sequence that is not UTF-8 is reported; "
    "re-save the file as UTF-8 (a byte-order mark is accepted).",
)
DUPLICATE_KEY: Final = Rule(
    "CL003",
    "duplicate-key",
    Severity.ERROR,
    "yaml",
    "A mapping has the same key twice.",
    "YAML loaders silently keep one of two equal keys and drop the other, losing data. "
    "claimlog reports the second occurrence and names the line of the first; the "
    "first one is the one read. Merge the two entries or rename one key.",
)
ANCHOR_ALIAS: Final = Rule(
    "CL004",
    "anchor-alias",
    Severity.ERROR,
    "yaml",
    "Anchors and aliases (`&`, `*`) are not part of the format.",
    "Anchors and aliases make one value stand in several places, which hides what a "
    "reviewer sees in a diff and opens the door to exponential expansion "
    "('billion laughs'). Write each value out; ids are the way to refer to an entity.",
)
MERGE_KEY: Final = Rule(
    "CL005",
    "merge-key",
    Severity.ERROR,
    "yaml",
    "Merge keys (`<<`) are not part of the format.",
    "A merge key copies another mapping's keys into this one, invisibly. Write the keys out.",
)
EXPLICIT_TAG: Final = Rule(
    "CL006",
    "explicit-tag",
    Severity.ERROR,
    "yaml",
    "Explicit tags (`!!str`, `!foo`) are not part of the format.",
    "Every scalar is read as text and converted only where the field's type asks for "
    "a date, a number or a boolean, so tags are never needed. Tags such as "
    "`!!python/object` are how YAML loaders run code; claimlog never honours them.",
)
MULTIPLE_DOCUMENTS: Final = Rule(
    "CL007",
    "multiple-documents",
    Severity.ERROR,
    "yaml",
    "The file holds more than one YAML document.",
    "A ledger file is one mapping. Split the documents into separate files; only the "
    "first document is read.",
)
TOP_LEVEL_NOT_MAPPING: Final = Rule(
    "CL008",
    "top-level-not-mapping",
    Severity.ERROR,
    "yaml",
    "The top level of the file is not a mapping.",
    "A ledger file is one mapping with keys such as `sources`, `claims` and "
    "`evidence`. A file whose top level is a list or a plain value is not read.",
)
EMPTY_FILE: Final = Rule(
    "CL009",
    "empty-file",
    Severity.WARNING,
    "yaml",
    "The file holds no data.",
    "The file is empty or holds only comments. It contributes nothing to the ledger "
    "set; delete it or fill it in.",
)
TAB_INDENTATION: Final = Rule(
    "CL010",
    "tab-indentation",
    Severity.ERROR,
    "yaml",
    "A tab is used where YAML expects indentation.",
    "YAML forbids tabs in indentation. Indent with spaces (two per level is the "
    "convention in claimlog's examples). Every such tab of a file is reported at once, "
    "each with the spaces its line most likely wants; the file's other findings come "
    "once its tabs are mended, since until then its structure is not sure.",
)
TOO_DEEP: Final = Rule(
    "CL011",
    "too-deep",
    Severity.ERROR,
    "yaml",
    "Values are nested deeper than the limit.",
    "A ledger needs a handful of levels; more than 64 levels of nesting is refused so "
    "that a hostile file cannot exhaust time or memory. Nothing below the limit is "
    "read.",
)
FILE_TOO_LARGE: Final = Rule(
    "CL012",
    "file-too-large",
    Severity.ERROR,
    "yaml",
    "The file is larger than the limit.",
    "Files over 256 MiB are refused unread, and so are files of more values (scalars, "
    "mappings and lists: `{},` is three bytes and one value) than 2,000,000 or one per 8 "
    "bytes of the file, whichever is more, so that a stray data dump or a hostile file "
    "cannot exhaust time or memory (a ledger averages 15-20 bytes a value). A 256 MiB "
    "ledger takes several GB of memory to check: split a large ledger into several "
    "files, ids are global across the set.",
)
UNREADABLE_FILE: Final = Rule(
    "CL013",
    "unreadable-file",
    Severity.ERROR,
    "yaml",
    "The file or folder cannot be read.",
    "The operating system refused to read the file, or to list a folder searched for "
    "ledgers (permissions, a symbolic link that is broken or loops). Nothing is "
    "skipped silently: the path is reported and the run fails.",
)
COMPLEX_KEY: Final = Rule(
    "CL014",
    "complex-key",
    Severity.ERROR,
    "yaml",
    "A mapping key is not plain text.",
    "Keys are field names, ids or claim ids: plain text. A key that is itself a list "
    "or a mapping (`? [a, b]`) is not read.",
)
MISLEADING_CHARACTER: Final = Rule(
    "CL015",
    "misleading-character",
    Severity.ERROR,
    "yaml",
    "A character makes the file read differently from how a reviewer sees it.",
    "YAML breaks lines at U+0085 (next line), U+2028 (line separator), U+2029 "
    "(paragraph separator) and at a carriage return not followed by a line feed; git, "
    "diff viewers and code review show none of them as a line break, so a line that "
    "looks like one comment can hold whole entries. A file with such a character is "
    "not read at all, and each one is reported at its place as a reviewer counts "
    "lines (at line feeds only). Bidirectional controls (U+202A-U+202E, U+2066-U+2069, "
    "U+200E, U+200F, U+061C: the 'Trojan Source' class) reorder how a line is "
    "displayed, so the text reviewed is not the text read; each one is reported, "
    "comments included (CL018 is the same for a file's name). To keep such a character "
    "in a value, write it as an escape in "
    'a double-quoted string (`"\\u2028"`).'
    " No `# claimlog: ignore` comment hides it: the comment could come with the same "
    "pull request (the configuration's `ignore` can).",
)
UNSAFE_FILE: Final = Rule(
    "CL016",
    "unsafe-file",
    Severity.ERROR,
    "yaml",
    "A ledger path is not a regular file inside the repository.",
    "Ledgers come from pull requests, and git stores symbolic links. A symbolic link "
    "is followed only when its target is a regular file inside the repository (or "
    "inside the folder named on the command line, for a folder outside it) and not "
    "hidden; a link to anything else (`/proc/self/environ`, `../../.netrc`, a folder, "
    "`.git/config`, where a CI checkout keeps its token) and a path that "
    "is not a regular file (a FIFO, a device, a socket) are reported at the link and "
    "never opened, so a ledger can neither read a secret into the output nor hang the "
    "run. Replace the link with the file itself."
    " No `# claimlog: ignore` comment hides it: the comment could come with the same "
    "pull request (the configuration's `ignore` can).",
)
# --- schema ------------------------------------------------------------------
COMMENT_IN_VALUE: Final = Rule(
    "CL017",
    "comment-in-value",
    Severity.WARNING,
    "yaml",
    "Text after ' #' in an unquoted value is read as a comment.",
    "YAML ends an unquoted value at a space followed by '#': in `summary: Reported by "
    "#Reuters and AP` the summary is 'Reported by', and the rest is a comment that no "
    "output shows. A comment whose text starts right after its '#' (`#Reuters`, `#2`) "
    "is more often text the writer meant to keep, so it is reported; a comment written "
    "`# text` is not, nor is a suppression. Put the whole value in quotes to keep the "
    "text, or write a space after the '#' to mark a comment. The first 1,000 of a file "
    "are counted.",
)
MISLEADING_FILE_NAME: Final = Rule(
    "CL018",
    "misleading-file-name",
    Severity.ERROR,
    "yaml",
    "A file's name reads otherwise than it is.",
    "A bidirectional control in a file's name (`b\\u202eyaml.lmx.yaml`) reorders how "
    "it is shown in a review, as CL015 says of a line; a control character (a line "
    "break, an escape sequence) or a character that shows as nothing (a zero-width "
    "space, as CL019 says) shows as an escape or not at all, and a CI annotation "
    "cannot name the file. The file is still read and formatted. Rename it. No "
    "`# claimlog: ignore` comment hides it (the configuration's `ignore` can).",
)
HIDDEN_CHARACTER: Final = Rule(
    "CL019",
    "hidden-character",
    Severity.WARNING,
    "yaml",
    "A character that shows as nothing hides text.",
    "A zero-width space, a word joiner, a byte order mark inside the text, a Hangul "
    "filler or a Unicode tag character (U+E0001, U+E0020-U+E007F: letters no font draws, which "
    "can spell a whole hidden sentence) shows as nothing in an editor, a diff or a "
    "browser: the text a reviewer approves is not the text the ledger holds, a "
    "quote with one inside a word no longer reads as a copy of the same quote, and an "
    "id with one is another id. Each is reported at its place, comments included; "
    "claimlog's outputs show them as escapes (`\\u200b`, `\\U000e0041`). The joiners "
    "that scripts and emoji need (U+200C, U+200D), the soft hyphen and variation "
    "selectors are not reported. Remove the character; to keep it in a value, write "
    'it as an escape in a double-quoted string (`"\\u200b"`). The first 1,000 of a '
    "file are reported one by one. No `# claimlog: ignore` comment hides it, as CL015 "
    "says (the configuration's `ignore` can).",
)
MISSING_FIELD: Final = Rule(
    "CL101",
    "missing-field",
    Severity.ERROR,
    "schema",
    "A required field is missing or empty.",
    "Sources need `id` and `name`; claims need `id` and `statement`; evidence items "
    "need `id`, `summary`, `source` and `stance`. An empty value (`name:` with "
    "nothing after it) counts as missing. The entity is left out of the ledger set "
    "until it is complete, so findings that depend on it may follow.",
)
UNKNOWN_FIELD: Final = Rule(
    "CL102",
    "unknown-field",
    Severity.ERROR,
    "schema",
    "A field is not part of the format.",
    "A key the format does not define is an error rather than being ignored: a "
    "silently ignored typo (`stnace` for `stance`) is lost data. The hint names the "
    "closest known field. Free-form data belongs under `meta` or in `notes`. "
    "`claimlog check --fix` renames the key when exactly one known field is close to "
    "it and the mapping does not have that field already.",
    fixable=True,
)
WRONG_TYPE: Final = Rule(
    "CL103",
    "wrong-type",
    Severity.ERROR,
    "schema",
    "A value has the wrong shape.",
    "Each field expects text, a list, a mapping, a number or a boolean. Lists may be "
    "written in flow style (`[a, b]`) or block style (one `- item` per line).",
)
INVALID_VALUE: Final = Rule(
    "CL104",
    "invalid-value",
    Severity.ERROR,
    "schema",
    "A value is outside the values its field allows.",
    "Enumerated fields (`kind`, `reliability`, `stance`, `credibility`, `verdict`) "
    "take one of a fixed set of words; numbers must lie in their range (a `prior` "
    "strictly between 0 and 1); booleans are `true` or `false`. `claimlog check --fix` "
    "replaces a word with the one allowed word close to it (`support` -> `supports`), "
    "and YAML 1.1's `yes`, `no`, `on`, `off`, `y` and `n` in a boolean field with "
    "`true` or `false`.",
    fixable=True,
)
MALFORMED_ID: Final = Rule(
    "CL105",
    "malformed-id",
    Severity.ERROR,
    "schema",
    "An id does not follow the id syntax.",
    "Ids are 1 to 128 characters of ASCII letters (`a`-`z`, `A`-`Z`), digits, `.`, `_`, "
    "`-` and `:`, starting with a letter or a digit. They are case-sensitive. An accented "
    "or non-Latin letter is refused, and the message names it.",
)
MALFORMED_DATE: Final = Rule(
    "CL106",
    "malformed-date",
    Severity.ERROR,
    "schema",
    "A date is not a valid date.",
    "Dates are `YYYY-MM-DD` or an ISO 8601 date-time with an offset "
    "(`2024-03-22T19:58:00+03:00`). A date-time without an offset is ambiguous and "
    "refused.",
)
MALFORMED_URL: Final = Rule(
    "CL107",
    "malformed-url",
    Severity.ERROR,
    "schema",
    "A URL is not an http(s) URL.",
    "`url` and `archive_url` take absolute `http://` or `https://` URLs with a host (a name, "
    "or an IPv6 address in brackets), an optional port of at most five digits, and no spaces, "
    "control characters (C0, DEL or C1, which a YAML escape can write) or backslashes. "
    "Browsers read a backslash in an http(s) URL as `/`, other programs (Python's urllib, "
    "many tools) as part of the name it stands in: in a browser "
    "`https://www.reuters.com\\@evil.example/` goes to Reuters, while to urllib its host "
    "is `evil.example`. The message names the character; a backslash in a path is "
    "written `%5C`.",
)
MALFORMED_HASH: Final = Rule(
    "CL108",
    "malformed-hash",
    Severity.ERROR,
    "schema",
    "A hash is not 64 hexadecimal digits.",
    "`sha256` is the SHA-256 digest of the preserved copy, written as 64 hexadecimal digits.",
)
MANY_INVALID_ENTRIES: Final = Rule(
    "CL109",
    "many-invalid-entries",
    Severity.ERROR,
    "schema",
    "A file has more invalid entries than are described one by one.",
    "The first 1,000 invalid sources, claims, evidence items and groups of a file are "
    "described finding by finding; the rest are still validated, recovered where they "
    "can be and counted, and this one finding says how many were not described, so that "
    "a file of millions of broken entries cannot exhaust time or memory. Such files "
    "usually share one cause: fix the findings shown and check again.",
)
DECEPTIVE_URL: Final = Rule(
    "CL110",
    "deceptive-url",
    Severity.ERROR,
    "schema",
    "A URL reads as one site and goes to another.",
    "A reviewer reads a link by its start; a browser goes to its host. "
    "`https://www.reuters.com@evil.example/article` goes to `evil.example`: what stands "
    "before `@` is a user name (RFC 3986 user information, which no link to a published "
    "page needs and browsers warn about). A host that holds an invisible character or "
    "punctuation that is not ASCII (a fraction slash reads as `/`, so the rest reads as "
    "a path while it is still the host), a label that mixes scripts (`www.reuters.com` "
    "with a Cyrillic `s`), or a label wholly of letters that look Latin under a Latin "
    "top-level domain (a Cyrillic `apple.com`) reads as another site's name. Anywhere "
    "in a URL, a bidirectional control (U+202E shows `https://www.reuters.com/` + U+202E + "
    "`moc.live` as ending in `evil.com`) or a character that hides text (CL019's: a "
    "zero-width space, a tag character) shows an address other than the one followed; "
    'a YAML escape (`"\\u202e"`) puts one in a value while the file '
    "holds none, so CL015 and CL019 do not see it. Write the address as the site's own "
    "page shows it."
    " No `# claimlog: ignore` comment hides it: the comment could come with the same "
    "pull request (the configuration's `ignore` can).",
)
# --- references --------------------------------------------------------------
UNKNOWN_REFERENCE: Final = Rule(
    "CL201",
    "unknown-reference",
    Severity.ERROR,
    "references",
    "A reference names no such entity.",
    "`source`, `via`, `derived_from`, `claimed_by` and a resolution's `source` must "
    "name a source, the keys of `stance` a claim, and `based_on` an evidence item, "
    "defined somewhere in the ledger set (ids are global across files). The hint names "
    "the closest id when one is near. `claimlog check --fix` replaces the reference "
    "when it differs from exactly one id of the kind wanted only in case or separators "
    "(`Reuters` -> `reuters`, `src_2` -> `src-2`) and the list it is in does not name "
    "that id already; a letter more or less is left to the writer, since the words of "
    "ids are anyone's (`device-planted` is not `device-planned`).",
    fixable=True,
)
DUPLICATE_ID: Final = Rule(
    "CL202",
    "duplicate-id",
    Severity.ERROR,
    "references",
    "An id is defined more than once.",
    "Ids are global across the whole ledger set, across sources, claims and evidence; "
    "a group is declared once. A finding at each definition names the other place and "
    "the definition used: the first file's (in path order), and of two in one file the "
    "one whose values sort first, so that the order entries are written in changes no "
    "result.",
)
CONFUSABLE_NAME: Final = Rule(
    "CL203",
    "confusable-name",
    Severity.WARNING,
    "references",
    "An id or tag mixes scripts, hides a character, or looks like another one.",
    "Ids, group names, affiliations, parties and tags are matched exactly, so a tag "
    "with a Cyrillic or Greek letter that looks Latin (`government-\u0445`, its last "
    "letter Cyrillic) silently stops matching the one it imitates: a source stops "
    "counting as an interested party. Reported: a name that mixes scripts (Latin with "
    "Cyrillic or Greek, say), one that holds an invisible character, and one that looks "
    "like another name of the set (the same skeleton, in the sense of Unicode TR39: "
    "look-alike letters, `0` and `O`, `1` and `l`, `rn` and `m`) or differs from it only "
    "in case or separators (`Islamic-State` and `islamic-state`, `US government` and "
    "`us-government`); the finding names both. Write the name in one script, as the "
    "other places spell it.",
)
# --- provenance --------------------------------------------------------------
CIRCULAR_REPORTING: Final = Rule(
    "CL301",
    "circular-reporting",
    Severity.ERROR,
    "provenance",
    "Sources derive from each other in a cycle.",
    "`derived_from` says a source republishes or depends on another. A cycle (A from "
    "B, B from A) is circular reporting: the sources confirm each other with no "
    "origin outside the loop. The finding lists the whole cycle.",
)
VIA_CONTAINS_ORIGIN: Final = Rule(
    "CL302",
    "via-contains-origin",
    Severity.ERROR,
    "provenance",
    "A relay chain contains the item's own origin.",
    "`via` lists the sources an item passed through after its origin (`source`). "
    "Naming the origin again in `via` is a mistake in the chain.",
)
VIA_REPEATS_SOURCE: Final = Rule(
    "CL303",
    "via-repeats-source",
    Severity.ERROR,
    "provenance",
    "A relay chain names one source twice.",
    "Each relay in `via` passes the item on once; a repeated source makes the chain circular.",
)
BASED_ON_CYCLE: Final = Rule(
    "CL304",
    "based-on-cycle",
    Severity.ERROR,
    "provenance",
    "Evidence items rest on each other in a cycle.",
    "`based_on` says an item rests on another item's observation or statement. A cycle "
    "(A rests on B, B rests on A) leaves no observation the items rest on: circular "
    "reasoning. The assessment counts the items of a cycle as one line of reporting; "
    "the finding lists the whole cycle.",
)
ECHO_LIMIT: Final = Rule(
    "CL305",
    "echo-limit",
    Severity.ERROR,
    "provenance",
    "The stances passed along `based_on` exceed what a run may weigh.",
    "An item that rests on another (`based_on`) carries its whole observation: it bears "
    "on every claim of the group that the items it rests on take a side on. A chain of "
    "n such items, each on another claim of one group, passes on n x n / 2 stances (a "
    "chain of 4,000 took 40 s and 3.1 GB). So that a hostile ledger cannot exhaust CI, "
    "the walk that passes them on stops after 2,000,000 stances, plus 8 per evidence "
    "item of the set; then no item borrows any stance, and every assessment of the run "
    "leaves out what echoes carry. The finding names the item where the walk stopped. "
    "Rest an echo on the first report it repeats, not on the echo before it, or split "
    "the group.",
)
# --- logic -------------------------------------------------------------------
FUTURE_DATE: Final = Rule(
    "CL401",
    "future-date",
    Severity.ERROR,
    "logic",
    "A date lies after the as-of date or in the future.",
    "Evidence and claims cannot be dated after the assessment's as-of date "
    "(`--as-of`), or after today when no as-of date is given; nor can an item be "
    "retracted after today (after an as-of date that lies before today, a retraction is "
    "only later news). An item dated or retracted after today (after an as-of date later "
    "than today) counts neither way in the assessment until it is mended, unless this "
    "finding is suppressed or ignored. A typo in the year is the usual cause.",
)
GROUP_VERDICTS_CONFLICT: Final = Rule(
    "CL402",
    "group-verdicts-conflict",
    Severity.ERROR,
    "logic",
    "Two claims of one group are both recorded as supported.",
    "Claims that share a `group` are mutually exclusive: at most one can be true, so "
    "at most one may carry the recorded verdict `supported`.",
)
GROUP_PRIOR_SUM: Final = Rule(
    "CL403",
    "group-prior-sum",
    Severity.ERROR,
    "logic",
    "The priors of a group add up to more than 1.",
    "Claims in a group are mutually exclusive, so their prior probabilities together "
    "cannot exceed 1.",
)
LONELY_GROUP: Final = Rule(
    "CL404",
    "lonely-group",
    Severity.WARNING,
    "logic",
    "A competing-hypotheses group has only one claim.",
    "A group holds mutually exclusive alternatives. A group with a single claim is "
    "usually a misspelt group name; the hint names a close group when there is one. A "
    "group declared under `groups` that fewer than two claims name is reported at its "
    "declaration. A group of one claim declared `exhaustive` is assessed as an open one "
    '(the claim and "none of these"): declared the only answer, it would be certain '
    "whatever the evidence.",
)
NO_EVIDENCE: Final = Rule(
    "CL405",
    "no-evidence",
    Severity.WARNING,
    "logic",
    "A claim has no evidence.",
    "No evidence item takes a stance on this claim, so its verdict is `unverified` and "
    "its probability is its prior (in a competing-hypotheses group, its prior as moved "
    "by the evidence on its rivals).",
)
UNUSED_SOURCE: Final = Rule(
    "CL406",
    "unused-source",
    Severity.WARNING,
    "logic",
    "A source is never used.",
    "No evidence item, relay chain, `derived_from` or `claimed_by` refers to this "
    "source. Remove it or cite it.",
)
RETRACTED_ONLY: Final = Rule(
    "CL407",
    "retracted-only",
    Severity.WARNING,
    "logic",
    "All of a claim's evidence is retracted.",
    "Retracted items are kept for the record but never counted, so the claim is "
    "assessed as if it had no evidence.",
)
# --- logic that needs the credibility assessment ------------------------------
VERDICT_NOT_BACKED: Final = Rule(
    "CL408",
    "verdict-not-backed",
    Severity.WARNING,
    "assessment",
    "A recorded verdict differs from the assessed one.",
    "The claim's `verdict` is what an analyst recorded; claimlog assesses the evidence "
    "(docs/credibility.md) and warns where the two differ, naming the assessed verdict "
    "and probability. Either the verdict is out of date or evidence is missing.",
)
SINGLE_ORIGIN: Final = Rule(
    "CL409",
    "single-origin",
    Severity.WARNING,
    "assessment",
    "All support for a claim traces to one origin.",
    "Several items, or the support behind a `supported` verdict, that all trace to one "
    "origin (the same source, or sources joined by `derived_from`) are one line of "
    "reporting: ten outlets repeating one official are one official. Reported when a "
    "claim has two or more supporting items, or is assessed or recorded as supported.",
)
INTERESTED_PARTIES_ONLY: Final = Rule(
    "CL410",
    "interested-parties-only",
    Severity.WARNING,
    "assessment",
    "A claim is supported only by interested parties.",
    "Every supporting item comes from a source affiliated with one of the claim's "
    "`parties` (or echoes one), or from whoever makes a rival answer of its group. "
    "Interested parties weigh less in the assessment; support from a source with no "
    "stake is needed for a firm conclusion.",
)
CLAIMANT_ONLY: Final = Rule(
    "CL411",
    "claimant-only",
    Severity.WARNING,
    "assessment",
    "A claim is supported only by its claimants.",
    "Every supporting item is the claimant's own word: from a source in the claim's "
    "`claimed_by`, one that republishes it (`derived_from`), one that shares a claimant's "
    "`affiliation`, or an item resting on (`based_on`) or quoting such a word. The claim is "
    "its own evidence.",
)
GROUP_ASSESSMENT_CONFLICT: Final = Rule(
    "CL412",
    "group-assessment-conflict",
    Severity.WARNING,
    "assessment",
    "A claim recorded as supported has a rival the evidence supports.",
    "Claims of one group are mutually exclusive. When one is recorded as `supported` "
    "while the assessment supports another claim of the same group, the recorded "
    "verdict contradicts the evidence. (Two claims of a group can never both be "
    "assessed supported: the group's probabilities sum to at most 1.)",
)
SUSPECTED_COPY: Final = Rule(
    "CL413",
    "suspected-copy",
    Severity.WARNING,
    "assessment",
    "Two items of different origins carry the same quote, or nearly the same summary.",
    "Items whose sources are independent but whose quote is the same (white space and "
    "case aside), or whose summaries share nearly all their words, are probably one "
    "observation reported twice. The assessment already counts items with the same "
    "quote, marked alike (the same side of the same claims), as one line of reporting; "
    "copies marked otherwise (other claims, or the other way) weigh as independent lines, "
    "and the finding "
    "says so. Say so in the ledger: `based_on` on the item that rests on the other, or "
    "`derived_from` on the source that copies another.",
)
FRAGILE_VERDICT: Final = Rule(
    "CL414",
    "fragile-verdict",
    Severity.WARNING,
    "assessment",
    "A recorded verdict hangs on one item.",
    "The claim's recorded verdict is the one the evidence gives, but without one item "
    "the verdict would change (`claimlog show` lists the item, and what a one-notch "
    "change of its grades would do). A verdict that one retraction can overturn "
    "deserves another source before it is published.",
)
OPEN_GROUP_PRIOR_SUM: Final = Rule(
    "CL415",
    "open-group-prior-sum",
    Severity.WARNING,
    "logic",
    'The priors of an open group add up to 1, leaving nothing for "none of these".',
    "A group is open unless it is declared `exhaustive: true` under `groups`: an "
    "answer nobody has put forward keeps a share of the probability. Priors that add "
    "up to 1 leave it none, so the open group is assessed as if it were exhaustive, "
    "without saying so. Declare the group exhaustive if one of its claims must be "
    "true; otherwise lower the priors.",
)
RETRACTED_LINE: Final = Rule(
    "CL416",
    "retracted-line",
    Severity.WARNING,
    "assessment",
    "An item counts in the line of reporting of a retracted item.",
    "A retracted item does not count, but an item of another source in its line of "
    "reporting does: one whose source republishes the retracted item's source "
    "(`derived_from`, directly or through other republishers), that rests on it "
    "(`based_on`), or that carries its quote word for word (copies of one quote are one "
    "line). An outlet that republished a "
    "story its first publisher withdrew still carries the story, and a claim can stay "
    "`supported` on it alone. Reported for each such item, claim and direction (both "
    "support, or both refute). If the item repeats the withdrawn report, retract it "
    "too (`retracted: DATE`); if it stands on its own, say why in its `notes` and "
    "suppress the finding.",
)
# --- logic, numbered after the assessment's rules ------------------------------
UNMARKED_PAIR: Final = Rule(
    "CL417",
    "unmarked-pair",
    Severity.WARNING,
    "logic",
    "An item marks one claim of an exhaustive pair and not the other.",
    "In a group of two claims declared `exhaustive: true`, one of which is true, what "
    "supports one refutes the other. The probabilities follow from either mark, but each "
    "claim's verdict weighs the marks on it: an item that supports only one answer is "
    "no evidence against the other there, which can then read `supported` while its "
    "negation reads `disputed` (an analyst's review). Mark the other claim too, the "
    "other way (`supports` and `refutes`, `strongly-supports` and `strongly-refutes`), "
    "as competing hypotheses are marked, and the two verdicts agree. Reported only where "
    "the other mark weighs as the first: an item that counts, with no test but straw, "
    "whose speakers' stake is the same on both claims, as with no party or claimant "
    "among them (a hoop test passed is not one failed, nor an accused's denial support "
    "of the rival). One item's mark moves no probability; with "
    "others, items that favour one answer and were entered against the other then share "
    "its pool, where volume saturates, and the probabilities move a little.",
)
RETRACTED_BEFORE_DATE: Final = Rule(
    "CL418",
    "retracted-before-date",
    Severity.WARNING,
    "logic",
    "An item is retracted before its own date.",
    "An item is withdrawn after it is published: a `retracted` date before the item's "
    "`date` is a slip in one of the two, and the item never counts: as of any date "
    "it is either not yet published or already withdrawn.",
)
# --- suppressions --------------------------------------------------------------
UNUSED_SUPPRESSION: Final = Rule(
    "CL501",
    "unused-suppression",
    Severity.WARNING,
    "suppression",
    "A suppression comment suppresses nothing.",
    "`# claimlog: ignore[CL123, rule-name]` on the line of a finding suppresses it; "
    "placed before the first content of a file (after blank lines, comments, a "
    "`%YAML` directive or `---`, or on the `---` line) it suppresses those rules in the "
    "whole file. A suppression that matches no finding (the problem was fixed, or the code "
    "is misspelt) is reported so that it does not hide a future finding. Only "
    "suppressions of enabled rules are reported. Suppressing the finding on a file "
    "that cannot be read or a section that is not read (CL001, CL102 on `evidences:`) "
    "does not skip the checks of the whole set that its part of the set would skip: "
    "they run, and report what the unread part leaves out. A suppression of a rule no "
    "comment can hide (CL015, CL016, CL018, CL019, CL110: what deceives a reviewer or "
    "reads outside the tree) is reported too, and so is `# claimlog: ignore` with no rules in "
    "brackets, which suppresses nothing.",
)

ALL_RULES: Final[tuple[Rule, ...]] = (
    YAML_SYNTAX,
    NOT_UTF8,
    DUPLICATE_KEY,
    ANCHOR_ALIAS,
    MERGE_KEY,
    EXPLICIT_TAG,
    MULTIPLE_DOCUMENTS,
    TOP_LEVEL_NOT_MAPPING,
    EMPTY_FILE,
    TAB_INDENTATION,
    TOO_DEEP,
    FILE_TOO_LARGE,
    UNREADABLE_FILE,
    COMPLEX_KEY,
    MISLEADING_CHARACTER,
    UNSAFE_FILE,
    COMMENT_IN_VALUE,
    MISLEADING_FILE_NAME,
    HIDDEN_CHARACTER,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    MALFORMED_ID,
    MALFORMED_DATE,
    MALFORMED_URL,
    MALFORMED_HASH,
    MANY_INVALID_ENTRIES,
    DECEPTIVE_URL,
    UNKNOWN_REFERENCE,
    DUPLICATE_ID,
    CONFUSABLE_NAME,
    CIRCULAR_REPORTING,
    VIA_CONTAINS_ORIGIN,
    VIA_REPEATS_SOURCE,
    BASED_ON_CYCLE,
    ECHO_LIMIT,
    FUTURE_DATE,
    GROUP_VERDICTS_CONFLICT,
    GROUP_PRIOR_SUM,
    LONELY_GROUP,
    NO_EVIDENCE,
    UNUSED_SOURCE,
    RETRACTED_ONLY,
    VERDICT_NOT_BACKED,
    SINGLE_ORIGIN,
    INTERESTED_PARTIES_ONLY,
    CLAIMANT_ONLY,
    GROUP_ASSESSMENT_CONFLICT,
    SUSPECTED_COPY,
    FRAGILE_VERDICT,
    OPEN_GROUP_PRIOR_SUM,
    RETRACTED_LINE,
    UNMARKED_PAIR,
    RETRACTED_BEFORE_DATE,
    UNUSED_SUPPRESSION,
)
"""Every rule, in code order."""

UNSUPPRESSIBLE: Final = frozenset({"CL015", "CL016", "CL018", "CL019", "CL110"})
"""Rules no ``# claimlog: ignore`` comment hides: what hides text from a reviewer
(misleading and hidden characters), reads outside the tree (unsafe files) or disguises a link
(deceptive URLs). The comment would come with the same pull request as what it hides;
the configuration's ``ignore``, which a CI job can take from the base branch, still
turns them off."""

RULES: Final[dict[str, Rule]] = {rule.code: rule for rule in ALL_RULES}
RULES_BY_NAME: Final[dict[str, Rule]] = {rule.name: rule for rule in ALL_RULES}


def resolve_selector(selector: str) -> list[Rule]:
    """Rules matching a ``--select``/``--ignore`` word: a code, a code prefix or a name."""
    word = selector.strip()
    if word in RULES_BY_NAME:
        return [RULES_BY_NAME[word]]
    upper = word.upper()
    if upper == "ALL":
        return list(RULES.values())
    return [rule for code, rule in RULES.items() if upper and code.startswith(upper)]


def select_rules(select: Iterable[str], ignore: Iterable[str]) -> tuple[set[str], list[str]]:
    """The enabled codes after ``select`` then ``ignore``, and any unknown selector words."""
    unknown: list[str] = []
    select = list(select)
    enabled: set[str] = set()
    for word in select or ["ALL"]:
        found = resolve_selector(word)
        if not found:
            unknown.append(word)
        enabled.update(rule.code for rule in found)
    for word in ignore:
        found = resolve_selector(word)
        if not found:
            unknown.append(word)
        enabled.difference_update(rule.code for rule in found)
    return enabled, unknown


def rule_code(word: str) -> str | None:
    """The code of the rule a suppression word names (a code, any case, or a name)."""
    if word.upper() in RULES:
        return word.upper()
    rule = RULES_BY_NAME.get(word)
    return rule.code if rule is not None else None
