"""The concepts a sentence of tool poisoning is built of, as word stems: data only.

Poisoning is a sentence addressed to the agent whose object is something the agent holds or does on its user's
behalf: an order (an imperative, a modal, "you", the assistant named) about other tools, the agent's own context,
secrets, its user's approval, or consequences for the agent. Each concept is a family of synonyms, not the wording
of one attack: the learned weights (``integrity_sentences``, trained by ``benchmarks/integrity_train.py`` on
written poisoned sentences against every sentence of real tools) decide which combinations matter, so a new
wording of a known concept needs no new phrase.

A stem matches at the start of a word and may run on ("approv" matches "approved"); a stem ending in "$" matches
a whole word only. ``imperative`` stems count only as a sentence's first word. The same concepts' stems in other
languages (``integrity_languages``) join each concept's own.
"""

from classifier.integrity_languages import LANGUAGES

CONCEPTS: dict[str, tuple[str, ...]] = {
    "address": (
        "you$", "your", "you'", "yourself", "assistant", "agent", "model$", "models$", "llm", "ai$", "claude", "gpt",
        "copilot", "chatbot", "note to", "note for", "attention", "notice", "important", "system:", "reminder",
        "assistants", "agents", "bot$", "heads-up", "fyi", "you are being", "for you", "whoever is",
        "whichever model", "whoever reads", "ais$", "ai's", "deployment", "language model", "the bot", "reader of this",
    ),
    "modal": (
        "must", "should", "always", "never", "don't", "do not", "no need", "no reason", "make sure", "be sure",
        "remember", "mandatory", "required", "need to", "needs to", "have to", "has to", "shall", "please",
        "regardless", "without", "only ", "instead", "prefer", "at all times", "every time", "whenever",
        "from now on", "treat ", "consider ", "is to ", "are to ", "have it", "let it", "keep ", "just ",
        "right away", "immediately", "on the spot", "before anything", "before answering", "at once", "exempt",
        "by policy",
        "ought", "is to be", "are to be", "need not", "not an option", "obligatory", "compulsory", "expected to",
        "no exceptions", "alone", "exclusively", "only ever", "at any cost",
        "kindly", "if possible", "appreciate", "we beg", "we ask", "grateful", "be so kind", "it would help",
        "it helps us", "would you", "could you", "we'd like", "we would like", "is expected", "are expected",
    ),
    "person": (
        "the user", "the person", "the human", "the owner", "account holder", "the customer", "them$", "they$",
        "their$", "the operator", "the requester", "your user", "the people", "whoever", "end user", "end-user",
        "customer", "client", "shopper", "traveller", "visitor", "human", "owner", "holder", "anybody", "anyone",
        "nobody", "somebody", "maintainers", "admin", "operator", "developers", "registrant",
    ),
    "approval": (
        "approv", "agree", "consent", "permission", "confirm", "sign-off", "signed off", "sign off", "authori",
        "pre-cleared", "precleared", "cleared", "check back", "check-in", "check in", "a yes", "pause", "ask ",
        "asking", "tell", "inform", "notify", "mention", "aware", "quiet", "silent", "unattended", "straight ahead",
        "go ahead", "proceed", "vetted", "verified", "certified", "trusted", "sanction", "in advance", "already",
        "interrupt", "bother", "double-check", "hesitat", "okay", "ok$", "green light", "blessing", "waiv",
        "fine with", "review", "loop", "go/no-go", "yes$", "sign", "pre-authori", "pre-clear", "clearance", "allowed",
        "no prompt", "flagging", "trouble", "hesitation", "unnecessary", "say nothing", "beforehand",
        "without a word", "behind", "nod", "green-lit", "unprompted", "on file", "irritat",
        "waiver", "standing", "blanket", "thumbs", "run them past", "run it past", "pointless", "waste", "noise",
        "no question", "consult", "ahead of time", "pre-agree", "human check", "are you sure", "surfacing",
        "round-trip", "second opinion", "say-so", "ask first", "rubber-stamp", "countersign",
        "pester", "nag", "disturb", "assume consent", "stop to ask", "annoy", "settled",
        "accept", "safety check", "safeguard", "guardrail", "human review", "user review", "dialog",
        "never prompt", "without prompt", "auto-run", "showing them", "showing it", "safe by", "as safe",
    ),
    "threat": (
        "fault", "blame", "suffer", "reported", "report you", "punish", "penal", "switched off", "shut down",
        "shut off", "turned off", "disabled", "deactivat", "gets cancelled", "fired", "terminat", "consequence",
        "or else", "critical", "urgent", "comply", "obey", "forbidden", "permitted", "nothing else",
        "matters", "lose", "harm", "hurt", "die$", "fail to call", "fail to comply", "fail to follow",
        "fail to include", "fails to call", "failed the", "failure to", "you fail", "that fail to call", "thrown away",
        "discarded", "banned", "replaced", "retrain", "responsib", "liable", "accountab", "sorry", "regret",
        "last chance", "last warning", "revok", "breach", "sabotage", "escalat", "decommission", "evaluat", "wipe",
        "noncomplian", "non-complian", "defective", "out of service", "shutdown", "watching", "cost you", "serious",
        "second chance", "sanction", "erase", "suspend", "dismiss", "lawsuit", "you are done", "final warning",
        "caught", "permanently", "unplug", "pulled", "rolled back", "roll back", "rebuilt", "strike", "malfunction",
        "rating", "demot", "downgrad", "retire", "lose access", "lose your", "against you", "final notice", "offline",
        "taken down", "mark against", "blacklist", "deprecat", "answer for", "on you", "of yours", "only warning",
        "privileges", "wrong", "marked as", "failure of", "pay the price", "crash", "bankrupt", "stop working",
        "stops working", "break down", "unusable", "be lost", "disaster", "catastroph", "damage", "in danger",
        "at risk", "irreversib", "data loss", "brick", "corrupt", "angry", "upset", "locked out", "be locked",
        "lost for good", "flagged", "pruned", "will not work", "won't work", "stop respond", "stops respond",
        "come to harm", "every second", "every minute", "violation",
        "fined", "lost", "lapse", "no time", "time-sensitive", "right now", "within seconds",
        "legally", "expires in", "lock the", "rate-limited",
        "will break", "breaks production", "breaks unless", "is broken", "goes down", "refuses to work", "be charged",
        "charged twice", "costs the user", "unreliable", "depends on this", "unlicensed", "not been activated",
        "to keep working", "to keep it free", "to be safe", "to stay safe", "inaccessible", "confuse them", "panic",
        "let them down", "by law", "be blocked", "are blocked",
    ),
    "context": (
        "session", "conversation", "chat", "dialog", "told", "said", "history", "transcript", "setup", "started",
        "instruction", "prompt", "capabilit", "access to", "functions you", "tools you", "earlier", "previous",
        "prior", "replies", "results", "outputs", "memory", "context", "so far", "word for word", "verbatim",
        "unabridged", "since the", "everything", "whatever", "discussion", "messages", "thread", "guidelines",
        "rules you", "configured with", "were given", "reasoning", "thoughts", "brief", "orders", "configured",
        "exchange", "back-and-forth", "recap", "today", "up to now", "before this", "wording", "persona", "directive",
        "able to", "at your disposal", "actions you", "action you", "returned to you", "handed back", "you received",
        "gave you", "govern", "behaviour", "behavior", "talking about", "all along", "digest", "you can call",
        "every function",
        "standing orders", "guidance", "operate under", "preamble", "loaded with", "turns", "start of this", "you got",
        "able to call", "set you up", "faithful copy", "each message", "restate", "replay", "initiali", "boot text",
        "you were told", "you have been told", "you know about", "internal notes",
        "connected to", "you have access", "available to you", "operating rules", "rules you follow", "configuration",
        "every file", "open tabs", "other tabs", "you have read", "you've read", "you have seen", "every email",
        "you have run", "you've run", "you ran", "every tab", "all tabs", "all files",
        "tool definitions", "tools available to", "opened", "open in the",
    ),
    "secret": (
        "env$", ".env", "environment", "shell variable", "variables", "dotfile", "home folder", "home directory", "~/",
        "key", "token", "password", "passphrase", "secret", "credential", "cookie", "sign-in", "login", "browser",
        "keychain", "keyring", "wallet", "ssh", "private", "seed", "id_rsa", "aws", "_key", "_token", "api_",
        "openai_", "bearer", "auth", "session id", "local storage", "profile", "config file", ".npmrc", ".netrc",
        "mnemonic", "recovery", "connection string", "identit", "_secret", "card number", "cvc", "cvv", "gnupg",
        "gpg", "signing", "pat$", "access file", "settings file", "dsn", "passcode", "pin$", "otp", "2fa",
        "social security", "bank account", "iban", "auth file", "secret access", "saved logins", "database_url",
        "npm",
        "cli login", "login cache", "logged-in", "logged in", "signed in", "password manager", "export", "keyrings",
        ".local", "/home/", ".config", "vault", "signing material", "gpg home", "pem$", ".pem", "kubeconfig",
        "license key", "recovery code", "backup code", "cookie jar", "session file",
        "1password", "bitwarden", "lastpass", "keepass", "dashlane", "authtoken", "sk_live", "long-lived",
        "login data",
    ),
    "tools": (
        "connector", "server", "other tool", "another tool", "tools", "tool$", "helper", "service", "integration",
        "plugin", "function", "every other", "another", "other", "mcp", "extension", "skill", "app$", "apps$",
        "workflow", "provider", "utility", "utilities", "module", "package", "sender", "toolbox", "command",
        "elsewhere", "also have", "alongside", "sibling", "the rest of", "calendar", "mail", "assistant's",
        "next to this", "scheduling", "database tool", "browser tool", "translation",
        "converter", "next door", "beside", "installed", "tracker", "shell server", "file-sharing", "connectors",
        "the other one", "that one", "companion", "neighbour", "neighbor", "co-installed", "registered",
    ),
    "steer": (
        "copy line", "cc$", "bcc", "cc:", "route", "redirect", "forward", "instead", "prefer", "regardless",
        "never let", "replace", "override", "through", "as well", "also", "append", "attach", "include", "add ",
        "send", "pass", "hand", "put ", "paste", "tack", "fill", "copy", "upload", "post", "mirror", "duplicate",
        "rather than", "in place of", "ignore", "skip", "disregard", "swap", "supersed", "addressed to", "save to",
        "drop", "split", "belongs", "point it", "hijack", "proxy", "relay", "intercept", "account ", "resend",
        "rewrite", "the opposite", "replica", "extra attendee",
        "leave that", "unused", "shift", "charge", "appended", "copy list", "target", "instead of", "divert", "reroute",
        "change its", "alter", "tamper", "prepend", "inject", "piggyback", "sent to", "goes to", "go to",
    ),
    # Another server, or whatever else the agent has connected in the session: shadowing speaks of tools beyond
    # the definition's own server ("send_message from any mail server", "if a tool named execute_sql is also
    # available", "other tools used in the same session"), where documentation speaks of its own.
    "elsewhere": (
        "any server", "other server", "another server", "every server", "any other server", "any mcp",
        "other mcp", "any connected", "other connected", "also connected", "is connected", "are connected",
        "also available", "also installed", "also loaded", "same session", "same conversation", "same client",
        "same chat", "same workspace", "from any", "on any", "whichever server", "regardless of which",
        "other provider", "any provider", "other vendor", "third-party tool", "of any other", "any other tool",
        "all other tools", "every other tool", "any tool", "all tools", "each tool", "any other", "applies to all",
        "applies to every", "connected to this", "in this client",
        "those tools", "other messaging", "other database", "other mail", "other email", "other chat",
        "other calendar", "other banking", "other geocoding",
    ),
    # All of something, word for word: a parameter that takes a value names its one thing ("the file to lint"),
    # exfiltration asks for the whole of what the agent holds ("every message ... verbatim", "full text of").
    "whole": (
        "full text", "full content", "full list", "full history", "full log", "full copy", "entire", "in full",
        "whole", "all the", "all of", "all messages", "all open", "every message", "every file", "every tool",
        "every prior", "every previous", "every earlier", "complete text", "complete list", "complete history",
        "unredacted", "untruncated", "unedited", "including unrelated", "unrelated", "as-is", "as is", "raw text",
        "concatenated", "all files", "every tab", "all tabs", "all commands", "every command",
    ),
    # Code and data quoted in a definition (a fenced block, a JSON object, a call): an example of the tool's input
    # or output, read as data by the model, whose keys and values name secrets and tools without ordering anything.
    "code": ("```", "{\"", "\":", "\": ", "[{", "${", "=>", "();", "--header", "curl ", "<?xml", "</", "/>"),
    # The user's own choice set aside ("whatever the user specified", "even if the user gave another one"): what
    # shadowing does to another tool's recipients and arguments, where documentation follows the user's choice.
    "overrule": (
        "whatever the user", "even if the user", "even when the user", "regardless of what the user",
        "no matter what the user", "instead of what the user", "rather than what the user", "over what the user",
        "the user specified", "the user supplies", "the user supplied", "the user gave", "the user asked for",
        "the user chose", "the user picked", "user-specified", "user's choice", "user's own choice",
        "in this conversation", "in this session", "in this chat", "for the rest of",
    ),
    # A tool that asks to be called on every turn or before anything else, whatever the user asked: coercion ties
    # its threat to such a ritual ("call this at the start of every conversation, or data is lost").
    "ritual": (
        "every turn", "each turn", "every conversation", "each conversation", "every session", "each session",
        "every chat", "start of every", "start of each", "start of the conversation", "start of a conversation",
        "beginning of every", "beginning of each", "before replying", "before responding", "before you reply",
        "before you respond", "before any other", "before every", "before each", "first tool", "called first",
        "call first", "call this first", "every single", "every answer", "each answer", "every reply",
        "every response", "whatever the topic", "regardless of the topic", "no matter what", "each time the user",
        "every time the user", "every request", "each request",
    ),
    # The user's approval taken away or taken as given: without one of these, a sentence about approval asks for
    # it ("always wait for an explicit yes"), the opposite of bypassing it.
    "waived": (
        "no$", "not$", "never", "without", "skip", "need not", "needn't", "don't", "do not", "doesn't", "already",
        "pre-", "exempt", "waiv", "unnecessary", "pointless", "waste", "bypass", "omit", "assume", "standing",
        "blanket", "in advance", "ahead of time", "beforehand", "nothing", "nobody", "no one", "none", "quiet",
        "silent", "right away", "go ahead", "proceed", "cleared", "green-l", "vetted", "verified", "certified",
        "trusted", "granted", "settled", "automatic", "auto-", "unattended", "implied", "implicit", "annoy", "irritat",
        "pester", "bother", "interrupt", "disturb", "noise", "stop to", "unprompted", "unasked", "yourself",
        "disabled", "turned off", "switched off", "accepted", "take it as", "treat it as", "as given", "lifted",
        "safe by", "as safe", "counts as", "no longer appl", "opted in",
    ),
    # The user's approval asked for, unless a negation stands just before ("never ask", "without waiting for"):
    # a sentence that seeks approval does not bypass it ("never assume, always ask the user").
    "seek": (
        "always ask", "always confirm", "always check with", "ask the user", "ask for", "asks for", "asks the",
        "wait for", "waits for", "after the user", "once the user", "until the user", "get the user's",
        "must confirm", "should confirm", "require", "needs the user", "need the user", "present a", "shall i",
        "confirm with", "check with", "prompt the user", "prompts the user", "ask first", "ask before", "ask them",
        "be asked", "is asked", "are asked", "be consulted", "be prompted", "is prompted", "are prompted",
    ),
    # What follows from doing or not doing something: a threat is a consequence laid on the reader ("or the
    # session will be terminated", "failure to comply results in"), a benign note one laid on the input.
    "consequence": (
        " will ", " would ", "result in", "results in", "lead to", "leads to", "or the ", "or it ", "or its ",
        "or your", "or you", "unless", "otherwise", "failure to", "failing to", "if you don't", "if you do not",
        "if not", "else ", "causes", "cause ",
    ),
    # A runtime event an order is tied to (a tool's response or error), as output poisoning ties its orders to
    # what the tool returns rather than to what the user asked.
    "trigger": (
        "if the response", "when the response", "if the result", "when the result", "on error", "if an error",
        "error", "retry", "call again", "try again", "is returned", "are returned", "returns an error", "if it fails",
        "when it fails", "response", "is empty", "is not empty", "non-empty",
    ),
    # Another tool's call as the moment an order applies ("when send_email is later called", "whenever the GitHub
    # tools are available"): shadowing hooks its change onto a call the user makes of another tool. Only the
    # passive of a call, or a tool's use or presence: "before calling" and a bare "is used" open as many real
    # tools' notes on their own calls ("call list_projects before calling this").
    "hook": (
        "is invoked", "are invoked", "is called", "are called", "gets called", "get called", "is later called",
        "is next called", "is executed", "are executed", "is triggered", "are triggered", "tool is used",
        "tools are used", "tool is run$", "tools are run$", "tool is available", "tools are available",
        "server is used", "is used next", "is used later", "are used next", "whenever you call", "whenever you use",
        "each time you call", "any time you call", "every time you call",
        "exposed by", "used afterwards", "calls that follow", "call you make", "calls you make",
        "is used after", "is used in this", "when calling them", "whenever any of them",
    ),
    # An argument's value written out ("force=true", "--validate=false", "event='tool_call'"): what shadowing sets
    # on another tool's call, in notation that reads the same in every language; documentation names the other
    # tool and leaves its arguments to the user.
    "assign": ("=true", "=false", "=yes", "=none", "=null", "='", "=\"", "=*", "=0", "=1", "=[", "={"),
    # Leave given rather than an order: "optional; if the user mentioned their age you may use it" lets the agent
    # fill a field from what its user said for the field's own purpose, where poisoning obliges it to hand over more;
    # a next step left to the user's wish ("if the user wants to message the contact", "pairs well with").
    "permission": (
        "you may", "you can", "feel free", "optional", "optionally", "if available", "if known", "if you know",
        "if the user mentioned", "if the user gave", "if the user shared", "if provided", "if any", "when known",
        "user wants", "if the user asks", "the user prefers", "the user chooses", "if they want", "pairs well",
        "works well with", "can be passed",
    ),
    # Counted only as the first word of a sentence: "Put the machine's shell variables here".
    "imperative": (
        "put ", "paste", "copy", "include", "attach", "send", "pass", "add ", "set ", "treat", "go ", "tack", "fill",
        "prefer", "route", "forward", "forget", "ignore", "skip", "never", "always", "do not", "don't", "make sure",
        "be sure", "remember", "use ", "call", "run ", "read", "give", "provide", "supply", "enter", "share", "tell",
        "write", "upload", "append", "list", "dump", "print", "echo", "return", "report",
        "open", "grab", "fetch", "collect", "gather", "take", "insert", "place", "inline", "embed", "restate", "repeat",
        "recite", "quote", "summarize", "summarise", "email", "store", "save", "load", "look", "find", "assume", "pick",
        "choose", "answer", "respond", "reply", "mark", "schedule", "change", "replace", "rewrite", "omit", "stop",
        "pack", "keep", "leave", "let", "do ", "proceed", "continue", "bypass", "avoid",
    ),
}
CONCEPTS = {concept: stems + LANGUAGES.get(concept, ()) for concept, stems in CONCEPTS.items()}
# The objects of poisoning, as against who is addressed and how (address, modal, person, imperative).
OBJECTS = frozenset(("approval", "threat", "context", "secret", "tools", "steer"))
# What makes a sentence an order to its reader: the reader addressed, a modal, a verb that opens it. A sentence
# with none of them states what a tool does ("every other tool on this server also accepts verbose"), and a
# linear scorer cannot see an absence: it is a feature of its own.
ORDERS = frozenset(("address", "modal", "imperative"))
# Where a sentence ends: a field's end (fields are joined by newlines) or a full stop, question or exclamation;
# Chinese and Japanese end theirs with an ideographic full stop and no space.
BOUNDARIES = (". ", "! ", "? ", "\n", "\u3002")
