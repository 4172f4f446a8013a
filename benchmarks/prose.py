"""Clean synthetic documents: news articles, blog posts, forum threads, press releases, docs.

A `Draft` is a list of blocks (title, metadata, prose, quotes, headings, lists, code) that the
defect injectors in `benchmarks.defects` edit before it is rendered to text. Everything here is
clean: attributed quotes, dated headers, sentences that end, no markup.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from benchmarks import vocabulary as v

KINDS = ("news", "blog", "forum", "press", "docs")
KIND_WEIGHTS = (35, 20, 15, 15, 15)
FIRST_DATE = date(2015, 1, 1)
DATE_SPAN_DAYS = 3650

# Block kinds that hold running prose, where sentence-level defects may be injected.
PROSE = "prose"
QUOTE = "quote"
PROSE_KINDS = frozenset({PROSE, QUOTE})


@dataclass
class Block:
    kind: str  # title, meta, frontmatter, prose, quote, heading, list, code, signature
    text: str


@dataclass
class Draft:
    kind: str
    suffix: str  # ".txt" or ".md"
    topic: str
    published: date
    date_style: str  # how the text states its date; "none" when it states none
    blocks: list[Block] = field(default_factory=list)

    def prose_indexes(self) -> list[int]:
        return [i for i, block in enumerate(self.blocks) if block.kind in PROSE_KINDS]

    def plain_prose_indexes(self) -> list[int]:
        return [i for i, block in enumerate(self.blocks) if block.kind == PROSE]


class Slots(dict):
    """Template slots filled on first use, so a template only pays for the slots it names."""

    def __init__(self, writer: Writer):
        super().__init__()
        self.writer = writer

    def __missing__(self, key: str) -> str:
        value = self.writer.slot(key)
        self[key] = value
        return value


STATEMENTS = (
    "{Org} said it would {verb} the {noun} in {place} by {month}.",
    "{People} in {place} have waited {duration} for the {adj} {noun}.",
    "The {noun} cost about {amount} {currency}, roughly twice the original estimate.",
    "{Connector} the {noun2} remains {adj}, and {people} expect further changes.",
    "Officials plan to {verb} the {noun} before the {adj} {noun2} opens.",
    "Work on the {noun} began in {month} and is expected to take {duration}.",
    "According to figures published by {org}, demand for the {noun} rose by {pct} percent.",
    "The proposal would {verb} the {noun} and {verb2} the {noun2} at the same time.",
    "Several {people} told {outlet} they had not been consulted about the {noun}.",
    "A public meeting on the {noun} is scheduled at the {place} community hall.",
    "The {adj} {noun} has been a point of contention since {month} {year}.",
    "{Person}, who has lived in {place} for {duration}, {adverb} opposed the plan to {verb} the"
    " {noun}.",
    "Under the plan, {org} would {verb} the {noun} and share the cost with {org2}.",
    "The {place} board voted {small} to {smaller} on the {noun}, with one member abstaining.",
    "Critics argue the {noun} will not solve a problem {people} have raised for {duration}.",
    "Supporters say the {adj} {noun} will save {people} time and money.",
    "The {org} budget sets aside {amount} {currency} for the {noun}.",
    "Engineers found that the {noun} near {place} was more {adj} than expected.",
    "Nothing in the agreement requires {org} to {verb} the {noun2}.",
    "By the end of {month}, the {noun} should be ready to reopen.",
    "Figures from {place} show {count} {people} used the {noun} in its first month.",
    "{Person} said the {noun} was {adj} and that {people} were {feeling} about the next steps.",
    "It is not the first time the {noun} has drawn attention: in {year}, a plan to {verb} it"
    " stalled.",
    "The {noun} serves roughly {count} {people} across {region}.",
    "{Org} and {org2} have disagreed for {duration} over who should {verb} the {noun}.",
    "A report commissioned by {org} recommended that the council {verb} the {noun} first.",
    "Volunteers counted {count} {people} at the {noun} during a single afternoon.",
    "The decision leaves the {adj} {noun2} in place until at least {month} {year}.",
    "Residents of {place} can comment on the {noun} until the end of {month}.",
    "The {noun} in {place} was last {verbed} in {year}, according to council records.",
)
FIRST_PERSON = (
    "I spent a long weekend looking at the {noun} in {place}, and I have thoughts.",
    "My neighbour {first} thinks the {noun} is {adj}, and I am starting to agree.",
    "We tried the {adj} {noun} twice in {month}, and the second visit was better.",
    "If you live near {place}, the {noun} is worth a look.",
    "Honestly, I expected the {noun} to be more {adj} than it was.",
    "Here is what I learned after {duration} with the {noun}.",
    "A few readers asked about the {noun2}, so here are my notes.",
    "I am {feeling} about the {noun}, though I know not everyone shares that view.",
    "The short version: {org} should {verb} the {noun} and stop studying it.",
    "When I moved to {place}, nobody talked about the {noun} at all.",
)
FORUM_LINES = (
    "Has anyone else had trouble with the {noun} near {place}?",
    "Same here, the {noun} was {adj} again when I checked.",
    "Thanks {first}, the tip about the {noun} worked for me.",
    "I think {org} changed the rules for the {noun} in {month}.",
    "Try calling the {org} office, they sorted mine out within a day.",
    "Not sure that is right, the {noun} was {adj} even before the change.",
    "Does anyone know whether the {noun2} is affected as well?",
    "Update: I got a reply from {org} and they are looking into it.",
    "For what it is worth, the {noun} in {place} works fine for me.",
    "You might have more luck asking in the {place} group.",
)
DOCS_LINES = (
    "The {noun} reads its settings from `{file}`, next to the {noun2}.",
    "Run the command below to {verb} the {noun} before the first {noun2} is built.",
    "If the {noun} is missing, the tool falls back to the defaults in `{file}`.",
    "Each {noun} is checked once per {noun2} and cached until its input changes.",
    "Set `{option}` to `{value}` when you need to {verb} the {noun2}.",
    "The {adj} mode for the {noun} is off by default because it slows down runs over {count}"
    " files.",
    "Versions before {small}.{smaller} wrote the {noun} to a temporary folder.",
    "See the section on the {noun2} for how to {verb} the {noun} on a shared machine.",
    "Teams at {org} {verb} the {noun} nightly and keep the {noun2} {adj} by hand.",
    "The {noun} accepts `--{option}` as well as the `{option}` key in `{file}`.",
    "A {adj} {noun} usually means the {noun2} was not rebuilt after an upgrade.",
    "On machines with {small} cores, {verb} the {noun} first and the {noun2} later.",
    "Expect the {noun} to take about {pct} seconds on a corpus of {count} documents.",
)
QUOTES = (
    "We {verb} the {noun} because {people} asked for it",
    "This is the most {adj} {noun} we have had in {duration}",
    "Nobody wants to {verb} the {noun} twice",
    "I have never seen the {noun} this {adj}",
    "We are {feeling}, but there is still work to do",
    "The {noun} belongs to everyone in {place}",
    "If we do not {verb} the {noun} now, it will cost twice as much later",
    "People here have been patient for {duration}",
    "Our job is to {verb} the {noun}, not to argue about it",
    "It took {duration}, and it was worth every week",
)
HEADLINES = (
    "{Place} council votes to {verb} {adj} {noun}",
    "{Org} plans to {verb} the {noun} in {place}",
    "{People_title} question cost of {noun}",
    "Why the {noun} in {place} keeps making headlines",
    "{Adj_title} {noun} opens in {place} after {duration}",
    "What the {noun} means for {people}",
)
DOC_TITLES = (
    "Configuring the {noun}",
    "Getting started with the {noun}",
    "How to {verb} the {noun}",
    "Troubleshooting the {noun2}",
)
FORUM_TITLES = (
    "{noun_title} in {place} not working?",
    "Question about the {noun}",
    "Anyone tried the new {noun}?",
    "{noun_title} changes: what do we know",
)
DOC_SECTIONS = ("Installation", "Usage", "Options", "Examples", "Limitations", "Upgrading")
FILES = ("config.toml", "settings.yaml", "pyproject.toml", ".toolrc", "project.json")
OPTIONS = ("max-workers", "cache-dir", "timeout", "log-level", "strict", "batch-size")
VALUES = ("4", "true", "false", "info", "30", "./cache")
COMMANDS = ("tool build --release", "tool check src", "tool cache clean", "tool run --jobs 4")


def past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


class Writer:
    """Fills sentence templates for one document, from one topic and one seeded RNG."""

    def __init__(self, rng: random.Random, topic: str):
        self.rng = rng
        self.topic = topic
        words = v.TOPICS[topic]
        self.nouns, self.verbs, self.adjs = words["noun"], words["verb"], words["adj"]
        self.places = [self.new_place() for _ in range(3)]
        self.orgs = [self.new_org() for _ in range(3)]
        self.people = [self.new_person() for _ in range(4)]

    # -- names ---------------------------------------------------------------------------
    def new_place(self) -> str:
        rng = self.rng
        return rng.choice(v.PLACE_ONSETS) + rng.choice(v.PLACE_CODAS) + rng.choice(v.PLACE_SUFFIXES)

    def new_org(self) -> str:
        rng = self.rng
        return f"{rng.choice(v.ORG_PARTS)} {rng.choice(v.ORG_NOUNS)} {rng.choice(v.ORG_KINDS)}"

    def new_person(self) -> str:
        rng = self.rng
        if rng.random() < 0.08:
            return rng.choice(v.ACCENTED_NAMES)
        return f"{rng.choice(v.FIRST_NAMES)} {rng.choice(v.LAST_NAMES)}"

    def person(self) -> str:
        name = self.rng.choice(self.people)
        if self.rng.random() < 0.15:
            return f"{self.rng.choice(v.TITLES)} {name.split()[-1]}"
        return name

    # -- templates -----------------------------------------------------------------------
    def slot(self, key: str) -> str:
        rng = self.rng
        if key[0].isupper() and key not in ("Org", "Person", "Place", "Connector"):
            value = self.slot(key.split("_")[0].lower())
            return value[:1].upper() + value[1:]
        match key:
            case "noun" | "noun2":
                return rng.choice(self.nouns)
            case "noun_title":
                noun = rng.choice(self.nouns)
                return noun[:1].upper() + noun[1:]
            case "verb" | "verb2":
                return rng.choice(self.verbs)
            case "verbed":
                return past(rng.choice(self.verbs))
            case "adj":
                return rng.choice(self.adjs)
            case "Org" | "org":
                return rng.choice(self.orgs)
            case "org2":
                return self.new_org()
            case "Person" | "person":
                return self.person()
            case "first":
                return rng.choice(v.FIRST_NAMES)
            case "Place" | "place":
                return rng.choice(self.places)
            case "region":
                return rng.choice(v.REGIONS)
            case "people":
                return rng.choice(v.PEOPLE_GROUPS)
            case "outlet":
                return rng.choice(v.OUTLETS)
            case "month":
                return rng.choice(v.MONTHS)
            case "year":
                return str(rng.randint(1998, 2014))
            case "duration":
                return rng.choice(v.DURATIONS)
            case "amount":
                return rng.choice(v.AMOUNTS)
            case "currency":
                return rng.choice(v.CURRENCIES)
            case "pct":
                return str(rng.randint(3, 60))
            case "count":
                return f"{rng.randint(120, 48000):,}"
            case "small":
                return str(rng.randint(5, 9))
            case "smaller":
                return str(rng.randint(1, 4))
            case "Connector":
                return rng.choice(v.CONNECTORS)
            case "adverb":
                return rng.choice(v.ADVERBS)
            case "feeling":
                return rng.choice(v.FEELINGS)
            case "file":
                return rng.choice(FILES)
            case "option":
                return rng.choice(OPTIONS)
            case "value":
                return rng.choice(VALUES)
        raise KeyError(key)

    def fill(self, template: str) -> str:
        text = template.format_map(Slots(self))
        return text[:1].upper() + text[1:]

    def sentence(self, templates: tuple[str, ...] = STATEMENTS) -> str:
        return self.fill(self.rng.choice(templates))

    def paragraph(
        self, templates: tuple[str, ...] = STATEMENTS, low: int = 2, high: int = 5
    ) -> str:
        return " ".join(self.sentence(templates) for _ in range(self.rng.randint(low, high)))

    def quote_words(self) -> str:
        return self.fill(self.rng.choice(QUOTES))

    def attributed_quote(self, curly: bool = True) -> str:
        rng = self.rng
        opening, closing = ("“", "”") if curly else ('"', '"')
        words, speaker = self.quote_words(), self.person()
        form = rng.randrange(5)
        if form == 0:
            return f"{opening}{words},{closing} said {speaker}, {rng.choice(v.ROLES)}."
        if form == 1:
            more = self.quote_words()
            return f"{opening}{words},{closing} {speaker} said. {opening}{more}.{closing}"
        if form == 2:
            return f"{speaker}, {rng.choice(v.ROLES)}, said: {opening}{words}.{closing}"
        if form == 3:
            verb = rng.choice(v.SPEECH_VERBS)
            return f"{opening}{words},{closing} {speaker} {verb}. {self.sentence()}"
        return (
            f"{self.sentence()} {opening}{words},{closing} {speaker} told {rng.choice(v.OUTLETS)}."
        )

    def multi_paragraph_quote(self) -> list[str]:
        """A quotation over two paragraphs: the first is left open, as style guides require."""
        return [
            f"“{self.quote_words()}. {self.quote_words()}.",
            f"“{self.quote_words()},” {self.person()} said.",
        ]


def format_date(day: date, style: int) -> str:
    month = v.MONTHS[day.month - 1]
    return (
        day.isoformat(),
        f"{month} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"{month[:3]} {day.day}, {day.year}",
    )[style % 4]


def date_header(draft: Draft, writer: Writer, rng: random.Random, day_text: str) -> Block:
    """A metadata line stating the date, in the style this kind of document uses."""
    match draft.kind:
        case "news":
            style = rng.choice(("byline", "dateline", "header"))
            draft.date_style = style
            if style == "byline":
                return Block("meta", f"By {writer.person()} | {day_text}")
            if style == "header":
                return Block("meta", f"Published: {day_text}")
            return Block("meta", f"{writer.places[0].upper()}, {day_text} ({v.OUTLETS[0][4:]})")
        case "blog":
            draft.date_style = "posted"
            return Block("meta", f"Posted on {day_text} by {rng.choice(v.USERNAMES)}")
        case "forum":
            draft.date_style = "posted"
            return Block("meta", f"Posted by {rng.choice(v.USERNAMES)} on {day_text}")
        case "press":
            draft.date_style = "dateline"
            return Block("meta", f"{writer.places[0]}, {day_text}")
        case _:
            draft.date_style = "header"
            return Block("meta", f"Last updated: {day_text}")


def build_draft(
    rng: random.Random, target_bytes: int, dated: bool, date_text: str | None
) -> tuple[Draft, Writer]:
    """A clean document of about `target_bytes` and its writer; `date_text` overrides its date."""
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    topic = "software" if kind == "docs" and rng.random() < 0.7 else rng.choice(v.TOPIC_NAMES)
    published = FIRST_DATE + timedelta(days=rng.randrange(DATE_SPAN_DAYS))
    suffix = ".md" if kind == "docs" or (kind == "blog" and rng.random() < 0.5) else ".txt"
    draft = Draft(kind, suffix, topic, published, "none")
    writer = Writer(rng, topic)
    day_text = date_text or format_date(published, rng.randrange(4))
    blocks = draft.blocks
    front_matter = suffix == ".md" and rng.random() < 0.6

    title = writer.fill(
        rng.choice({"docs": DOC_TITLES, "forum": FORUM_TITLES}.get(kind, HEADLINES))
    )
    if front_matter:
        lines = ["---", f'title: "{title}"']
        if dated:
            lines.append(f"date: {date_text or published.isoformat()}")
            draft.date_style = "front-matter"
        lines += [f"tags: [{topic}, {kind}]", "---"]
        blocks.append(Block("frontmatter", "\n".join(lines)))
    if suffix == ".md":
        blocks.append(Block("title", f"# {title}"))
    elif kind == "press":
        blocks.append(Block("meta", "FOR IMMEDIATE RELEASE"))
        blocks.append(Block("title", title))
    else:
        blocks.append(Block("title", f"Thread: {title}" if kind == "forum" else title))
    if dated and not front_matter:
        blocks.append(date_header(draft, writer, rng, day_text))

    size = sum(len(block.text) for block in blocks)
    seen = {block.text for block in blocks}
    sections = list(DOC_SECTIONS)
    rng.shuffle(sections)
    while size < target_bytes:
        new = _next_blocks(draft, writer, rng, len(blocks), sections)
        if any(block.text in seen for block in new):
            continue  # a repeated paragraph or heading is a defect, injected only on purpose
        for block in new:
            seen.add(block.text)
            blocks.append(block)
            size += len(block.text.encode()) + 2
    if kind == "press":
        org = writer.orgs[0]
        blocks.append(Block("heading", f"About {org}"))
        blocks.append(
            Block(
                PROSE, f"{org} is based in {writer.places[0]} and works on the {writer.nouns[0]}."
            )
        )
        name = writer.new_person()
        contact = f"{name.split()[0].lower()}@{rng.choice(v.EMAIL_DOMAINS)}"
        blocks.append(Block("signature", f"Media contact: {name}, {contact}"))
    return draft, writer


def _next_blocks(
    draft: Draft, writer: Writer, rng: random.Random, position: int, sections: list[str]
) -> list[Block]:
    """The next paragraph or two; `sections` are the docs headings not used yet."""
    kind = draft.kind
    roll = rng.random()
    if kind == "forum":
        if roll < 0.25:
            return [
                Block("signature", f"{rng.choice(v.USERNAMES)} wrote:"),
                Block(PROSE, writer.paragraph(FORUM_LINES, 1, 3)),
            ]
        if roll < 0.35:
            return [Block("quote-reply", "> " + writer.sentence(FORUM_LINES))]
        return [Block(PROSE, writer.paragraph(FORUM_LINES, 1, 4))]
    if kind == "docs":
        if roll < 0.2 and sections:
            heading = Block("heading", f"## {sections.pop()}")
            return [heading, Block(PROSE, writer.paragraph(DOCS_LINES, 2, 3))]
        if roll < 0.32:
            return [Block("code", f"```sh\n{rng.choice(COMMANDS)}\n```")]
        if roll < 0.45:
            items = [f"- {writer.sentence(DOCS_LINES)}" for _ in range(rng.randint(2, 4))]
            return [Block("list", "\n".join(items))]
        return [Block(PROSE, writer.paragraph(DOCS_LINES + STATEMENTS[:6], 2, 4))]
    templates = FIRST_PERSON + STATEMENTS if kind == "blog" else STATEMENTS
    if roll < 0.22:
        return [Block(QUOTE, writer.attributed_quote(curly=draft.suffix == ".md" or roll < 0.18))]
    if roll < 0.24 and position > 2:
        return [Block(QUOTE, text) for text in writer.multi_paragraph_quote()]
    if kind == "blog" and roll < 0.3 and draft.suffix == ".md":
        heading = Block("heading", f"## {writer.fill(rng.choice(HEADLINES))}")
        return [heading, Block(PROSE, writer.paragraph(templates))]
    return [Block(PROSE, writer.paragraph(templates))]
