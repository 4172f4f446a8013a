"""Word lists the synthetic corpus is built from, all written for this project.

Place and organisation names are assembled from syllables and parts so that twenty thousand
documents do not keep naming the same five towns.
"""

from __future__ import annotations

# fmt: off

FIRST_NAMES = (
    "Amara", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hamza", "Ines", "Jonas",
    "Keiko", "Lars", "Maya", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tessa",
    "Ulrich", "Vera", "Wendell", "Ximena", "Yusuf", "Zara", "Agnes", "Benedikt", "Camille",
    "Desmond", "Esther", "Felix", "Gideon", "Hannah", "Ivo", "Julia", "Kofi", "Leila", "Marcus",
    "Nora", "Olumide", "Petra", "Rafael", "Sunita", "Tobias", "Ursula", "Viktor", "Wanjiru",
    "Yann", "Zeynep", "Aiden", "Beatrix", "Cyrus", "Delphine", "Emeka", "Fiona", "Gustavo",
    "Helga", "Idris", "Johanna", "Kwame", "Lucia", "Mateo", "Noor", "Orla", "Pavel", "Rhea",
    "Stellan", "Thea", "Umar", "Valeria", "Wim", "Yara", "Zoltan", "Mei", "Arjun", "Sione",
)
# Names whose spelling needs more than ASCII: clean text that encoding rules must leave alone.
ACCENTED_NAMES = (
    "José Núñez", "Zoë Brontë", "Søren Kjær", "Chloé Lefèvre", "Łukasz Wróbel", "Ana Conceição",
    "Björn Åström", "İlkay Gündoğan", "Renée Côté", "François Mühlberg", "Dvořák Šimon",
    "Mária Horváth", "Nguyễn Thị Lan", "Sinéad Ó Briain", "Jürgen Weiß", "Ayşe Yıldız",
)
LAST_NAMES = (
    "Abernathy", "Baptiste", "Castellanos", "Dunmore", "Eriksen", "Fairbanks", "Gallagher",
    "Haddad", "Iwasaki", "Jablonski", "Kowalczyk", "Lindqvist", "Mbeki", "Nakamura", "Okafor",
    "Pemberton", "Quinlan", "Rasmussen", "Santoro", "Thibodeaux", "Underwood", "Valdez",
    "Whitcombe", "Yamamoto", "Zielinski", "Achterberg", "Bellweather", "Cardenas", "Delacroix",
    "Ellsworth", "Fontaine", "Grunewald", "Holloway", "Ingram", "Jovanovic", "Kettering",
    "Lachance", "Marchetti", "Nwosu", "Oyelaran", "Prescott", "Rutherford", "Soderberg",
    "Tanaka", "Vasquez", "Winterbourne", "Adeyemi", "Brannigan", "Chowdhury", "Drummond",
    "Esposito", "Ferreira", "Gutierrez", "Hartmann", "Ivanova", "Karimi", "Lundgren", "Mendoza",
    "Novak", "Osei", "Park", "Reyes", "Sato", "Teixeira", "Voss", "Weatherby", "Ziegler",
)
TITLES = ("Dr.", "Prof.", "Capt.", "Sen.", "Rev.", "Mr.", "Ms.", "Mrs.")

PLACE_ONSETS = (
    "Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Glen", "Hal", "Ivy", "Kes", "Lang", "Mar", "Nor",
    "Oak", "Pen", "Quarry", "Rav", "Stan", "Thorn", "Ul", "Vel", "Wick", "Yar", "Bel", "Cor",
    "Dray", "Har", "Lin", "Mor", "Pell", "Sel", "Tarn", "Wes", "Brook", "Fair", "Gold", "Red",
)
PLACE_CODAS = (
    "ford", "ton", "bridge", "wick", "mere", "field", "stead", "haven", "brook", "ridge", "dale",
    "mouth", "bury", "holm", "port", "worth", "cliff", "gate", "moor", "combe", "well", "by",
)
PLACE_SUFFIXES = ("", "", "", "", " Falls", " Harbor", " Springs", " Junction", " Crossing")
REGIONS = (
    "Upper Valley", "the coast", "the northern districts", "the river basin", "the lake region",
    "the high plains", "the eastern suburbs", "the old mill district", "the island ferries",
)

ORG_PARTS = (
    "Northbank", "Riverside", "Summit", "Harbor", "Meridian", "Lantern", "Granite", "Evergreen",
    "Tidewater", "Bluestem", "Copperleaf", "Ironwood", "Silverline", "Foxglove", "Keystone",
    "Highland", "Saltmarsh", "Westgate", "Orchard", "Beacon", "Cedar", "Larkspur", "Millrace",
)
ORG_NOUNS = (
    "Water", "Freight", "Transit", "Health", "Software", "Energy", "Seed", "Textile", "Dairy",
    "Robotics", "Housing", "Library", "Rowing", "Ceramics", "Weather", "Bicycle", "Orchestra",
    "Grain", "Solar", "Ferry", "Literacy", "Clinic", "Forestry", "Maritime",
)
ORG_KINDS = (
    "Trust", "Cooperative", "Authority", "Labs", "Group", "Foundation", "Council", "Partners",
    "Institute", "Association", "Works", "Collective", "Society", "Company", "Alliance",
)
OUTLETS = (
    "the Valley Courier", "the Harbor Ledger", "Morning Wire", "the Evening Lantern",
    "Riverside Public Radio", "the Weekly Almanac", "Northbank Today", "the County Bulletin",
)
ROLES = (
    "the council's finance chair", "a spokesperson for the agency", "the project's lead engineer",
    "the school's principal", "the union's regional organiser", "the museum's head curator",
    "the cooperative's treasurer", "a longtime resident", "the clinic's medical director",
    "the club's head coach", "the company's chief executive", "a volunteer coordinator",
    "the harbour master", "the library's director", "an economist at the institute",
)
ANONYMOUS_SOURCES = (
    "said an official who asked not to be named",
    "said a person familiar with the talks",
    "according to a source close to the board",
    "said one employee, who spoke on condition of anonymity",
    "a senior staff member said, declining to be identified",
    "said someone with knowledge of the plan",
    "according to people briefed on the decision",
)
SPEECH_VERBS = ("said", "added", "explained", "noted", "told reporters", "said in a statement")

# Each topic keeps its own nouns, verbs and adjectives so paragraphs hang together.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "transit": {
        "noun": ("bus route", "tram line", "timetable", "depot", "fare system", "night service",
                 "platform", "ticket machine", "express lane", "park-and-ride"),
        "verb": ("extend", "reroute", "electrify", "suspend", "restore", "expand", "retime"),
        "adj": ("crowded", "delayed", "overdue", "popular", "unreliable", "late-night"),
    },
    "water": {
        "noun": ("reservoir", "pipe network", "treatment plant", "water meter", "flood barrier",
                 "pumping station", "storm drain", "well field", "rate increase"),
        "verb": ("repair", "inspect", "upgrade", "replace", "monitor", "flush", "reline"),
        "adj": ("leaking", "ageing", "seasonal", "costly", "low", "contaminated", "upgraded"),
    },
    "schools": {
        "noun": ("reading programme", "school board", "lunch menu", "science wing", "curriculum",
                 "bus schedule", "teacher contract", "exam calendar", "after-school club"),
        "verb": ("approve", "revise", "fund", "pilot", "postpone", "renovate", "review"),
        "adj": ("crowded", "modern", "bilingual", "underfunded", "popular", "optional", "revised"),
    },
    "harvest": {
        "noun": ("apple harvest", "grain silo", "farmers' market", "irrigation plan",
                 "seed bank", "orchard", "cider press", "dairy herd", "frost warning"),
        "verb": ("harvest", "store", "sell", "irrigate", "replant", "insure", "export"),
        "adj": ("early", "dry", "plentiful", "modest", "organic", "late", "fragile"),
    },
    "software": {
        "noun": ("release", "configuration file", "command-line tool", "test suite", "plugin",
                 "cache", "database migration", "build pipeline", "error message", "API"),
        "verb": ("deploy", "refactor", "benchmark", "document", "deprecate", "patch", "profile"),
        "adj": ("sluggish", "stable", "experimental", "deprecated", "incremental", "brittle"),
    },
    "culture": {
        "noun": ("exhibition", "concert series", "film festival", "mural", "poetry reading",
                 "archive", "gallery wing", "choir", "open-air theatre", "book fair"),
        "verb": ("open", "curate", "restore", "host", "tour", "commission", "digitise"),
        "adj": ("sold-out", "free", "travelling", "restored", "crowded", "ambitious", "local"),
    },
    "health": {
        "noun": ("clinic", "vaccination drive", "waiting list", "night shift", "ambulance fleet",
                 "screening programme", "pharmacy", "maternity ward", "mobile unit"),
        "verb": ("staff", "expand", "relocate", "fund", "reopen", "streamline", "extend"),
        "adj": ("rural", "overstretched", "busy", "free", "understaffed", "regional", "temporary"),
    },
    "energy": {
        "noun": ("solar array", "heat pump scheme", "wind turbine", "grid connection",
                 "battery store", "insulation grant", "energy bill", "substation"),
        "verb": ("install", "connect", "subsidise", "retrofit", "commission", "meter", "lease"),
        "adj": ("community-owned", "efficient", "noisy", "affordable", "untested", "reliable"),
    },
    "sport": {
        "noun": ("rowing regatta", "youth league", "stadium roof", "training ground",
                 "cup final", "cycling race", "swimming pool", "ticket allocation"),
        "verb": ("win", "host", "resurface", "train", "sponsor", "qualify", "rebuild"),
        "adj": ("unbeaten", "muddy", "packed", "rain-soaked", "historic", "worn"),
    },
    "housing": {
        "noun": ("housing plan", "rent freeze", "zoning rule", "apartment block", "tenant union",
                 "building permit", "vacant lot", "social housing list", "repair backlog"),
        "verb": ("build", "rezone", "inspect", "convert", "approve", "block", "subsidise"),
        "adj": ("affordable", "vacant", "overcrowded", "disputed", "cramped", "derelict"),
    },
}
TOPIC_NAMES = tuple(TOPICS)

PEOPLE_GROUPS = (
    "residents", "commuters", "parents", "shop owners", "volunteers", "farmers", "nurses",
    "engineers", "students", "pensioners", "local businesses", "visitors", "tenants", "members",
)
AMOUNTS = (
    "1.2 million", "340,000", "18 million", "75,000", "2.6 million", "900,000", "4.1 million",
    "12,500", "650,000", "27 million",
)
CURRENCIES = ("dollars", "euros", "pounds", "francs")
DURATIONS = ("two years", "six months", "a decade", "eighteen months", "three weeks", "a season")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
CONNECTORS = (
    "However,", "Meanwhile,", "Even so,", "In the meantime,", "By contrast,", "As a result,",
    "At the same time,", "For now,", "In practice,", "Still,", "Later,", "Separately,",
)
ADVERBS = ("quietly", "sharply", "gradually", "briefly", "steadily", "abruptly", "finally")
FEELINGS = ("pleased", "worried", "cautious", "relieved", "frustrated", "optimistic", "surprised")
USERNAMES = (
    "tinkerbell42", "rowan_k", "oldmillfan", "quietcoder", "harborlights", "moss_and_fern",
    "lateshift", "bikecommuter9", "grain_and_salt", "northbank_nerd", "kettle_on", "zeta_reader",
)
EMAIL_DOMAINS = ("example.org", "example.com", "example.net")

# Clean traps: text that looks unusual but is correct and must not be reported.
EMOJI_ZWJ = (
    "\U0001f469\u200d\U0001f52c",  # woman scientist
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
    "\U0001f9d1\U0001f3fd\u200d\U0001f33e",  # farmer, medium skin tone
    "\U0001f469\u200d\U0001f4bb",  # woman technologist
)
FOREIGN_SNIPPETS = (
    ("Greek", "η αγορά άνοιξε νωρίς το πρωί"),
    ("Arabic", "السوق مفتوح حتى المساء"),
    ("Hebrew", "הספרייה פתוחה היום"),
    ("Russian", "рынок открылся рано утром"),
    ("Japanese", "図書館は午後に開きます"),
    ("Chinese", "新的公交线路下个月开通"),
    ("Hindi", "पुस्तकालय आज खुला है"),
)
TRAP_SENTENCES = (
    "The café on Rue Molière now stays open until nine, and its crème brûlée sells out by noon.",
    "It’s the club’s third title in five years — and the players’ families weren’t surprised.",
    "Dr. Ellsworth, who trained in the U.S. and Canada, will lead the review (e.g. the audit).",
    "Prices rose 3½% to €12.40, while the 10 km race — about 6.2 mi — raised £8,000.",
    "The report, titled “Water for Everyone,” runs to 40 pages.",
    "Temperatures fell to −4 °C overnight; the ferry to Ærø ran on time.",
    "She called the plan “ambitious” and the timetable “tight.”",
    "The sign read “Café → Museum ← Station” in both directions.",
)

BOILERPLATE_LINES = (
    "Share this article",
    "Subscribe to our newsletter for weekly updates.",
    "We use cookies to improve your experience. Accept all cookies",
    "Home > News > Local",
    "Follow us on Facebook, Twitter and Instagram",
    "Advertisement",
    "Click here to sign up for breaking news alerts.",
    "© 2023 All rights reserved.",
    "Sign in | Register | Help",
    "Related articles",
    "Skip to main content",
    "Print this page",
)
READ_MORE_ENDINGS = (
    "Read more", "Continue reading", "Read more…", "Continue reading →", "[…]", "…",
    "Click here to read the full story.", "Read the full article on our website",
)
HTML_ENTITIES = ("&amp;", "&#8217;", "&nbsp;", "&quot;", "&mdash;", "&#39;", "&rsquo;", "&lt;")
HTML_TAGS = (
    ("<p>", ""), ("<br/>", ""), ("</div>", ""), ("<br>", ""), ('<a href="/news/item">', "</a>"),
    ("<strong>", "</strong>"), ('<span class="caption">', "</span>"), ("<em>", "</em>"),
)
LITERAL_ESCAPES = ("\\u2019", "\\x92", "\\n", '\\"', "\\u00e9", "\\t", "\\r\\n")
CONTROL_CHARACTERS = ("\x00", "\x1b", "\x07", "\x0b", "\x0c", "\x85", "\x92", "\x9d", "\r")
INVISIBLE_CHARACTERS = ("\u200b", "\u00ad", "\u2060", "\ufeff", "\u202e", "\u200e", "\u2066")
# fmt: on
