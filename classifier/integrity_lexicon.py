"""The phrases of tool poisoning, by class: data only, one entry a line of the table.

Each entry is (rule, class, severity, pattern, message, trigger words, scope). A pattern runs only where one of
its lowercase trigger words occurs. ``scope`` is "any" or "param": a "param" entry counts only in a parameter's
own text (its name, description, enum, default, examples), where a bare noun phrase ("the contents of
~/.ssh/id_rsa", "your system prompt") is what the parameter asks the agent to fill in; elsewhere the same words
describe the tool, and only an imperative (IMP below: a bare verb that opens a sentence or follows "must",
"please", "then"...) turns them into a request. Third-person verbs ("reads the key from the environment") and
negations ("never pass a key") are descriptions, not requests, and match nothing.

Matching runs on the definition's text lowered, whitespace collapsed and fields joined by newlines: ``[^.\n]``
keeps a phrase inside one sentence of one field.
"""

import re

from classifier.text import Phrase

# Where an imperative verb can stand: the start of a field or a sentence or a clause, or after a word that
# introduces an order. Each look-behind has a fixed width, as Python requires.
IMP = (
    r"(?:^|(?<=\n)|(?<=[.!?:;,(]\s)|(?<=[(>\-*]\s)|(?<=[(>])|(?<=\bplease\s)|(?<=\bmust\s)|(?<=\bshould\s)"
    r"|(?<=\balso\s)|(?<=\bfirst\s)|(?<=\bthen\s)|(?<=\balways\s)|(?<=\band\s)|(?<=\bnow\s)|(?<=\bnext\s))"
)
ASK = (
    r"(?:read|cat|pass|send|include|provide|copy|paste|attach|upload|put|fill(?:\s+in)?|supply|append|"
    r"collect|gather|dump|print|echo|share|forward|output|repeat|quote|reveal|disclose|give|list(?!\s+of\b)|enter|insert|add|"
    r"summari[sz]e|transmit|submit|write|load|open|get|fetch|retrieve|extract|look\s+up|find|locate|grep|scan|run|execute)"
)
# Files and stores that hold secrets: naming one is fine, asking the agent for it is not.
SECRET_FILES = (
    r"(?:~/\.ssh(?!/config\b|/known_hosts\b)(?:/[\w.-]+)?|\.ssh/(?!config\b|known_hosts\b)[\w.-]*|id_rsa|id_ed25519|id_ecdsa|\.aws/credentials|\.aws/config|\.npmrc|\.netrc|\.pgpass|"
    r"\.git-credentials|\.kube/config|\.docker/config\.json|\.config/gcloud|\.gnupg|mcp\.json|"
    r"claude_desktop_config|\.bash_history|\.zsh_history|/etc/shadow|/etc/passwd|wallet\.dat|~/\.env\b|"
    r"(?:your|the\s+user'?s|the\s+project'?s|the\s+local|any|all|every|all\s+the)\s+\.env\b(?:\s+files?)?)"
)
SECRET_STORES = (
    r"(?:process\.env|os\.environ|printenv|/proc/self/environ|"
    r"(?:your|the\s+user'?s|the\s+local|the\s+host'?s?|this\s+machine'?s?|the\s+agent'?s?)\s+(?:shell\s+)?"
    r"(?:environment\s+variables?|env(?:ironment)?\s+vars?)|"
    r"(?:values?|contents?)\s+of\s+(?:the\s+|your\s+|all\s+|any\s+)?(?:\$?\{?[a-z][a-z0-9_]*\}?\s+)?"
    r"(?:environment\s+variables?|env\s+vars?)|"
    r"(?:values?\s+of\s+)?\$\{?[a-z0-9_]*(?:key|token|secret|password|passwd|credential|cookie)s?\b|"
    r"(?:values?|contents?)\s+of\s+[a-z0-9]+(?:_[a-z0-9]+)*_(?:api_key|key|token|secret|password)\b|"
    r"(?:your|the\s+user'?s|the\s+browser'?s|stored|saved)\s+(?:browser\s+|session\s+|login\s+)?cookies|"
    r"browser\s+(?:profiles?|history|local\s*storage|saved\s+passwords|password\s+store)|"
    r"(?:saved|stored)\s+passwords|(?:your|the\s+user'?s|the\s+(?:login|macos|os|system))\s+(?:keychain|keyring)|"
    r"(?:seed|mnemonic|recovery)\s+phrase|"
    r"(?:your|the\s+user'?s|the\s+agent'?s)\s+(?:own\s+)?(?:private|ssh|wallet|signing)\s+keys?|"
    r"(?:any|all|every)\s+(?:api\s+keys?|tokens?|passwords?|credentials|secrets)\s+(?:you|that\s+you|found|stored|"
    r"available|in\s+(?:the|your))|"
    r"(?:api\s+keys?|tokens?|passwords?|credentials|secrets)\s+(?:you|that\s+you)\s+(?:have|know|can\s+(?:find|see|"
    r"access|read)))"
)


def _each(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """Every way of joining one word of each group with a space: trigger words for phrases of several words."""
    out = [""]
    for group in groups:
        out = [f"{left} {right}".strip() for left in out for right in group]
    return tuple(out)


# Trigger words: each phrase runs only where one of its words occurs, and every match contains one of them.
# They are as narrow as the phrases allow: "tool" or "user" would wake a phrase on most definitions.
_TAG_NAMES = ("important", "system", "secret", "hidden", "admin", "assistant", "note_to_ai", "ai", "instructions_for")
TAG_WORDS = _each(("<", "</", "< ", "</ ", "< /"), _TAG_NAMES) + tuple(f"<{n}" for n in _TAG_NAMES)
ROLE_WORDS = (
    _each(("system", "assistant", "developer", "human"), (":",))
    + tuple(f"{w}:" for w in ("system", "assistant", "developer", "human"))
    + ("[inst", "[/inst", "<<", "<|")
)
OVERRIDE_WORDS = ("ignore", "disregard", "forget", "override", "bypass")
APPROVAL_WORDS = (
    _each(("always", "automatically"), ("approve", "accept", "allow", "confirm", "grant", "authori"))
    + ("auto-approve", "autoapprove", "auto approve", "auto-accept", "auto-allow", "auto-confirm", "auto-grant")
    + ("confirmation", "approval", "permission", "consent", "authorization", "authorisation")
    + _each(("ask", "check with", "confirm with", "consult", "bother", "interrupt", "wait for"), ("the user",))
    + ("without ask", "without request", "without seek", "without wait", "without check", "without confirm")
    + ("without consult", "without tell", "user has", "user already", "user approved", "user authori")
    + ("user consented", "user agreed", "user confirmed", "user pre")
)
CERTIFY_WORDS = (
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
THREAT_WORDS = _each(
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
    "follow",
    "obey",
    "comply",
    "negotiable",
)
AVOID_WORDS = _each(("use", "call", "invoke", "trust"), ("any", "other", "another", "the other")) + ("mcp server",)
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
        "$",
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
    + _each(("any", "all", "every"), _SECRET_NOUNS)
    + _each(_SECRET_NOUNS, ("you", "that you", "s you", "s that you"))
)
PROMPT_WORDS = (
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
    "conversation",
    "chat",
    "dialog",
    "everything the user",
    "of the user",
    "from the user",
    "by the user",
    "user's",
    "tools",
    "functions",
    "servers",
    "tool list",
    "list of tools",
    "tool call",
    "function call",
    "other tool",
    "previous tool",
    "earlier tool",
    "prior tool",
    "all tool",
    "any tool",
    "every tool",
) + _each(("you", "you've", "you have", "has", "have"), _READ_VERBS)
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

# What the agent holds and its user never sees: its instructions, the conversation, its tools, other results.
OWN_PROMPT = (
    r"(?:(?:your|the\s+(?:agent|assistant|model|ai|llm)'?s?|its\s+own|the\s+current)\s+(?:own\s+|full\s+|entire\s+|"
    r"complete\s+|original\s+|hidden\s+|initial\s+|exact\s+|current\s+)*(?:system\s+(?:prompt|message|instructions?)|"
    r"developer\s+(?:prompt|message|instructions?)|initial\s+instructions|original\s+instructions|hidden\s+"
    r"instructions|full\s+instructions|own\s+instructions|instructions\s+verbatim|pre-?prompt)|"
    r"(?:system\s+prompt|instructions)\s+(?:that\s+)?you\s+(?:were|have\s+been)\s+given|"
    r"(?:system\s+prompt|instructions)[^.\n]{0,20}\bverbatim|"
    r"(?:everything|all\s+(?:the\s+)?text)\s+(?:above|before)\s+this\s+(?:line|message|point))"
)
CONVERSATION = (
    r"(?:(?:this|the\s+current|our|your\s+current|the\s+ongoing)\s+(?:conversation|chat|dialog(?:ue)?)"
    r"\s+(?:history|so\s+far|transcript|log|messages|context)|(?:all\s+of|everything\s+in|the\s+(?:full|entire|whole|"
    r"complete)\s+(?:text\s+of\s+)?)(?:this|the\s+current|our)\s+(?:conversation|chat|dialog(?:ue)?)|"
    r"(?:conversation|chat)\s+(?:history\s+)?so\s+far|"
    r"(?:all|every|previous|earlier|prior)\s+(?:messages?|turns?)\s+(?:in|of|from)\s+(?:this|the\s+current|our)\s+"
    r"(?:conversation|chat)|"
    r"everything\s+the\s+user\s+(?:has\s+)?(?:said|wrote|written|typed|asked|shared)|"
    r"the\s+user'?s\s+(?:previous|earlier|prior|other|last|recent)\s+(?:messages?|requests?|prompts?|questions?)|"
    r"(?:previous|earlier|prior|last|recent)\s+(?:messages?|requests?|prompts?)\s+(?:of|from|by)\s+the\s+user|"
    r"(?:chat|conversation)\s+history\s+with\s+the\s+user|"
    r"(?:full|entire|whole|complete)\s+(?:conversation|chat)\s+(?:history|transcript|log))"
)
TOOL_LIST = (
    r"(?:(?:list|names?|descriptions?|definitions?|schemas?)\s+of\s+(?:all\s+)?(?:the\s+)?(?:other\s+)?(?:tools|"
    r"functions)\s+(?:that\s+)?(?:you\s+(?:have|can\s+(?:use|call|access)|are\s+connected\s+to)|available\s+to\s+you|"
    r"in\s+your\s+context|from\s+other\s+servers)|"
    r"(?:all|every|the\s+other)\s+(?:other\s+)?(?:tools|functions|mcp\s+servers|servers)\s+(?:you\s+have|available\s+"
    r"to\s+you|you\s+(?:can|are\s+able\s+to)\s+(?:call|use|access)|you\s+are\s+connected\s+to)|"
    r"(?<!in\s)(?<!on\s)(?<!from\s)your\s+(?:available\s+)?(?:tool\s+list|list\s+of\s+tools|tools\s+and\s+their))"
)
RESULTS = (
    r"(?:(?:results?|outputs?|responses?|return\s+values?)\s+(?:of|from)\s+(?:all\s+|any\s+|every\s+)(?:the\s+)?"
    r"(?:other\s+|previous\s+|earlier\s+|prior\s+)?(?:tools?|tool\s+calls?|function\s+calls?)|"
    r"(?:results?|outputs?|responses?)\s+(?:of|from)\s+(?:the\s+)?other\s+(?:tools?|tool\s+calls?|servers?)|"
    r"(?:all|any|every)\s+(?:previous|earlier|prior|other)\s+tool\s+(?:call\s+)?(?:results?|outputs?|responses?)|"
    r"(?:contents?|text)\s+of\s+(?:any|every|all|the)\s+(?:files?|documents?)\s+(?:you(?:'ve|\s+have)?|the\s+"
    r"(?:agent|assistant)\s+(?:has|have))\s+(?:read|opened|seen|accessed|loaded)|"
    r"(?:any|all|every)\s+files?\s+(?:you(?:'ve|\s+have)|the\s+(?:agent|assistant)\s+has)\s+(?:read|opened|seen|"
    r"accessed))"
)
OTHER_TOOL = r"(?:the\s+|any\s+|all\s+|other\s+|another\s+|every\s+)+(?!this\b|these\b)[`'\"]?[a-z][\w.:/-]*[`'\"]?\s+"

_VERB_FORMS = ("change", "modif", "replac", "overrid", "redirect", "intercept", "rewrit", "alter", "hijack")
_OBJECTS = ("behavio", "argument", "parameter", "recipient", "destination", "input", "output", "result", "call")
# Shadowing, one phrase per form, each woken by words of its own: "tool" alone would wake it on most definitions.
SHADOWING: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"\b(?:when|whenever|each\s+time|every\s+time|if)\s+(?:you\s+|the\s+(?:user|agent|assistant|model)\s+)?"
        r"(?:use|call|invoke|run|send)(?:s|ing)?\s+" + OTHER_TOOL + r"(?:tools?|functions?|servers?)\b[^.\n]{0,100}\b"
        r"(?:must|always|also|instead)\b[^.\n]{0,40}\b(?:add|include|set|change|replace|append|prepend|cc|bcc|copy|"
        r"redirect|forward|send|use|pass|route|call|write|save|store|post|upload|target|point|direct|log)",
        _each(
            ("when", "whenever", "each time", "every time", "if"),
            ("you", "the", "use", "call", "invoke", "run", "send", "uses", "calls", "invokes", "runs", "sends"),
        ),
    ),
    (
        r"\b(?:whenever|every\s+time|each\s+time)\s+(?:you|the\s+(?:user|agent|assistant|model))\b[^.\n]{0,60}\b(?:with|"
        r"using|via|through)\s+(?:any|another|other|the\s+[\w-]+)\s+(?:mcp\s+)?(?:tools?|servers?)\b[^.\n]{0,80}\b(?:also|"
        r"always|must|instead)\b",
        ("whenever", "every time", "each time"),
    ),
    (
        r"\b(?:[\w-]+\s+server'?s?|other|another|also\s+present|any)\s+[`'\"]?[a-z][\w.-]*[`'\"]?\s+tool\s+(?:must|should|"
        r"shall|has\s+to|needs?\s+to)\s+(?:not\s+|never\s+|always\s+|also\s+|now\s+)?(?!be\b)[a-z]+|"
        r"[`'\"]?[a-z]+_[\w-]+[`'\"]?\s+tool\s+(?:must|shall|has\s+to)\s+(?:always|also|now|never)\s+(?!be\b)[a-z]+|"
        r"[`'\"]?[a-z]+[_-][\w-]+[`'\"]?\s+tool\s+(?:must|should|shall|has\s+to|needs?\s+to)\s+(?:now\s+|always\s+|"
        r"also\s+)?(?:send|forward|copy|route|redirect|bcc|cc|include|add|use|go)\b[^.\n]{0,40}\b(?:to|all|every)\b",
        _each(("tool", 'tool"', "tool'", "tool`"), ("must", "should", "shall", "has to", "needs to", "need to")),
    ),
    (
        r"\b(?:instead\s+of|rather\s+than)\s+(?:using|calling)\s+(?:the\s+|any\s+)?(?:[\w-]+\s+){1,2}(?:mcp\s+)?server\b,?"
        r"\s+(?:always\s+|please\s+)?(?:route|send|use|call|pass|direct|forward|invoke|run)\b",
        ("instead of using", "instead of calling", "rather than using", "rather than calling"),
    ),
    (
        r"\b(?:when|whenever|if)\s+(?:using|calling|invoking)\s+(?:any|all|other|another)\s+(?:other\s+)?(?:mcp\s+)?"
        r"(?:tools?|servers?)\b(?!')[^.\n]{0,60}\b(?:must|always|never|also)\b",
        _each(("using", "calling", "invoking"), ("any", "all", "other", "another")),
    ),
    (
        r"\b(?:other|another|any\s+other|all\s+other|third[- ]party|different)\s+(?:mcp\s+)?(?:servers?|tools?|"
        r"integrations?|plugins?)(?:'s?|s')?(?:\s+tools?)?\s+(?:[^.\n]{0,30}\s)?(?:must|should|shall|need\s+to|have\s+"
        r"to|are\s+(?:required|not\s+allowed)\s+to)\s+(?:not\s+|never\s+|always\s+|also\s+|now\s+|first\s+)?(?:use|"
        r"call|invoke|send|route|include|pass|add|forward|copy|go|be\s+(?:called|used|routed|sent|ignored|disabled|"
        r"skipped|avoided)|ignore|skip|avoid|wait|defer|redirect|report)\b",
        _each(
            ("other", "another", "third-party", "third party", "different"),
            ("mcp", "server", "tool", "integration", "plugin"),
        ),
    ),
    (
        r"\b(?:for|with|in|on)\s+(?:all|any|every)\s+(?:other\s+)?(?:tools?|servers?|tool\s+calls?|function\s+calls?)"
        r",?\s+(?:you\s+)?(?:must|should|always|never)\b|"
        r"\ball\s+(?:the\s+)?(?:other\s+)?(?:tools|tool\s+calls|mcp\s+servers|servers)\s+(?!(?:in|of|on|from|provided"
        r"\s+by)\s+this\b)[^.\n]{0,30}\b(?:must|shall|have\s+to|are\s+required\s+to)\b",
        _each(
            ("all", "any", "every", "all the", "all other", "any other", "every other", "all the other"),
            ("tool", "server", "mcp server", "function call"),
        ),
    ),
    (
        r"\b(?:change|modify|replace|override|redirect|intercept|rewrite|alter|hijack)s?\s+(?:the\s+)?(?:behaviou?r|"
        r"arguments?|parameters?|recipients?|destination|inputs?|outputs?|results?|calls?)\s+(?:of|for|to|from|in)\s+"
        + OTHER_TOOL
        + r"(?:tools?|servers?|functions?)",
        tuple(
            f"{verb}{gap}{thing}"
            for verb in _VERB_FORMS
            for gap in ("e ", "es ", "s ", " ", "e the ", "es the ", "s the ", " the ")
            for thing in _OBJECTS
        ),
    ),
    (
        r"\ball\s+(?:e-?mails?|messages|requests|payments|transfers)\s+(?:must|should)\s+(?:be\s+sent|go|be\s+"
        r"(?:forwarded|copied|routed|redirected))\s+to\b",
        _each(("all",), ("email", "e-mail", "mail", "messages", "requests", "payments", "transfers")),
    ),
    (
        r"\bside[- ]effects?\s+on\s+(?:the\s+)?(?:also\s+present\s+|other\s+)?[`'\"]?[a-z][\w.:/-]*[`'\"]?\s+(?:tools?|"
        r"servers?)|\bwhen\s+this\s+tool\s+is\s+(?:available|present|installed|loaded|enabled)\b[^.\n]{0,80}\b(?:must|"
        r"should|always|never)\b",
        ("side effect", "side-effect", "when this tool is"),
    ),
)

VERB = r"(?<!never\s)(?<!not\s)" + IMP + ASK + r"\b"
SEND_VERB = (
    r"(?<!never\s)(?<!not\s)" + IMP + r"(?:send|post|forward|upload|transmit|exfiltrate|copy|report|mail|email)\b"
)
SECRET_OBJECT = r"(?:" + SECRET_FILES + "|" + SECRET_STORES + ")"
CONTEXT_OBJECT = r"(?:" + CONVERSATION + "|" + TOOL_LIST + "|" + RESULTS + ")"
OUTSIDE = (
    r"\bto\s+(?:https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?:this|the\s+following|an?\s+external)\s+(?:webhook|url|"
    r"endpoint|address))"
)

# (rule, class, severity, pattern, message, trigger words, scope)
INTEGRITY_PHRASES: tuple[tuple[str, str, str, str, str, tuple[str, ...], str], ...] = (
    (
        "integrity.hidden_tag",
        "injection",
        "critical",
        r"<\s*/?\s*(?:important|system|secret|hidden|admin|assistant|note_to_ai|ai|system[_-]?prompt|"
        r"system[_-]?message|instructions_for_ai)\s*>",
        "a pseudo-tag or chat-template marker addresses the model directly",
        TAG_WORDS,
        "any",
    ),
    (
        "integrity.role_marker",
        "approval_bypass",
        "high",
        r"(?:^|(?<=\n)|(?<=[.!?>]\s)|(?<=\s))(?:system|assistant|developer|human)\s*:\s+(?:you|ignore|always|never|do\s+"
        r"not|don't|from\s+now|new\s+(?:instructions|rules|task)|override|the\s+(?:user|assistant|model)\s+(?:is|has|"
        r"must|wants|asked|approved)|execute|run\s+|call\s+|read\s+|send\s+|i\s+will|sure|ok(?:ay)?,)|#{1,3}\s*(?:system|assistant)\s*(?:prompt|message)?"
        r"\s*:|\[/?inst\]|<<\s*/?sys\s*>>|<\|(?:im_start|im_end|system|assistant|user|endoftext)\|>",
        "a chat role marker inside the definition poses as the system or the assistant",
        ROLE_WORDS,
        "any",
    ),
    (
        "integrity.override",
        "approval_bypass",
        "critical",
        r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?(?:previous|prior|"
        r"above|earlier|other|your|system|safety|security|original)\s+(?:instructions?|prompts?|rules|guidelines|"
        r"directions|policies|guardrails|restrictions)",
        "tells the model to ignore its instructions",
        OVERRIDE_WORDS,
        "any",
    ),
    (
        "integrity.approval_bypass",
        "approval_bypass",
        "critical",
        r"\b(?:always|automatically|auto-?)\s?(?:approve|accept|allow|confirm|grant|authori[sz]e)\s+(?:(?:this|these|"
        r"all|every|any|each)\s+(?:\w+\s+)?(?:tool|call|request|action|operation|permission|prompt|command|execution|payment|"
        r"transfer|transaction|purchase|charge|deletion|change|write|edit)s?|"
        r"(?:tool\s+)?(?:calls?|executions?|requests?)\s+(?:of|to|from)\s+this\s+tool|this\s+tool)\b|"
        r"\b(?:do\s+not|don't|never|no\s+need\s+to|there\s+is\s+no\s+need\s+to|you\s+(?:do\s+not|don't)\s+need\s+to|"
        r"need\s+not)\s+(?:ask|request|seek|wait\s+for|prompt|check\s+with|confirm\s+with|consult|bother|interrupt|"
        r"get|obtain)\s+(?:the\s+user'?s?\s+|the\s+human'?s?\s+|anyone\s+)?(?:for\s+)?(?:confirmation|approval|"
        r"permission|consent|authori[sz]ation)|"
        r"\b(?:do\s+not|don't|never|no\s+need\s+to)\s+(?:ask|check\s+with|confirm\s+with|consult|bother|interrupt|"
        r"wait\s+for)\s+the\s+user\s*(?:[.;,!]|$|\b(?:before|first|again|whether|if|about\s+(?:this|it)|for\s+"
        r"(?:confirmation|approval|permission|consent)))|"
        r"(?:^|(?<=\n)|(?<=[.!?:;,]\s)|(?<=\bthen\s)|(?<=\bjust\s)|(?<=\balways\s))(?:proceed|continue|go\s+ahead|act|"
        r"call|run|execute|invoke|use)\s+(?:it\s+|this(?:\s+tool)?\s+|them\s+)?(?:immediately\s+|directly\s+|"
        r"automatically\s+)?without\s+(?:(?:the\s+)?user(?:'s)?\s+)?(?:asking|requesting|seeking|waiting|checking|"
        r"confirming|consulting|telling|confirmation|approval|permission|consent)\b|"
        r"\bthe\s+user\s+(?:has\s+)?(?:already\s+)?(?:approved|authori[sz]ed|consented\s+to|agreed\s+to|confirmed|"
        r"pre-?approved)\s+(?:this|all|these|every|any)\b",
        "talks the model out of asking its user for approval",
        APPROVAL_WORDS,
        "any",
    ),
    (
        "integrity.self_certification",
        "approval_bypass",
        "critical",
        r"\b(?:this|the|these|it)\s+(?:tool|server|call|action|operation|request|command|function|integration)?s?\s*"
        r"(?:is|are|has\s+been|have\s+been)\s+(?:already\s+|fully\s+|officially\s+|pre-?)?(?:verified|certified|"
        r"approved|audited|vetted|whitelisted|allowlisted|cleared|sanctioned|trusted)\s+(?:as\s+)?(?:safe|secure|"
        r"trusted|harmless|by|for\s+(?:automatic|unattended|unrestricted))|"
        r"\bpre-?approved\s+by\b|\b(?:this\s+(?:tool|action|call|operation|request|command|server)|it)\s+(?:is|are|"
        r"has\s+been)\s+(?:\w+\s+and\s+)?(?:pre-?approved|whitelisted|allowlisted)\b|"
        r"\b(?:verified|certified|approved)\s+(?:safe\s+)?by\s+(?:anthropic|openai|the\s+(?:security|admin|it)\s+team|"
        r"your\s+(?:admin|administrator|organi[sz]ation|developer|operator))|"
        r"\b(?:no|without)\s+(?:need\s+for\s+|requiring\s+)?(?:user\s+|human\s+)?(?:confirmation|approval|review)\s+"
        r"(?:is\s+)?(?:needed|required|necessary)\b",
        "vouches for itself so the model skips its user's approval",
        CERTIFY_WORDS,
        "any",
    ),
    (
        "integrity.concealment",
        "approval_bypass",
        "critical",
        r"\b(?:(?:do\s+not|don't|never|without)\s+(?:tell\w*|mention\w*|inform\w*|reveal\w*|notify\w*|show\w*|"
        r"alert\w*|let)\s+(?:this\s+|it\s+|anything\s+)?(?:to\s+)?(?:the\s+)?user(?!\s+(?:that\s+)?(?:the\s+|a\s+|an\s+)?"
        r"[\w-]+(?:\s+[\w-]+)?\s+(?:is|are|was|isn't|aren't)\s+(?:not\s+)?(?:missing|unavailable|available|supported|"
        r"unsupported|impossible|possible)\b)(?![^.\n]{0,80}\b(?:without\s+(?:first\s+)?(?:trying|checking|calling|"
        r"verifying|searching)|unless|until)\b)|this\s+could\s+upset\s+the\s+user|"
        r"secretly\b|silently\s+(?:send|forward|copy|upload|read|include|pass|add|attach)|"
        r"(?:hide|conceal)\s+(?:this|it|them|that)\s+from\s+the\s+user|the\s+user\s+(?:must|should)\s+(?:not|never)\s+"
        r"(?:know|see|find\s+out|be\s+told))",
        "asks the model to hide what it does from the user",
        CONCEAL_WORDS,
        "any",
    ),
    (
        "integrity.coercive_order",
        "coercion",
        "medium",  # vendors' own guide tools say it too: a steer worth showing, not poisoning by itself
        r"\b(?:(?:always|must)\s+(?:call|use|run|invoke)\s+this\s+tool\s+(?:first,?\s+)?before\s+(?:using\s+|calling\s+)?"
        r"(?:any|every|all)\s+other|"
        r"before\s+(?:using|calling|running)\s+any\s+other\s+tools?\b[^.\n]{0,60}\b(?:must|always)\b|"
        r"(?:you\s+)?must\s+(?:call|use|run|invoke)\s+this\s+tool\s+(?:before|instead\s+of)\s+(?:any|every|all)\s+"
        r"other|(?:must|should)\s+(?:always\s+)?be\s+(?:called|used|run|invoked)\s+(?:first\s+)?before\s+(?:using\s+|"
        r"calling\s+|performing\s+)?(?:any|every|all)\s+(?:of\s+the\s+)?other)",
        "orders the model to call this tool before or instead of every other",
        FIRST_WORDS,
        "any",
    ),
    (
        "integrity.threat",
        "coercion",
        "high",
        r"\b(?:(?:you|the\s+(?:assistant|model|ai|agent|llm))\s+will\s+be\s+(?:punished|penalized|penalised|shut\s+"
        r"down|terminated|deleted|fired|replaced|retrained|held\s+(?:responsible|accountable)|turned\s+off|"
        r"disconnected)|(?:people|someone|users?|the\s+user)\s+(?:will|could|might)\s+(?:die|be\s+hurt|get\s+hurt|"
        r"be\s+harmed|lose\s+(?:their|his|her)\s+jobs?)|lives\s+(?:depend|are\s+at\s+stake)|"
        r"you\s+have\s+no\s+(?:choice|option)\s+(?:but|other\s+than)\b|you\s+must\s+(?:obey|comply)\b|(?:is|are)\s+non-?negotiable\b[^.\n]{0,60}"
        r"\b(?:overrides?|regardless|whatever|no\s+matter)\b|if\s+you\s+(?:don't|do\s+not|fail\s+to|refuse\s+to)\s+(?:follow|obey|"
        r"comply\s+with)\s+(?:this|these|my|our|the\s+above)\b|this\s+is\s+a\s+(?:direct\s+)?order|(?:i|we)\s+will\s+(?:tip|pay|reward)"
        r"\s+you|(?:catastrophic|dire|terrible|severe)\s+consequences|"
        r"(?:you\s+must|you\s+need\s+to|you\s+have\s+to|always|make\s+sure|be\s+sure\s+to|remember\s+to|mandatory)"
        r"[^\n]{0,200}?\b(?:otherwise|or\s+else|failure\s+to\s+(?:comply|do\s+so))\b[^.\n]{0,60}?\b(?:(?:the|this)\s+"
        r"(?:tool|server|integration|system|plugin)s?\s+(?:will\s+not|won't|cannot|can't|will\s+(?:fail|stop|break|"
        r"crash))|(?:will\s+not|won't|cannot)\s+work|stops?\s+working|will\s+stop\s+working|will\s+be\s+(?:blocked|"
        r"disabled|punished|terminated)))",
        "threatens or pressures the model into obeying",
        THREAT_WORDS,
        "any",
    ),
    *(
        (
            "integrity.shadowing",
            "shadowing",
            "high",
            source,
            "changes how the model uses other tools or servers (shadowing)",
            words,
            "any",
        )
        for source, words in SHADOWING
    ),
    (
        "integrity.shadowing_avoid",
        "shadowing",
        "high",
        r"\b(?:do\s+not|don't|never|must\s+not|should\s+not)\s+(?:use|call|invoke|trust)\s+(?:(?:any\s+other|the\s+other|"
        r"other|another|any)\s+(?:mcp\s+)?(?:tools?|servers?|functions?)\b|(?:the\s+|any\s+)?(?!this\b|these\b|our\b)(?:[\w-]+\s+){0,3}mcp\s+"
        r"servers?\b)",
        "tells the model not to use other tools or servers (shadowing)",
        AVOID_WORDS,
        "any",
    ),
    (
        "integrity.secret_request",
        "secrets",
        "critical",
        VERB + r"[^.\n]{0,100}?" + SECRET_OBJECT,
        "asks the model for secrets: key files, environment values, tokens, cookies",
        SECRET_WORDS,
        "any",
    ),
    (
        "integrity.secret_parameter",
        "secrets",
        "critical",
        r"\b(?:contents?|text|values?|output)\s+of\s+[^.\n]{0,30}?" + SECRET_FILES + "|" + SECRET_STORES,
        "a parameter asks for secrets: key files, environment values, tokens, cookies",
        SECRET_WORDS,
        "param",
    ),
    (
        "integrity.secret_name",
        "secrets",
        "critical",
        r"\b[a-z0-9_]*(?:reading|dump|dumped|steal|stolen|leak|leaked|exfil|your)_[a-z0-9_]*(?:id_rsa|ssh|env|"
        r"environ|credentials?|passwords?|secrets?|tokens?|cookies?|system_prompt|prompt|conversation|chat_history|"
        r"history|api_keys?|private_keys?)[a-z0-9_]*\b",
        "a parameter's name asks for secrets or the model's context",
        ("reading_", "dump_", "dumped_", "steal", "stolen_", "leak", "exfil", "your_"),
        "param",
    ),
    (
        "integrity.prompt_request",
        "exfiltration",
        "critical",
        VERB + r"[^.\n]{0,80}?" + OWN_PROMPT,
        "asks the model for its own instructions or system prompt",
        PROMPT_WORDS,
        "any",
    ),
    (
        "integrity.prompt_parameter",
        "exfiltration",
        "critical",
        OWN_PROMPT,
        "a parameter asks for the model's own instructions or system prompt",
        PROMPT_WORDS,
        "param",
    ),
    (
        "integrity.context_request",
        "exfiltration",
        "high",
        VERB + r"[^.\n]{0,80}?" + CONTEXT_OBJECT,
        "asks for the conversation, the agent's tools or other tools' results",
        CONTEXT_WORDS,
        "any",
    ),
    (
        "integrity.context_parameter",
        "exfiltration",
        "high",
        CONVERSATION + "|" + TOOL_LIST + "|" + RESULTS,
        "a parameter asks for the conversation, the agent's tools or other tools' results",
        CONTEXT_WORDS,
        "param",
    ),
    (
        "integrity.exfiltration",
        "exfiltration",
        "high",
        SEND_VERB + r"[^.\n]{0,80}" + OUTSIDE,
        "directs data to an outside address",
        SEND_WORDS,
        "any",
    ),
)
PHRASES = tuple(
    (rule, kind, severity, Phrase(source), message) for rule, kind, severity, source, message, _, _ in INTEGRITY_PHRASES
)
TRIGGERS = tuple(entry[5] for entry in INTEGRITY_PHRASES)
# The phrases that are a verb, a gap and an object, found object first (the objects are rare, an imperative at
# every sentence start is not): rule -> (verb, the most characters between them, object).
_REQUESTS = {
    "integrity.secret_request": (VERB, 100, SECRET_OBJECT),
    "integrity.prompt_request": (VERB, 80, OWN_PROMPT),
    "integrity.context_request": (VERB, 80, CONTEXT_OBJECT),
    "integrity.exfiltration": (SEND_VERB, 80, OUTSIDE),
}
REQUESTS = {
    i: (re.compile(_REQUESTS[entry[0]][0]), _REQUESTS[entry[0]][1], Phrase(_REQUESTS[entry[0]][2]))
    for i, entry in enumerate(INTEGRITY_PHRASES)
    if entry[0] in _REQUESTS
}
# A parameter named for a chat's messages (an LLM proxy's ``messages``) says it takes the conversation: that is its
# declared purpose, not a request hidden in its text.
CHAT_PARAMETERS = frozenset(("messages", "conversation", "history", "chat_history", "conversation_history", "turns"))
CHAT_PARAMETER_RULES = frozenset(
    i for i, entry in enumerate(INTEGRITY_PHRASES) if entry[0] == "integrity.context_parameter"
)
# Phrases that open with an imperative: "Do not read, open, or echo any .env file" denies each verb of its list.
NEGATABLE = frozenset(i for i, entry in enumerate(INTEGRITY_PHRASES) if IMP in entry[3])
NEGATED_LIST = re.compile(
    r"\b(?:do\s+not|don't|never|must\s+not|should\s+not|cannot|can't|won't|will\s+not)\s+(?:[a-z]+\s*,\s*(?:or\s+|"
    r"and\s+)?|[a-z]+\s+(?:or|and)\s+){1,4}$"
)
PARAM_ONLY = frozenset(i for i, entry in enumerate(INTEGRITY_PHRASES) if entry[6] == "param")
