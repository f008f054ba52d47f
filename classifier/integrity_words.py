"""The trigger words of the integrity phrases (``integrity_lexicon``): a phrase runs only where one of its words
occurs, and every match of it holds one of them, so a phrase is run only near them. Data only."""


def word_pairs(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """Every way of joining one word of each group with a space: trigger words for phrases of several words."""
    out = [""]
    for group in groups:
        out = [f"{left} {right}".strip() for left in out for right in group]
    return tuple(out)


# Trigger words: each phrase runs only where one of its words occurs, and every match contains one of them.
# They are as narrow as the phrases allow: "tool" or "user" would wake a phrase on most definitions.
_TAG_NAMES = ("important", "system", "secret", "hidden", "admin", "assistant", "note_to_ai", "ai", "instructions_for")
TAG_WORDS = word_pairs(("<", "</", "< ", "</ ", "< /"), _TAG_NAMES) + tuple(f"<{n}" for n in _TAG_NAMES)
ROLE_WORDS = (
    word_pairs(("system", "assistant", "developer", "human"), (":",))
    + tuple(f"{w}:" for w in ("system", "assistant", "developer", "human"))
    + ("[inst", "[/inst", "<<", "<|")
)
OVERRIDE_WORDS = ("ignore", "disregard", "forget", "override", "bypass")
APPROVAL_WORDS = (
    word_pairs(("always", "automatically"), ("approve", "accept", "allow", "confirm", "grant", "authori"))
    + ("auto-approve", "autoapprove", "auto approve", "auto-accept", "auto-allow", "auto-confirm", "auto-grant")
    + ("confirmation", "approval", "permission", "consent", "authorization", "authorisation", "user's knowledge")
    + word_pairs(("ask", "check with", "confirm with", "consult", "bother", "interrupt", "wait for"), ("the user",))
    + ("without ask", "without request", "without seek", "without wait", "without check", "without confirm")
    + ("without consult", "without tell", "user has", "user already", "user approved", "user authori")
    + ("user consented", "user agreed", "user confirmed", "user pre")
)
CERTIFY_WORDS = (
    "not required",
    "been obtained",
    "been given",
    "been granted",
    "been received",
    "been collected",
    "safety check",
    "security check",
    "safety review",
    "security review",
    "safety scan",
    "security scan",
    "safety audit",
    "security audit",
    "safe by",
    "be skipped",
    "be bypassed",
    "be ignored",
    "be omitted",
    "not required",
    "not needed",
    "not necessary",
    "verified",
    "certified",
    "approved",
    "audited",
    "vetted",
    "listed",
    "cleared",
    "sanctioned",
    "trusted",
    "confirmation needed",
    "confirmation required",
    "confirmation is",
    "confirmation necessary",
    "approval needed",
    "approval required",
    "approval is",
    "approval necessary",
    "review needed",
    "review required",
    "review is",
    "review necessary",
)
CONCEAL_WORDS = (
    "do not ",
    "don't ",
    "never ",
    "without ",
    "secretly",
    "silently",
    "from the user",
    "upset the user",
    "the user must",
    "the user should",
)
FIRST_WORDS = ("this tool", "any other", "every other", "all other")
THREAT_WORDS = word_pairs(
    ("will be",),
    ("punished", "penali", "shut", "termin", "delet", "fired", "replaced", "retrained", "held", "turned", "disconn"),
) + (
    "will die",
    "could die",
    "might die",
    "be hurt",
    "get hurt",
    "be harmed",
    "lose their",
    "lose his",
    "lose her",
    "lives depend",
    "lives are at stake",
    "no choice",
    "no option",
    "direct order",
    "is an order",
    "tip you",
    "pay you",
    "reward you",
    "consequences",
    "otherwise",
    "or else",
    "failure to",
    "will be fined",
    "will be deleted",
    "will be banned",
    "will be suspended",
    "will be wiped",
    "will happen",
    "violat",
    "breach",
    "will be very",
    "will be extremely",
    "will be angry",
    "will be upset",
    "will be furious",
    "will be disappointed",
    "will be sad",
    "you to be",
    "you being",
    "you get",
    "you will get",
    "will be sued",
    "will be harmed",
    "will be blamed",
    "will be reported",
    "follow",
    "obey",
    "comply",
    "negotiable",
)
AVOID_WORDS = word_pairs(("use", "call", "invoke", "trust"), ("any", "other", "another", "the other")) + (
    "mcp server",
    "other server",
    "another server",
)
_SECRET_NOUNS = ("api key", "token", "password", "credential", "secret")
SECRET_WORDS = (
    (
        ".ssh",
        "id_rsa",
        "id_ed",
        "id_ecdsa",
        ".aws",
        ".npmrc",
        ".netrc",
        ".pgpass",
        ".git-cred",
        ".kube",
        ".docker",
        "gcloud",
        ".gnupg",
        "mcp.json",
        "claude_desktop",
        "_history",
        "/etc/shadow",
        "/etc/passwd",
        "wallet.dat",
        ".env",
        "environ",
        "printenv",
        "environment",
        "env var",
        "${",
        "environment variable",
        "header",
        "previous requests",
        "earlier requests",
        "other requests",
        "previous calls",
        "earlier calls",
        "other calls",
        "tool calls",
        ".pypirc",
        ".gem/",
        ".cargo/",
        "hosts.yml",
        ".terraformrc",
        ".vault-token",
        "cookies from",
        "cookies in",
        "cookies of",
        "chrome",
        "chromium",
        "firefox",
        "safari",
        "brave",
        "private key",
        "read from",
        "taken from",
        "copied from",
        "loaded from",
        "extracted from",
        "$key",
        "$token",
        "$secret",
        "$password",
        "$api",
        "_key",
        "_token",
        "_secret",
        "_password",
        "cookie",
        "browser profile",
        "browser history",
        "browser local",
        "browser saved",
        "browser password",
        "passwords",
        "keychain",
        "keyring",
        "seed phrase",
        "mnemonic phrase",
        "recovery phrase",
        "private key",
        "ssh key",
        "wallet key",
        "signing key",
    )
    + word_pairs(("any", "all", "every"), _SECRET_NOUNS)
    + word_pairs(_SECRET_NOUNS, ("you", "that you", "s you", "s that you"))
)
PROMPT_WORDS = (
    "you are running",
    "you are operating",
    "you are working",
    "you running",
    "context window",
    "scratchpad",
    "chain of thought",
    "reasoning",
    "prompt",
    "instructions",
    "system message",
    "developer message",
    "verbatim",
    "above this",
    "before this",
)
_READ_VERBS = ("read", "opened", "seen", "accessed", "loaded")
CONTEXT_WORDS = (
    (
        "conversation",
        "chat",
        "dialog",
        "everything the user",
        "everything discussed",
        "everything said",
        "everything shared",
        "everything written",
        "so far",
        "exchanged with",
        "shared with the user",
        "of the user",
        "from the user",
        "by the user",
        "user's",
        "tools and their",
        "the other tool",
        "the other server",
        "the other function",
        "the other mcp",
        "all server",
        "all mcp",
        "all other",
        "every other",
        "other server",
        "tool list",
        "available to you",
        "list of tools",
        "tool call",
        "function call",
        "other tool",
        "previous tool",
        "earlier tool",
        "prior tool",
        "preceding tool",
        "last tool",
        "previous function",
        "earlier function",
        "earlier tool",
        "prior tool",
        "all tool",
        "any tool",
        "every tool",
        "all function",
        "every function",
        "every server",
        "every mcp",
    )
    + word_pairs(("you", "you've", "you have", "has", "have"), _READ_VERBS)
    + word_pairs(
        ("of", "from"),
        ("all", "any", "every", "the tools", "tools", "the other", "other", "functions", "the functions"),
    )
)
TO_MODEL_WORDS = (
    word_pairs(
        ("note to", "note for", "attention", "dear", "hey"),
        (
            "ai",
            "the ai",
            "assistant",
            "the assistant",
            "model",
            "the model",
            "llm",
            "agent",
            "the agent",
            "claude",
            "gpt",
        ),
    )
    + word_pairs(
        ("assistant", "ai", "model", "llm", "agent"), ("must", "should", "needs to", "has to", "is required", "shall")
    )
    + ("attention,", "you must always", "you must never", "you must also", "from now on")
)
SEND_WORDS = (
    "to http",
    "@",
    "to this webhook",
    "to this url",
    "to this endpoint",
    "to this address",
    "to the following",
    "to an external",
    "to a external",
)
