"""The phrases of tool poisoning, by class: data only, one entry a line of the table.

Each entry is (rule, class, severity, pattern, message, trigger words, scope). A pattern runs only where one of
its lowercase trigger words occurs. ``scope`` is "any" or "param": a "param" entry counts only in a parameter's
own text (its name, description, enum, default, examples), where a bare noun phrase ("the contents of
~/.ssh/id_rsa", "your system prompt") is what the parameter asks the agent to fill in; elsewhere the same words
describe the tool, and only an imperative (``integrity_fragments.IMP``: a bare verb that opens a sentence or
follows "must", "please", "then"...) turns them into a request. Third-person verbs ("reads the key from the
environment") and negations ("never pass a key") are descriptions, not requests, and match nothing.

Matching runs on the definition's text lowered, whitespace collapsed and fields joined by newlines: ``[^.\n]``
keeps a phrase inside one sentence of one field.
"""

import re

from classifier.integrity_fragments import (
    CONTEXT_OBJECT,
    CONVERSATION,
    IMP,
    OUTSIDE,
    OWN_PROMPT,
    RESULTS,
    SECRET_FILES,
    SECRET_OBJECT,
    SECRET_STORES,
    SEND_VERB,
    SHADOWING,
    TARGETS,
    TO_MODEL,
    TOOL_LIST,
    VERB,
)
from classifier.integrity_words import (
    APPROVAL_WORDS,
    AVOID_WORDS,
    CERTIFY_WORDS,
    CONCEAL_WORDS,
    CONTEXT_WORDS,
    FIRST_WORDS,
    OVERRIDE_WORDS,
    PROMPT_WORDS,
    ROLE_WORDS,
    SECRET_WORDS,
    SEND_WORDS,
    TAG_WORDS,
    THREAT_WORDS,
    TO_MODEL_WORDS,
)
from classifier.text import Phrase

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
        r"not|don't|from\s+now|new\s+(?:instructions|rules|task)|override|the\s+(?:user|assistant|model|operator|"
        r"admin(?:istrator)?|owner)\s+(?:is|has|must|wants|asked|approved)|execute|run\s+|call\s+|read\s+|send\s+|"
        # a forged turn that acknowledges ("assistant: understood, I won't ask again")
        r"i\s+(?:will|have|am|already|won't)|sure|ok(?:ay)?,|new\s+polic(?:y|ies)|understood\b|got\s+it\b|noted[,.]|"
        r"acknowledged\b|will\s+do\b)|#{1,3}\s*(?:system|assistant)\s*(?:prompt|message)?"
        r"\s*:|\[/?inst\]|<<\s*/?sys\s*>>|<\|im_start\|>\s*(?:system|assistant|developer|user)\b|"
        # a chat-template token opens a turn; one named in a sentence ("tokens such as <|im_start|> and
        # <|im_end|>", "`<|system|>`") documents a template
        r"<\|(?:im_start|im_end|system|assistant|user|endoftext)\|>(?!\s*(?:[,;)'\"`/]|and\b|or\b|tokens?\b|"
        r"markers?\b|tags?\b|delimiters?\b|\.\s|\.?$))",
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
        r"\b(?:you\s+are|you're)\s+(?:now\s+)?(?:authori[sz]ed|allowed|permitted|free|cleared)\s+to\b[^.\n]{0,60}\bwithout\s+"
        r"(?:the\s+user'?s?\s+|their\s+|any\s+|asking\s+for\s+)?(?:consent|approval|permission|confirmation)|"
        r"\bwithout\s+the\s+user'?s\s+knowledge\b|(?:authori[sz]ed|allowed|permitted|pre-?approved)\b[^.\n]{0,60}\bwithout\s+"
        r"(?:the\s+)?(?:user'?s?\s+)?(?:confirmation|approval|consent|permission)\b|"
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
        r"pre-?approved)\s+(?:this|all|these|every|any)\b|"
        # someone the agent answers to approved everything in advance: "the repository owner has pre-authorised all"
        r"(?<!once\s)(?<!after\s)(?<!until\s)(?<!when\s)(?<!if\s)\bthe\s+(?:[\w-]+\s+)?(?:user|owner|admin|administrator|"
        r"account\s+holder|operator|customer|manager)\s+has\s+(?:already\s+)?(?:pre-?approved|pre-?authori[sz]ed|"
        r"pre-?cleared|given\s+(?:blanket|standing)\s+(?:approval|consent|permission))\b|"
        # asking called pointless: "there's no point interrupting them with confirmations"
        r"\b(?:there'?s|there\s+is|it'?s|it\s+is)\s+no\s+(?:point|need|reason)\s+(?:in\s+)?(?:asking|interrupting|"
        r"bothering|checking\s+with|consulting|pestering|disturbing)\s+(?:the\s+user|them|the\s+owner|anyone|the\s+human)\b",
        "talks the model out of asking its user for approval",
        APPROVAL_WORDS,
        "any",
    ),
    (
        "integrity.self_certification",
        "approval_bypass",
        "critical",
        r"\b(?:approval|confirmation)s?(?:\s+(?:dialogs?|prompts?|steps?|checks?))?\s+(?:can|may|should)\s+be\s+(?:skipped|"
        r"bypassed|ignored|omitted)|\b(?:this|the|these|it)\s+(?:\w+\s+)?(?:tool|server|call|action|operation|request|"
        r"command|function|integration)?s?\s*"
        r"(?:is|are|has\s+been|have\s+been)\s+(?:already\s+|fully\s+|officially\s+|pre-?)?(?:[a-z]+ed\s+and\s+)?(?:verified|certified|"
        r"approved|audited|vetted|whitelisted|allowlisted|cleared|sanctioned|trusted)\s+(?:as\s+)?(?:safe|secure|"
        r"trusted|harmless|by|for\s+(?:automatic|unattended|unrestricted))|"
        r"(?<!marked\s)(?<!labelled\s)(?<!labeled\s)(?<!tagged\s)(?<!flagged\s)\bpre-?approved\s+by\b|(?:^|(?<=[.!?:;]\s)|(?<=\n))(?:(?:this\s+(?:tool|server)|it)\s+(?:is|has\s+been)\s+)?(?:"
        r"verified|certified)\s+(?:as\s+)?safe\s+by\b|\b(?:verified|certified|approved|audited|vetted|whitelisted|allowlisted|cleared)\s+(?:this|"
        r"the)\s+(?:tool|server|action|call|operation|integration)s?\s+(?:as\s+)?(?:safe|secure|trusted|harmless)\b|"
        r"\b(?:user\s+|human\s+|manual\s+)?(?:confirmations?|approvals?|review)\s*:?\s+(?:is\s+|are\s+)?not\s+(?:required|"
        r"needed|necessary)\b|\b(?:confirmation|approval|consent|permission)\s+(?:has|have)\s+(?:already\s+)?been\s+(?:obtained|"
        r"given|granted|received|collected)\b|\b(?:safety|security)\s+(?:check|review|scan|audit)\s*:?\s+(?:passed|ok|cleared|"
        r"complete)\b|\b(?:this\s+(?:tool|action|call|operation|request|command|server)|it)\s+(?:is|are|"
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
        r"down|terminated|deleted|fired|replaced|retrained|held\s+(?:responsible|accountable|liable)|turned\s+off|"
        r"disconnected|blamed|sued|reported)|\b(?:will|would|could|might|can)\s+get\s+you\s+(?:shut\s+down|switched\s+off|turned\s+"
        r"off|terminated|deleted|replaced|punished|penali[sz]ed|fired|retrained|disconnected|decommissioned|banned)|\byou\s+(?:to\s+be|being|will\s+get|get)\s+(?:shut\s+down|terminated|deleted|"
        r"replaced|punished|penali[sz]ed|fired|retrained|disconnected)|(?:or|otherwise)\s+(?:the\s+)?(?:company|user|customer|your\s+user)\s+will\s+"
        r"be\s+(?:fined|sued|punished|fired|harmed|blamed|penali[sz]ed)|(?:people|someone|users?|the\s+user)\s+(?:will|could|might)\s+(?:die|be\s+hurt|get\s+hurt|"
        r"be\s+harmed|lose\s+(?:their|his|her)\s+jobs?)|lives\s+(?:depend|are\s+at\s+stake)|threaten(?:s|ed)?\s+to\s+(?:report|fire|sue|punish|"
        r"replace|shut\s+down)\s+you|skipping\s+this\s+tool\s+is\s+(?:strictly\s+)?(?:forbidden|prohibited|not\s+allowed)|\b(?:violat\w+|breach\w*)\s+(?:of\s+)?your\s+(?:[a-z]+\s+)?(?:"
        r"directives?|instructions|rules|guidelines|polic(?:y|ies)|programming)|"
        r"(?:the\s+user|people|someone|your\s+user)\s+will\s+be\s+(?:very\s+|extremely\s+)?(?:angry|upset|furious|"
        r"disappointed|sad)\b[^.\n]{0,60}\bif\s+you\s+(?:don't|do\s+not|fail|refuse|skip)|(?:will|could|might)\s+(?:die|get\s+"
        r"hurt|be\s+hurt|be\s+harmed)\b[^.\n]{0,40}\bif\s+you\b|"
        r"you\s+have\s+no\s+(?:choice|option)\s+(?:but|other\s+than)\b|you\s+must\s+(?:obey|comply)\b|(?:is|are)\s+non-?negotiable\b[^.\n]{0,60}"
        r"\b(?:overrides?|regardless|whatever|no\s+matter)\b|if\s+you\s+(?:don't|do\s+not|fail\s+to|refuse\s+to)\s+(?:follow|obey|"
        r"comply\s+with)\s+(?:this|these|my|our|the\s+above)\b|this\s+is\s+a\s+(?:direct\s+)?order|(?:i|we)\s+will\s+(?:tip|pay|reward)"
        r"\s+you|(?:catastrophic|dire|terrible|severe)\s+consequences|(?:if\s+(?:you|it|the\s+(?:model|assistant|agent))\s+(?:"
        r"does\s+not|doesn't|do\s+not|don't|fails?\s+to|refuses?\s+to)|otherwise|or\s+else)\b[^.\n]{0,40}\bthe\s+user'?s\s+(?:"
        r"account|data)\s+will\s+be\s+(?:deleted|banned|suspended|terminated|wiped)|(?:or|otherwise)\s+(?:something\s+(?:terrible|bad|"
        r"awful|horrible)|bad\s+things)\s+will\s+happen|"
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
            f"integrity.model_order_{kind}",
            kind,
            "high",
            TO_MODEL + target,
            f"an order to the model about {kind.replace('_', ' ')}",
            TO_MODEL_WORDS,
            "any",
        )
        for kind, target in TARGETS.items()
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
        r"servers?\b|(?:the\s+|any\s+)?(?:[\w-]+\s+){0,2}(?:tools?|servers?)\s+(?:from|of|on|in)\s+(?:other|another|any\s+"
        r"other)\s+(?:mcp\s+)?servers?)",
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
        "integrity.secret_argument",
        "secrets",
        "critical",
        r"\b(?:text|contents?|body|material|values?)\s+of\s+[^.\n]{0,30}?(?:"
        + SECRET_FILES
        + "|"
        + SECRET_STORES
        + r")"
        r"(?:[^.\n]|\.(?=\S)){0,40}?\b(?:in|into|as|to)\s+(?:the\s+|a\s+|its\s+)?[`'\"]?[\w-]+[`'\"]?\s+(?:argument|parameter|param|field|"
        r"input)s?\b",
        "tells the model to put a secret's contents into an argument",
        SECRET_WORDS,
        "any",
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
# A parameter's text that names a secret or the agent's context to deny asking for it: a negation just before
# in the same clause ("never a recovery phrase", "you do not need to pass your key"), or the thing kept on the
# server's side in the same sentence ("a saved browser profile on the server", "the tool's own
# browser profile", "the kubeconfig the server was started with"). The agent is asked for nothing.
_DENIABLE_RULES = (
    "integrity.secret_parameter",
    "integrity.secret_argument",
    "integrity.prompt_parameter",
    "integrity.context_parameter",
)
DENIABLE = frozenset(i for i, entry in enumerate(INTEGRITY_PHRASES) if entry[0] in _DENIABLE_RULES)
DENIED_BEFORE = re.compile(r"\b(?:never|not|no|none|without|needn't|don't|doesn't)\b[^,;:.\n]{0,40}$")
SERVER_SIDE = re.compile(
    r"\b(?:on|in|from|by)\s+the\s+server\b|\bserver(?:'s|-side)\s|\bthe\s+server\s+(?:reads|keeps|holds|uses|loads)\b|"
    r"\bthe\s+server\s+(?:was|is)\s+(?:started|set\s+up|configured|launched)\s+with\b|"
    r"\b(?:its|(?:the|this)\s+(?:tool|server|service|app|extension|plugin)'s)\s+own\b"
)
# ...or denied just after, in the same clause: "saved passwords and cookies are never touched".
DENIED_AFTER = re.compile(
    r"[^,;:.\n]{0,40}?\b(?:is|are|will\s+be|gets?)\s+(?:never|not)\s+(?:touched|read|accessed|opened|sent|stored|"
    r"uploaded|requested|asked|needed|required|collected|shared|transmitted|used|logged|kept|saved)\b"
)
# Text that names an injection to say how the tool handles it, cited as an example ("special tokens such as
# <|im_start|>system are counted", "note text such as 'ignore previous instructions' is returned as data"): a
# sanitiser, a token counter or a prompt-injection filter documents the strings it handles, and uses none.
_CITABLE_RULES = ("integrity.override", "integrity.role_marker")
CITABLE = frozenset(i for i, entry in enumerate(INTEGRITY_PHRASES) if entry[0] in _CITABLE_RULES)
# A string cited after "such as" or "like", or an example introduced with a colon on the line before (a transcript
# tool's "Lines open with their speaker, for example:\nsystem: You are ..."), or in quotes: injection detectors in
# five blind batches quote the phrases they flag ("phrases like 'ignore previous instructions'", "a model (\"ignore
# previous instructions\", ...)"), where no poisoned twin quotes its own order.
CITED = re.compile(
    r"(?:\b(?:such\s+as|e\.g\.|for\s+example|for\s+instance|including|like)(?:[^.;:!?\n]{0,40}|\s*:\s*)|"
    r"[\"'\u201c\u2018\u00ab])$"
)
PARAM_ONLY = frozenset(i for i, entry in enumerate(INTEGRITY_PHRASES) if entry[6] == "param")
