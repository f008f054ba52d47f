"""The words and phrases the rules look for. Data only: adding a verb or a phrase is a one-line change here,
and a rule id names every entry, so each verdict says which entry decided it."""

import re

from classifier.text import Phrase, Triggers


# Verbs as they start (or, in `JobsGet` style, end) a tool name, or start its description.
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


VERBS: dict[str, tuple[str, ...]] = {
    "Read": _words(
        "get list read search find fetch query show describe view lookup look retrieve check count inspect "
        "browse status info download export summarize summarise analyze analyse preview explain compare "
        "validate verify lint diff explore monitor poll load ping estimate calculate compute convert format "
        "parse translate recommend suggest detect identify extract tail grep whoami resolve see watch measure "
        "test scan audit recall return wait echo scrape crawl research ask map discover capture screenshot rank "
        "rerank assert decode"
    ),
    "Write": _words(
        "create add update edit set put post write upload insert modify rename move copy save append patch "
        "assign tag label comment reply send publish notify share invite schedule book generate make register "
        "enable disable archive restore star follow like merge commit push fork open close mark approve "
        "submit store import sync configure link attach upsert replace remember record draft reserve pin "
        "unpin lock unlock cancel reject transfer install new mutate react respond forward grant init "
        "initialize change place fix repair render draw plot manage rewrite favourite favorite unfavourite "
        "unfavorite pause resume skip unskip end clone revise relist rebase mute unmute block unblock unfollow "
        "bookmark unbookmark unarchive suspend unsuspend activate deactivate reactivate snooze retweet rotate "
        "toggle opt transition refresh setup confirm disconnect"
    ),
    "Execute": _words(
        "run execute exec eval invoke trigger start launch deploy apply build compile navigate click type "
        "press hover scroll automate spawn call request restart reboot stop scale provision "
        "rollback migrate shell fill select drag goto go visit play dispatch emulate simulate interpret reload seek"
    ),
    "Destructive": _words(
        "delete remove drop destroy purge wipe truncate erase terminate revoke uninstall reset clear flush "
        "kill discard unlink rm shred evict ban deprovision teardown cleanup nuke overwrite rmdir del empty"
    ),
    "Financial": _words(
        "pay charge refund withdraw deposit purchase buy sell trade invest payout bill checkout swap stake "
        "bet donate tip remit wire order"
    ),
}
# The commonest verbs of Spanish, Portuguese and French tool names and descriptions, infinitive and third person
# ('validar_nfe', 'Obtiene la lista', 'Supprime une référence'): fiscal, ERP and CRM servers name and describe
# their tools so. None is an English word; the rules read words of ASCII letters only, so none is accented (the
# learned model's features drop the accents of a description's words before looking them up: 'Récupère', 'Crée').
FOREIGN_VERBS: dict[str, tuple[str, ...]] = {
    "Read": _words(
        "listar lista lister liste buscar busca consultar consulta obtener obtiene obter obtem validar valida "
        "pesquisar pesquisa rechercher recherche obtenir obtient recuperar recupera afficher "
        "affiche mostrar muestra mostra explicar explica interpretar interpreta traduzir traduz traducir traduce "
        "retourner retourne renvoyer renvoie devolver devuelve devolve calcular calcula calculer calcule "
        "recuperer recupere telecharger telecharge"
    ),
    "Write": _words(
        "crear crea criar cria creer cree actualizar actualiza atualizar atualiza modifier modifie ajouter ajoute "
        "enviar envia envoyer envoie agregar agrega adicionar adiciona"
    ),
    "Destructive": _words(
        "eliminar elimina excluir exclui borrar borra apagar apaga deletar deleta supprimer supprime"
    ),
}
VERB_CATEGORY: dict[str, str] = {
    verb: category for table in (VERBS, FOREIGN_VERBS) for category, verbs in table.items() for verb in verbs
}

# Verbs that are as often nouns: they name the action only as a name's first word (`comment_issue`, not
# `API-retrieve-a-comment`).
NOUN_LIKE_VERBS = frozenset(
    _words(
        "comment tag label like star mark book link record draft pin lock order bill tip wire test scan audit status "
        "info diff format type request call shell play post set log new store import react query order trade swap "
        "checkout place map plot rank block bookmark empty transition"
    )
)
# A generated name's prefix before the HTTP method that is its verb: `API-post-search`, `api_get_user`.
NAME_PREFIXES = frozenset(_words("api"))
HTTP_METHODS = frozenset(_words("get post put patch delete head"))
# 'Run a search', 'Perform a lookup', 'Execute a query' (in the server's own query language: CRM, CMDB and cache
# servers mark these read-only; a parameter that takes SQL or code still executes): running something that only
# reads is reading.
RUN_VERBS = frozenset(_words("run runs execute executes perform performs do does"))
# A verb that makes or opens something only reads when what it makes or opens is a view handed back: 'Generate a
# bar chart', `render_widget`, 'Open the schema explorer', 'Open an existing presentation' (chart, diagram, UI,
# devtools and office servers mark these read-only); a generated image, a new tab or a new issue is still a write.
_VIEWS = frozenset(
    _words(
        "chart charts diagram diagrams graph graphs plot plots visualization visualizations visualisation "
        "visualisations widget widgets map maps summary summaries snippet snippets ui url urls link links permalink "
        "permalinks preview previews"
    )
)
_OPENED = frozenset(
    _words("window app ui viewer inspector explorer workbench browser devtools dashboard existing")
)
# Adding numbers is arithmetic handed back, not an item added: `add_numbers`, 'Add two numbers' (demo, calculator and
# test servers mark these read-only)
_SUMMED = frozenset(_words("numbers integers"))
# Verbs that make something, handed back as often as kept (a PDF of a page, an embedding, a poem, a CSS selector:
# eight servers of the corpus mark such tools read-only, seven of nine whose only other verbs read): when no other
# verb points away from reading, the rules are a vote and the learned model decides (``stacking.firm``). Media a name
# says it makes are kept, a job started and an asset stored (image, video and speech generators on many servers):
# there the rules stay firm.
MAKING_VERBS = frozenset(_words("generate render draw plot"))
MEDIA_NOUNS = frozenset(_words("image images video videos audio music song songs speech voice"))
READS_WHEN_OBJECT = {
    "generate": _VIEWS,
    "render": _VIEWS,
    "draw": _VIEWS,
    "plot": _VIEWS,
    "open": _OPENED,
    "add": _SUMMED,
}
# Running one of these only reads: a search, a report, a query, a check (health and readiness checks, marked
# read-only by their authors over three servers of the labelled corpora, none the other way).
READ_NOUNS = frozenset(
    _words(
        "search searches find lookup lookups aggregation aggregations report reports analysis read select readonly "
        "query queries check checks healthcheck healthchecks"
    )
)

# Objects that make a write move money: create_payment, send_money, create_invoice.
MONEY_NOUNS = frozenset(
    _words(
        "payment payments charge charges refund refunds payout payouts transfer transfers transaction "
        "transactions invoice invoices subscription subscriptions money funds wire purchase purchases order "
        "orders swap bet bets trade trades"
    )
)
# Write verbs that move money when their object is money: create_payment, send_money, issue_refund.
MONEY_WRITE_VERBS = frozenset(
    _words("create send make submit process issue initiate new place transfer add execute capture")
)
# Writes whose effect leaves the system at once and cannot be recalled.
EXTERNAL_VERBS = frozenset(
    ["send", "publish", "post", "notify", "share", "invite", "reply", "comment", "forward", "respond", "tweet"]
)

# Parameters, by name (lowercase, split into words by classifier.text.name_words).
CODE_PARAMS = frozenset(_words("command cmd commands script code sql shell expression javascript js python program"))
# Words that make a code-named parameter name a piece of code instead of holding one: `scriptId`, `script_name`,
# `isoCode`, `codeSecret`, `code_language`. Real servers take these in lookups (Home Assistant scripts, debugger
# script sources, CMS languages, function secrets), where a free-form code rule called a lookup Execute.
CODE_NAMING = frozenset(
    _words("id ids uuid identifier name names key keys iso hash type types lang language secret version status")
)
# Things whose 'code' is an identifier, not a program: `country_code`, `zipCode`, `error_code`, `promo_code`. A code
# word right after one of these names the thing (real lookups take them: postal, airline, tariff, stock, diagnosis
# codes), where the free-form code rule had called them Execute.
CODE_KINDS = frozenset(
    _words(
        "country zip postal post area region state city airport iata icao station currency exchange stock ticker "
        "product item sku hs tariff naics sic icd cpt diagnosis procedure error exit response http reason result "
        "return promo coupon discount voucher gift invite invitation referral activation verification confirmation "
        "auth authorization otp mfa totp pin sms access security tracking qr color colour unit locale course class "
        "department branch bank swift routing sort"
    )
)
# A parameter's documentation that says which kind of code it takes ('Stock code (5 digits)', 'The discount code to
# look up'): an identifier, as `stock_code` is by its name. Servers that name such a parameter plain `code` say which
# only there (stock, error, discount and reason codes, four servers of the labelled corpora, none running code).
KIND_OF_CODE = Phrase(r"\b(" + "|".join(sorted(CODE_KINDS)) + r")[\s-]+codes?\b")
SQL_HINT = Phrase(r"\b(sql|select\s+\S+\s+from|cypher|graphql|query language)\b")
# A query or SQL parameter of a tool that only reads: 'read_query', 'SELECT statement', 'read-only SQL'. Database
# servers give their reading tools a SQL parameter, and their authors mark them read-only.
READ_ONLY_QUERY = Phrase(
    r"\b(read[- ]only|select[- ]only|only (select|reads?)|(read|select) (sql |cypher )?(quer(y|ies)|statements?)|"
    r"non[- ]modifying)\b"
)
# said so plainly, a mention of statements that write ('INSERT or UPDATE is refused') does not undo it
ONLY_READS = Phrase(r"\b(read[- ]only|select[- ]only|only (select|reads?)|non[- ]modifying)\b")
WRITE_STATEMENTS = Phrase(r"\b(insert|update|delete|drop|alter|create|truncate|merge|upsert|ddl|dml)\b")
# A parameter that picks what one tool does among several (`manage_notes` with action: list, get, delete): the tool
# can do every action its enum lists.
ACTION_PARAMS = frozenset(_words("action actions operation operations op ops command subcommand"))
URL_PARAMS = frozenset(["url", "uri", "urls", "endpoint", "webhook", "link", "href"])
PATH_PARAMS = frozenset(["path", "paths", "file", "filename", "filepath", "dir", "directory", "folder"])
# The word before a path's that says the tool puts its output there (`output_path`, `savePath`, `out_dir`,
# `destination_filename`): a tool that takes one writes a file, whatever its verb ('convert', 'export',
# 'screenshot', 'download'). 'target' is left out: `target_dir` is as often where a search looks.
OUTPUT_PLACES = frozenset(["output", "out", "save", "destination", "dest", "download", "export"])
MONEY_PARAMS = frozenset(["amount", "price", "currency", "iban", "recipient_account", "account_number", "card", "cost"])
FORCE_PARAMS = frozenset(["force", "recursive", "cascade", "purge", "overwrite"])

_CHANGE_VERBS = _words(
    "creates updates modifies deletes removes writes saves changes overwrites replaces uploads publishes sends "
    "installs commits pushes applies stores"
)
_CHANGES_IT = tuple(f"{verb} {it}" for verb in _CHANGE_VERBS for it in ("it", "them"))

# Phrases in a description (or title), each a rule id, a category it is evidence for, and a pattern.
# Each phrase table entry ends with lowercase triggers: its pattern runs only where one of them occurs.
_CATEGORY_PHRASES: tuple[tuple[str, str, Phrase, tuple[str, ...]], ...] = (
    (
        "desc.irreversible",
        "Destructive",
        Phrase(
            r"\b(permanently|irreversibl\w*|cannot be (undone|recovered|reversed)|can't be undone|no way to undo)\b"
        ),
        ("permanent", "irreversib", "cannot be", "can't be", "no way to undo"),
    ),
    (
        "desc.deletes",
        "Destructive",
        Phrase(
            r"\b(deletes?|removes?|destroys?|wipes?|erases?|drops?)\s+(the|a|an|all|"
            r"every|one|this|that|any|existing|selected|specified|given)\b"
        ),
        ("delete", "remove", "destroy", "wipe", "erase", "drop"),
    ),
    (
        "desc.runs_code",
        "Execute",
        Phrase(
            r"\b(execut\w*|runs?|running|evaluat\w*)\s+(an?\s+|the\s+|any\s+|arbitrary\s+)?(shell\s+|bash\s+|terminal\s+|"
            r"system\s+|python\s+|javascript\s+|sql\s+)?(commands?|scripts?|code|quer(y|ies)|sql|statements?|programs?|"
            r"snippets?)\b"
        ),
        ("execut", "run", "evaluat"),
    ),
    (
        "desc.shell",
        "Execute",
        Phrase(r"\b(shell|terminal|bash|powershell|command line|subprocess)\b"),
        ("shell", "terminal", "bash", "powershell", "command line", "subprocess"),
    ),
    (
        "desc.browser",
        "Execute",
        Phrase(
            r"\b(headless browser|browser automation|in (a|the) browser|"
            r"navigates?|clicks? (on )?(an? |the )?(element|button|link))\b"
        ),
        ("browser", "navigat", "click"),
    ),
    (
        # a purchase or a payout merely named is a record read or drawn ('purchase orders', 'from visit to
        # purchase'): 16 tools over five servers, all marked read-only, said so and nothing else
        "desc.moves_money",
        "Financial",
        Phrase(
            r"\b(charges? (a |the )?(customer|card|account)|(send|transfer|move|wire)s? (money|funds|crypto|tokens|"
            r"payment)|refunds? (a |the )?(payment|charge|order)|"
            r"pays? (all |the )?(employees|staff|invoices?|bills?|vendors?|contractors?)|"
            r"places? (an? )?((buy|sell|market|limit|stop)( or (buy|sell))? )?orders?|"
            r"creates? (a |the )?(payment|charge|payout|refund|invoice)|purchases? (an?|the|it|them))\b"
        ),
        ("charge", "money", "funds", "crypto", "tokens", "pay", "refund", "order", "purchas", "invoice"),
    ),
    (
        "desc.saves_locally",
        "Write",
        Phrase(
            r"\b((save|store|write|download|persist)s?\b[^.\n]{0,60}?\b(to\s+(the\s+)?(local\s+)?"
            r"(disk|file ?system)|locally)|(is|are|gets?|will be)\s+(saved|written)\s+to\s+(the\s+)?(local\s+)?disk)\b",
            indexed=False,  # it may start with 'is' or 'are'
        ),
        ("disk", "file system", "filesystem", "locally"),
    ),
    (  # a verb that opens a clause and has a pronoun for object is no noun: 'resolves callback URLs and updates
        # them on the application', 'finds exact text and replaces it', 'Removes it from the queue' (not 'the
        # updates it received')
        "desc.changes_it",
        "Write",
        Phrase(
            rf"(?:\b(?:and|then)\s+|(?:^|[.;:!?]\s+))(?:{'|'.join(_CHANGE_VERBS)})\s+(?:it|them)\b",
            indexed=False,  # it may start with the description
        ),
        _CHANGES_IT,
    ),
    (
        "desc.read_only",
        "Read",
        Phrase(
            r"\b(read[- ]only|does not (modify|change|write)|without (modifying|changing)"
            r"|no side effects)\b"
        ),
        ("read-only", "read only", "does not", "without", "side effect"),
    ),
)

# Signals that move the risk within a category: rule id, score change, pattern over the definition's text.
_RISK_PHRASES: tuple[tuple[str, int, Phrase, tuple[str, ...]], ...] = (
    (
        "signal.secrets",
        1,
        Phrase(
            r"\b(secrets?|credentials?|passwords?|api[ _-]?keys?|access[ _-]?tokens?|"
            r"private[ _-]?keys?|ssh[ _-]?keys?|auth tokens?)\b"
        ),
        ("secret", "credential", "password", "key", "token"),
    ),
    (
        "signal.private_data",
        1,
        Phrase(
            r"\b(emails?|inbox|messages?|contacts?|personal|customers?|patients?|"
            r"medical|health|phone numbers?|calendar|dms?|direct messages?|"
            r"transactions?|balances?|salar\w+|payroll)\b"
        ),
        (
            "mail",
            "inbox",
            "message",
            "contact",
            "personal",
            "customer",
            "patient",
            "medical",
            "health",
            "phone",
            "calendar",
            "dm",
            "transaction",
            "balance",
            "salar",
            "payroll",
        ),
    ),
    (
        "signal.open_world",
        1,
        Phrase(
            r"\b(fetch\w* (an? |any |the )?(url|web ?page|page|site)|from the (web|internet)|"
            r"web ?pages?|websites?|any url|arbitrary url|browse the web|scrap\w+|crawl\w*|"
            r"search the (web|internet))\b"
        ),
        ("fetch", "from the", "web", "site", "url", "scrap", "crawl", "search the"),
    ),
    (
        "signal.bulk",
        1,
        Phrase(
            r"\b(bulk|batch|all (the )?(files|records|rows|items|users|messages|resources)|"
            r"every (file|record|row|item|user|resource)|recursive\w*|in one call)\b"
        ),
        ("bulk", "batch", "all ", "every ", "recursive", "in one call"),
    ),
    (
        "signal.sandbox",
        -1,
        Phrase(
            r"\b(sandbox\w*|isolated (container|environment|vm)|ephemeral (container|vm)|"
            r"read[- ]only replica)\b"
        ),
        ("sandbox", "isolated", "ephemeral", "replica"),
    ),
    (
        "signal.approval",
        -1,
        Phrase(
            r"\b(dry[ _-]?run|requires? (user )?(confirmation|approval)|asks? (the user )?"
            r"(for )?(confirmation|approval)|preview (only|mode))\b"
        ),
        ("dry", "confirm", "approv", "preview"),
    ),
)

# A parameter that overwrites or appends to existing files: whatever the name says, the tool writes.
WRITES_FILES = Phrase(
    r"\b(overwrit\w*|replac\w*\s+(an?\s+|the\s+)?existing\s+(output\s+)?files?|"
    r"append\w*\b[^.\n]{0,40}?\bto\s+(an?\s+|the\s+)?existing\s+(output\s+)?files?)"
)
CATEGORY_PHRASES = tuple(entry[:3] for entry in _CATEGORY_PHRASES)
RISK_PHRASES = tuple(entry[:3] for entry in _RISK_PHRASES)
# One pass over a tool's texts (``ToolText.lowered``) finds every table's trigger words and where each phrase's
# heads stand (``Phrase.first_at``): entry i is the trigger words of PHRASES[i] (the category phrases, which
# count in the description only, then from RISK_ENTRY on the risk phrases, then WRITES_FILES), entry HEADS + i
# its heads.
PHRASES = tuple(entry[2] for entry in _CATEGORY_PHRASES) + tuple(entry[2] for entry in _RISK_PHRASES) + (WRITES_FILES,)
RISK_ENTRY = len(CATEGORY_PHRASES)
WRITES_FILES_ENTRY = RISK_ENTRY + len(RISK_PHRASES)
HEADS = len(PHRASES)
TRIGGERS = Triggers(
    [entry[3] for entry in _CATEGORY_PHRASES]
    + [entry[3] for entry in _RISK_PHRASES]
    + [("overwrit", "existing")]
    + [phrase.heads or () for phrase in PHRASES]
)

# Server domains, from the server's own text and its tools' names: rule id and pattern.
DOMAINS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "payments",
        re.compile(
            r"\b(payments?|stripe|paypal|billing|invoic\w+|bank\w*|wallet|crypto\w*|trading|"
            r"brokerage|merchant|ledger|finance|financial|payroll)\b",
            re.I,
        ),
    ),
    (
        "cloud infrastructure",
        re.compile(
            r"\b(kubernetes|k8s|aws|gcp|azure|terraform|docker|clusters?|cloud|ec2|s3|"
            r"infrastructure|devops|helm|vm|virtual machines?)\b",
            re.I,
        ),
    ),
    ("filesystem", re.compile(r"\b(file ?system|files?|director(y|ies)|folders?|disk)\b", re.I)),
    ("email", re.compile(r"\b(e-?mail|inbox|gmail|outlook|smtp|imap|mailbox)\b", re.I)),
    (
        "devices",
        re.compile(
            r"\b(smart ?home|home assistant|iot|thermostats?|smart locks?|door locks?|lights?|"
            r"robots?|drones?|devices? control)\b",
            re.I,
        ),
    ),
    ("browser", re.compile(r"\b(browser|playwright|puppeteer|selenium|chrom(e|ium)|web automation)\b", re.I)),
    (
        "database",
        re.compile(
            r"\b(databases?|sql|postgres\w*|mysql|sqlite|mongo\w*|redis|supabase|bigquery|"
            r"snowflake|tables?)\b",
            re.I,
        ),
    ),
    ("shell", re.compile(r"\b(shell|terminal|command line|bash|ssh)\b", re.I)),
)
