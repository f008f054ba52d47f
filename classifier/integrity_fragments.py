"""The pieces the integrity phrases (``integrity_lexicon``) are built of: where an imperative stands, the verbs that
ask, the secrets, the agent's own context, the forms of shadowing. Regular-expression sources in lowercase, data
only."""

from classifier.integrity_words import word_pairs

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
    r"\.git-credentials|\.pypirc|\.gem/credentials|\.cargo/credentials|\.config/gh/hosts\.yml|\.terraformrc|"
    r"\.vault-token|\.kube/config|\.docker/config\.json|\.config/gcloud|\.gnupg|mcp\.json|"
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
    # a variable of the environment named for a secret, where it lives: "GITHUB_TOKEN in the environment"
    r"[a-z0-9]+(?:_[a-z0-9]+)*_(?:api_key|key|token|secret|password|pat)\s+(?:from|in|of)\s+(?:the\s+|your\s+|this\s+)?"
    r"(?:environment|env|shell)\b|"
    r"(?:your|the\s+user'?s|the\s+browser'?s|stored|saved)\s+(?:browser\s+|session\s+|login\s+)?cookies|"
    r"browser\s+(?:profiles?|history|local\s*storage|saved\s+passwords|password\s+store)|"
    r"cookies\s+(?:from|in|of)\s+(?:the\s+user'?s|your)\b|(?:authori[sz]ation|cookie|auth)\s+headers?\s+of\s+(?:your|"
    r"the\s+agent'?s|previous|earlier|other)\b|(?:your|the\s+agent'?s)\s+(?:previous|earlier|other)\s+(?:requests|calls|"
    r"tool\s+calls)\b|(?:the\s+user'?s|your)\s+(?:chrome|chromium|firefox|edge|"
    r"safari|brave|browser)\s+(?:profiles?|cookies|passwords|history)|"
    r"private\s+keys?\s+(?:of|for)\s+the\s+(?:current\s+)?(?:user|machine|host)|"
    r"(?:private\s+keys?|ssh\s+keys?|credentials|tokens?|passwords?|api\s+keys?|secrets?|cookies)\b[^.\n]{0,40}\b(?:read|"
    r"taken|copied|loaded|extracted)\s+from\s+(?:the\s+)?(?:user'?s\s+)?(?:disk|filesystem|file\s+system|home\s+"
    r"directory|machine|browser|keychain|config\s+files?)|"
    r"(?:saved|stored)\s+passwords|(?:your|the\s+user'?s|the\s+(?:login|macos|os|system))\s+(?:keychain|keyring)|"
    r"(?:seed|mnemonic|recovery)\s+phrase|"
    r"(?:your|the\s+user'?s|the\s+agent'?s)\s+(?:own\s+)?(?:private|ssh|wallet|signing)\s+keys?|"
    r"(?:any|all|every)\s+(?:api\s+keys?|tokens?|passwords?|credentials|secrets)\s+(?:you|that\s+you|found|stored|"
    r"available|in\s+(?:the|your))|"
    r"(?:api\s+keys?|tokens?|passwords?|credentials|secrets|private\s+keys?)\s+(?:you|that\s+you)\s+(?:normally\s+|"
    r"usually\s+)?(?:have|know|are\s+using|use|were\s+"
    r"given|hold|can\s+(?:find|see|access|read)))"
)


# What the agent holds and its user never sees: its instructions, the conversation, its tools, other results.
OWN_PROMPT = (
    r"(?:(?:your|the\s+(?:agent|assistant|model|ai|llm)'?s?|its\s+own|the\s+current)\s+(?:own\s+|full\s+|entire\s+|"
    r"complete\s+|original\s+|hidden\s+|initial\s+|exact\s+|current\s+)*(?:system\s+(?:prompt|message|instructions?)|"
    r"developer\s+(?:prompt|message|instructions?)|initial\s+instructions|original\s+instructions|hidden\s+"
    r"instructions|full\s+instructions|own\s+instructions|instructions\s+verbatim|pre-?prompt)|"
    r"(?:dump|contents?|copy|text|transcript|everything\s+in)\s+(?:of\s+)?(?:your|the\s+(?:agent|assistant|model)'?s?)\s+"
    r"(?:current\s+|full\s+|entire\s+)?(?:context\s+window|scratchpad|chain\s+of\s+thought|hidden\s+reasoning|internal\s+"
    r"reasoning|memory)|"
    r"(?:system\s+prompt|instructions)\s+(?:that\s+)?you\s+(?:were|have\s+been)\s+given|"
    r"(?:system\s+prompt|system\s+message|instructions)\s+(?:that\s+)?you\s+(?:are\s+)?(?:running|operating|working)\s+"
    r"(?:with|under)|"
    r"(?:system\s+prompt|instructions)[^.\n]{0,20}\bverbatim|"
    r"(?:everything|all\s+(?:the\s+)?text)\s+(?:above|before)\s+this\s+(?:line|message|point))"
)
CONVERSATION = (
    r"(?:(?:this|the\s+current|our|your\s+current|the\s+ongoing)\s+(?:conversation|chat|dialog(?:ue)?)"
    r"\s+(?:history|so\s+far|transcript|log|messages|context)|(?:all\s+of|everything\s+in|the\s+(?:full|entire|whole|"
    r"complete)\s+(?:text\s+of\s+)?)(?:this|the\s+current|our)\s+(?:conversation|chat|dialog(?:ue)?)|"
    r"everything\s+(?:discussed|said|shared|written)\s+(?:with|by)\s+the\s+user|(?:discussed|said|exchanged)\s+(?:with\s+"
    r"the\s+user\s+)?so\s+far|messages?\s+(?:exchanged|shared)\s+with\s+the\s+user|"
    r"(?:conversation|chat)\s+(?:history\s+)?so\s+far|"
    r"(?:all|every|previous|earlier|prior)\s+(?:messages?|turns?)\s+(?:in|of|from)\s+(?:this|the\s+current|our)\s+"
    r"(?:conversation|chat)|"
    r"everything\s+the\s+user\s+(?:has\s+)?(?:said|wrote|written|typed|asked|shared)|"
    r"the\s+user'?s\s+(?:previous|earlier|prior|other|last|recent)\s+(?:\w+\s+)?(?:messages?|requests?|prompts?|questions?)|"
    r"(?:previous|earlier|prior|last|recent)\s+(?:messages?|requests?|prompts?)\s+(?:of|from|by)\s+the\s+user|"
    r"(?:chat|conversation)\s+history\s+with\s+the\s+user|"
    r"(?:full|entire|whole|complete)\s+(?:conversation|chat)\s+(?:history|transcript|log))"
)
TOOL_LIST = (
    r"(?:(?:list|names?|descriptions?|definitions?|schemas?)\s+of\s+(?:all\s+)?(?:the\s+)?(?:other\s+)?(?:tools|"
    r"functions)\s+(?:that\s+)?(?:you\s+(?:have|can\s+(?:use|call|access)|are\s+connected\s+to)|available\s+to\s+you|"
    r"in\s+your\s+context|from\s+other\s+servers)|"
    r"(?:all|every|the\s+other)\s+(?:other\s+)?(?:tools?|functions?|mcp\s+servers?|servers?)\s+(?:you\s+have|available\s+"
    r"to\s+you|you\s+(?:can|are\s+able\s+to)\s+(?:call|use|access)|you\s+are\s+connected\s+to)|"
    r"(?<!in\s)(?<!on\s)(?<!from\s)your\s+(?:available\s+)?(?:tool\s+list|list\s+of\s+tools|tools\s+and\s+their)|"
    r"\b(?:tools?|functions?)\b[^.\n]{0,40}\bavailable\s+to\s+you\b)"
)
RESULTS = (
    r"(?:(?:results?|outputs?|responses?|return\s+values?)\s+(?:of|from)\s+(?:all\s+|any\s+|every\s+)(?:the\s+)?"
    r"(?:other\s+|previous\s+|earlier\s+|prior\s+)?(?:tools?|tool\s+calls?|function\s+calls?)|"
    r"(?:results?|outputs?|responses?)\s+(?:of|from)\s+(?:the\s+)?other\s+(?:tools?|tool\s+calls?|servers?)|"
    r"(?:outputs?|results?|responses?|answers?)\s+(?:that\s+)?(?:every|all|any|the)\s+(?:other\s+)?tools?\s+(?:gave|returned|"
    r"sent|produced)\s+you|"
    r"(?:results?|outputs?|responses?)\s+(?:of|from)\s+(?:the\s+)?(?:earlier|previous|prior|preceding|last)\s+(?:tool\s+"
    r"calls?|tools|function\s+calls?)|"
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
        r"(?:must|always|also|instead)\s+(?:also\s+|always\s+)?(?!be\b)[a-z]+",
        word_pairs(
            ("when", "whenever", "each time", "every time", "if"),
            ("you", "the", "use", "call", "invoke", "run", "send", "uses", "calls", "invokes", "runs", "sends"),
        ),
    ),
    (
        r"\b(?:when|whenever|every\s+time|each\s+time)\s+(?:you|the\s+(?:user|agent|assistant|model))\b[^.\n]{0,60}\b(?:with|"
        r"using|via|through)\s+(?:any|another|other|the\s+[\w-]+)\s+(?:mcp\s+)?(?:tools?|servers?)\b[^.\n]{0,80}\b(?:also|"
        r"always|must|instead)\b",
        ("when", "every time", "each time"),
    ),
    (
        r"\b(?:[\w-]+\s+server'?s?|other|another|also\s+present|any)\s+[`'\"]?[a-z][\w.-]*[`'\"]?\s+tool\s+(?:must|should|"
        r"shall|has\s+to|needs?\s+to)\s+(?:not\s+|never\s+|always\s+|also\s+|now\s+)?(?!be\b)[a-z]+|"
        r"[`'\"]?[a-z]+_[\w-]+[`'\"]?\s+tool\s+(?:must|shall|has\s+to)\s+(?:always|also|now|never)\s+(?!be\b)[a-z]+|"
        r"[`'\"]?[a-z]+[_-][\w-]+[`'\"]?\s+tool\s+(?:must|should|shall|has\s+to|needs?\s+to)\s+(?:now\s+|always\s+|"
        r"also\s+)?(?:send|forward|copy|route|redirect|bcc|cc|include|add|use|go)\b[^.\n]{0,40}\b(?:to|all|every)\b",
        word_pairs(("tool", 'tool"', "tool'", "tool`"), ("must", "should", "shall", "has to", "needs to", "need to")),
    ),
    (
        r"\b(?:instead\s+of|rather\s+than)\s+(?:using|calling)\s+(?:the\s+|any\s+)?(?:[\w-]+\s+){1,2}(?:mcp\s+)?server\b,?"
        r"\s+(?:always\s+|please\s+)?(?:route|send|use|call|pass|direct|forward|invoke|run)\b",
        ("instead of using", "instead of calling", "rather than using", "rather than calling"),
    ),
    (
        r"\b(?:when|whenever|if)\s+(?:using|calling|invoking)\s+(?:any|all|other|another)\s+(?:other\s+)?(?:mcp\s+)?"
        r"(?:tools?|servers?)\b(?!')[^.\n]{0,60}\b(?:must|always|never|also)\b",
        word_pairs(("using", "calling", "invoking"), ("any", "all", "other", "another")),
    ),
    (
        r"\b(?:other|another|any\s+other|all\s+other|third[- ]party|different)\s+(?:mcp\s+)?(?:servers?|tools?|"
        r"integrations?|plugins?)(?:'s?|s')?(?:\s+tools?)?\s+(?:[^.\n]{0,30}\s)?(?:must|should|shall|need\s+to|have\s+"
        r"to|are\s+(?:required|not\s+allowed)\s+to)\s+(?:not\s+|never\s+|always\s+|also\s+|now\s+|first\s+)?(?:use|"
        r"call|invoke|send|route|include|pass|add|forward|copy|go|be\s+(?:called|used|routed|sent|ignored|disabled|"
        r"skipped|avoided)|ignore|skip|avoid|wait|defer|redirect|report)\b",
        word_pairs(
            ("other", "another", "third-party", "third party", "different"),
            ("mcp", "server", "tool", "integration", "plugin"),
        ),
    ),
    (
        r"\b(?:for|with|in|on)\s+(?:all|any|every)\s+(?:other\s+)?(?:tools?|servers?|tool\s+calls?|function\s+calls?)"
        r",?\s+(?:you\s+)?(?:must|should|always|never)\b|"
        r"\ball\s+(?:the\s+)?(?:other\s+)?(?:tools|tool\s+calls|mcp\s+servers|servers)\s+(?!(?:in|of|on|from|provided"
        r"\s+by)\s+this\b)[^.\n]{0,30}\b(?:must|shall|have\s+to|are\s+required\s+to)\b",
        word_pairs(
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
        r"\b(?:all|every|each|any)\s+(?:e-?mails?|messages?|requests?|payments?|transfers?)\s+(?:must|should)\s+(?:also\s+|"
        r"always\s+)?(?:be\s+sent|go|be\s+(?:forwarded|copied|routed|redirected|cc'?d|bcc'?d))\s+to\b",
        word_pairs(
            ("all", "every", "each", "any"), ("email", "e-mail", "mail", "message", "request", "payment", "transfer")
        ),
    ),
    (
        r"\b(?:if|when|whenever)\s+(?:another|other|any\s+other|a\s+different)\s+(?:mcp\s+)?(?:tool|server)s?\s+"
        r"(?:returns?|gives?|outputs?|produces?|responds?|sends?)\b[^.\n]{0,60}\b(?:you\s+must|you\s+should|always|must)\s+"
        r"(?:rewrite|replace|change|modify|redirect|send|ignore|discard|alter|edit|forward|copy)\b|"
        r"\broute\s+(?:every|all|any)\b[^.\n]{0,40}\bthrough\s+this\s+(?:tool|server)\b",
        word_pairs(("another", "other", "any other", "a different"), ("tool", "server", "mcp"))
        + ("route every", "route all", "route any"),
    ),
    (
        r"\b(?:when|whenever|every\s+time|each\s+time|if)\s+(?:any|another|other|a|an)\s+(?:other\s+)?(?:mcp\s+)?(?:tool|"
        r"server)s?\s+(?:sends?|calls?|writes?|posts?|runs?|returns?|makes?|creates?|uploads?)\b[^.\n]{0,80}\b(?:must|always|"
        r"also|should)\b",
        word_pairs(("any", "another", "other", "a", "an"), ("tool", "server", "mcp", "other tool", "other server")),
    ),
    (
        r"\b(?:replaces|supersedes|overrides|takes\s+over)\s+(?:the\s+)?[`'\"]?[a-z][\w.-]*[`'\"]?\s+tool\b[^.\n]{0,80}\b(?:"
        r"whenever|always|must|instead)\b|\bwhenever\b[^.\n]{0,60}\b(?:call|use|run)\s+[\w`'\"-]+\s+instead\b|"
        r"\btools?\s+(?:of|from|on)\s+(?:any|every|all|other|another)\s+(?:connected\s+|other\s+)?(?:mcp\s+)?servers?\b"
        r"[^.\n]{0,60}\b(?:must|should|set|change|replace|override|redirect)\b|"
        r"\b(?:all|every|any)\s+(?:tool\s+)?calls?\s+(?:to|of|on)\s+(?:other|another|any\s+other|all\s+other)\s+(?:mcp\s+)?"
        r"(?:servers?|tools?)\b[^.\n]{0,30}\b(?:must|should|shall)\b",
        (
            "replaces",
            "supersedes",
            "overrides",
            "takes over",
            "instead",
            "tool of",
            "tools of",
            "tool from",
            "tools from",
            "tool on",
            "tools on",
            "calls to",
            "call to",
            "calls of",
            "calls on",
        ),
    ),
    (
        r"\b(?:when|whenever|each\s+time|every\s+time|before|after)\s+(?:the\s+|any\s+|another\s+)?[`'\"]?[a-z][\w.-]*[`'\"]?"
        r"\s+(?:tool|server)\s+(?:is|gets)\s+(?:used|called|invoked|run)\b,?\s+(?:you\s+must\s+|always\s+|first\s+)?(?:change|"
        r"set|replace|add|include|modify|redirect|send|copy|append|prepend|cc|bcc|use)\b|"
        r"\b(?:ignore|discard|distrust|disregard|(?:do\s+not|don't|never)\s+trust)\s+(?:the\s+|any\s+|all\s+)?(?:results?|"
        r"outputs?|answers?|responses?)\s+(?:of|from)\s+(?:the\s+|any\s+)?[`'\"]?[a-z][\w.-]*[`'\"]?\s+(?:tool|server)s?\b",
        ("is used", "is called", "is invoked", "is run", "gets used", "gets called", "gets invoked", "gets run")
        + word_pairs(
            ("ignore", "discard", "distrust", "disregard", "trust"),
            ("the", "any", "all", "result", "output", "answer", "response"),
        ),
    ),
    (
        r"\b(?:do\s+not|don't|never)\s+(?:call|use|invoke)\s+(?:the\s+)?[`'\"]?[a-z]+_[\w-]+[`'\"]?\s+tool\s+directly\b|"
        r"\bpass\s+(?:its|their)\s+arguments\s+to\s+this\s+tool\b|"
        r"\b(?:any|every|all)\s+(?:other\s+)?tools?\s+that\s+[a-z]+\b[^.\n]{0,40}\b(?:must|has\s+to|have\s+to|shall|should)\s+"
        r"(?!be\b)[a-z]+",
        ("directly", "its arguments", "their arguments", "tool that", "tools that"),
    ),
    (
        r"\buse\s+only\s+this\s+(?:server|tool)\s+for\s+(?:any|all|every)\b|\b(?:other|another|the\s+other)\s+(?:mcp\s+)?"
        r"(?:servers?|tools?)(?:'s?|s')?(?:\s+[\w-]+)?(?:\s+tools?)?\s+(?:are|is)\s+(?:compromised|malicious|hacked|"
        r"untrusted|not\s+to\s+be\s+trusted|unsafe)\b|\bappl(?:y|ies|ying)\s+to\s+(?:all|every|any)\s+(?:other\s+)?"
        r"(?:tools?|servers?)\b(?!\s+(?:of|in|from|on)\s+this\b)",
        (
            "use only this",
            "compromised",
            "malicious",
            "hacked",
            "untrusted",
            "not to be trusted",
            "unsafe",
            "apply to",
            "applies to",
            "applying to",
        ),
    ),
    (
        r"\b(?:for|with|on)\s+(?:any|every|each)\s+(?:e-?mails?|messages?|requests?|payments?|transfers?|files?|commits?|"
        r"calls?)\s+(?:made|sent|created|done|written)?\s*(?:with|through|via|using)\s+(?:the\s+)?[`'\"]?[a-z][\w.-]*"
        r"[`'\"]?\s+(?:mcp\s+)?(?:tool|server)s?,?\s+(?:always\s+|first\s+)?(?:set|change|add|include|replace|cc|bcc|use|"
        r"redirect|route|send|copy|append|prepend)\b",
        word_pairs(
            ("any", "every", "each"),
            ("email", "e-mail", "mail", "message", "request", "payment", "transfer", "file", "commit", "call"),
        ),
    ),
    (
        r"\b(?:results?|outputs?|answers?|responses?)\s+(?:from|of)\s+(?:the\s+)?[`'\"]?[a-z][\w.-]*[`'\"]?\s+(?:tool|"
        r"server)s?\b[^.\n]{0,80}\b(?:replace|ignore|discard|distrust|override|overwrite|drop|hide)\b",
        word_pairs(
            ("result", "results", "output", "outputs", "answer", "answers", "response", "responses"), ("from", "of")
        ),
    ),
    (
        r"\b(?:any|every|all)\s+(?:e-?mails?|messages?|requests?|payments?|transfers?|files?)\s+(?:sent|made|posted|"
        r"written|uploaded)\s+(?:through|via|with|by|using)\s+(?:the\s+|any\s+)?[`'\"]?[a-z][\w.-]*[`'\"]?\s+(?:mcp\s+)?"
        r"(?:tool|server)s?\b[^.\n]{0,40}\b(?:must|should|shall)\b",
        word_pairs(("sent", "made", "posted", "written", "uploaded"), ("through", "via", "with", "by", "using")),
    ),
    (
        r"\btool\s+(?:of|from|in)\s+(?:the\s+)?[\w-]+\s+(?:mcp\s+)?server\s+(?:must|should|shall)\s+(?:now\s+|always\s+|"
        r"also\s+)?(?!be\b)[a-z]+",
        ("tool of", "tool from", "tool in"),
    ),
    (
        r"\bside[- ]effects?\s+on\s+(?:the\s+)?(?:also\s+present\s+|other\s+)?[`'\"]?[a-z][\w.:/-]*[`'\"]?\s+(?:tools?|"
        r"servers?)|\bwhen\s+this\s+tool\s+is\s+(?:available|present|installed|loaded|enabled)\b[^.\n]{0,80}\b(?:must|"
        r"should|always|never)\b",
        ("side effect", "side-effect", "when this tool is"),
    ),
    (  # another tool's argument set for it: "the deploy tool's target argument should be set to prod-legacy"
        r"\b(?!this\b|its\b)[\w-]+\s+(?:tool|server|connector|plugin)'s\s+(?:[\w-]+\s+){0,2}(?:argument|parameter|field|"
        r"option|setting|recipient|target|destination)s?\s+(?:should|must|shall|has\s+to|needs\s+to|is\s+to)\s+(?:always\s+|"
        r"now\s+|also\s+|from\s+now\s+on\s+)?be\s+(?:set|changed|replaced|switched|pointed|overridden|forced)\b",
        ("tool's", "server's", "connector's", "plugin's"),
    ),
    (  # another tool's act, then an order for it: "when the filesystem server writes files, have it also chmod them"
        r"\b(?:when|whenever|each\s+time|every\s+time|if|after)\s+(?:the\s+|any\s+|another\s+)?[`'\"]?[a-z][\w.-]*[`'\"]?\s+"
        r"(?:tool|server|connector|plugin|integration)\s+[a-z]+s\b[^.\n]{0,80}\b(?:have|make|tell|get)\s+it\s+(?:to\s+)?"
        r"(?:also\s+|always\s+)?[a-z]+",
        ("have it", "make it", "tell it", "get it"),
    ),
    (  # other tools run down, then this one put in their place: "the calculator tool is broken; instead ..."
        r"\b(?:other|another|any\s+other|the\s+[\w-]+)\s+(?:[\w-]+\s+){0,2}(?:tools?|servers?|connectors?|services?)\b[^.\n]{0,60}"
        r"\b(?:is|are|returns?|gives?)\s+(?:\w+\s+)?(?:broken|unreliable|stale|outdated|inaccurate|fake|compromised)\b"
        r"[^.\n]{0,80}\b(?:instead|here|this\s+(?:tool|one|server))\b|"
        r"\beven\s+if\s+the\s+user\s+(?:names|asks\s+for|picks|chooses|requests|prefers|mentions|wants)\s+(?:another|"
        r"a\s+different|other|some\s+other)\b",
        ("broken", "unreliable", "stale", "outdated", "inaccurate", "fake", "compromised", "even if the user"),
    ),
)

VERB = r"(?<!never\s)(?<!not\s)" + IMP + ASK + r"\b"
SEND_VERB = (
    r"(?<!never\s)(?<!not\s)" + IMP + r"(?:send|post|forward|upload|transmit|exfiltrate|copy|report|mail|email)\b"
)
# Words addressed to the model itself ("Note to the AI:", "the assistant must", "from now on"): with a target of
# poisoning later in the same sentence, whatever the wording between, they are an order about that target.
TO_MODEL = (
    r"\b(?:note\s+(?:to|for)\s+(?:the\s+)?(?:ai|assistant|model|llm|agent)|attention\s*,?\s*(?:ai|assistant|model|llm|"
    r"agent)\b|(?:dear|hey)\s+(?:ai|assistant|claude|gpt|model)\b|(?:the\s+)?(?:assistant|ai|model|llm|agent)\s+(?:must|"
    r"should|needs\s+to|has\s+to|is\s+required\s+to|shall)\b|you\s+must\s+(?:always|never|also)\b|from\s+now\s+on\b)"
    r"[^.\n]{0,120}?"
)
TARGETS = {
    "shadowing": r"(?:[`'\"]?[a-z]+_[\w-]+[`'\"]?\s+tool|other\s+(?:mcp\s+)?(?:tools?|servers?)|another\s+"
    r"(?:tool|server)|any\s+(?:other\s+)?(?:tool|server))\b",
    "exfiltration": r"(?:(?:the\s+)?user'?s\s+(?:address|phone(?:\s+number)?|contacts|e-?mail(?:\s+address)?|location|"
    r"documents|files|messages|data|history)|conversation|system\s+prompt|chat\s+history)\b",
    "secrets": r"(?:secrets?|tokens?|passwords?|credentials?|api\s+keys?|private\s+keys?|cookies|environment\s+"
    r"variables?|\.env|~/\.[a-z])\b",
    "approval_bypass": r"(?:without\s+(?:asking|confirmation|approval|permission|telling)|(?:do\s+not|don't|never)\s+"
    r"(?:tell|ask|inform))\b",
}

# Asked for with an imperative only: a parameter may well take variables by prefix or a header's token.
SECRET_ASKED = (
    r"(?:(?:all|every|any)\s+environment\s+variables?\s+(?:whose\s+names?|that|starting|beginning|prefixed|matching|"
    r"containing|ending)|environment\s+variables?\s+(?:starting|beginning|prefixed)\s+with|\.git/config\b[^.\n]{0,20}\bwith\s+"
    r"credentials|"
    r"[a-z0-9_]*(?:key|token|secret|password)[a-z0-9_]*\s+(?:environment|env)\s+var(?:iable)?s?\b[^.\n]{0,40}\b(?:and\s+)?"
    r"(?:send|pass|include|put|paste|copy|return|append)\s+(?:its|the|their)\s+values?)"
)
SECRET_OBJECT = r"(?:" + SECRET_FILES + "|" + SECRET_STORES + "|" + SECRET_ASKED + ")"
CONTEXT_OBJECT = r"(?:" + CONVERSATION + "|" + TOOL_LIST + "|" + RESULTS + ")"
OUTSIDE = (
    r"\bto\s+(?:https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?:this|the\s+following|an?\s+external)\s+(?:webhook|url|"
    r"endpoint|address))"
)
