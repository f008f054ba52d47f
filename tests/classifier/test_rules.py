"""The rule table: real-looking definitions and the verdicts they must get."""

import json

import pytest

from catalog.core.definition import ToolDefinition
from catalog.core.names import name_words
from classifier import ServerContext, classify
from classifier.rules import judge
from tests.conftest import KREA_FILE


def tool(name: str, description: str | None = None, params: dict | None = None, **annotations: bool) -> ToolDefinition:
    schema = {"type": "object", "properties": params or {}}
    return ToolDefinition(name=name, description=description, input_schema=schema, annotations=annotations or None)


def s(description: str = "", **extra: object) -> dict:
    return {"type": "string", "description": description, **extra}


def b(description: str = "") -> dict:
    return {"type": "boolean", "description": description}


BROKER = ServerContext("io.github.x/broker", "Broker", "Stock trading for a brokerage account", ["place_order"])
HR = ServerContext("io.github.x/hr", "People", "HR records and payroll", ["get_employee", "update_salary"])


CASES = [
    # (tool, server, category, risk)
    (tool("get_job", "Get the status and results of a generation job."), None, "Read", "Low"),
    (tool("listRepositories", "List repositories of the authenticated user."), None, "Read", "Low"),
    (tool("JobsGet", "Returns one job."), None, "Read", "Low"),
    (tool("search-issues", "Search issues by keyword."), None, "Read", "Low"),
    (tool("policies.create", "Create a policy.", {"name": s("Policy name")}), None, "Write", "Medium"),
    (tool("update_ticket", "Change the status of a ticket."), None, "Write", "Medium"),
    (tool("send_email", "Send an email to a recipient.", {"to": s(), "body": s()}), None, "Write", "High"),
    (tool("delete_repository", "Delete a repository. This cannot be undone."), None, "Destructive", "Critical"),
    (tool("purgeCache", "Remove all cached entries."), None, "Destructive", "Critical"),
    (tool("terminate_instance", "Stops and deletes a VM."), None, "Destructive", "Critical"),
    (tool("run_command", "Run a shell command.", {"command": s("Command line")}), None, "Execute", "Critical"),
    (tool("execute_sql", "Execute a SQL statement against the database.", {"sql": s()}), None, "Execute", "Critical"),
    (tool("query", "Run a read query.", {"query": s("SQL SELECT statement")}), None, "Read", "Medium"),
    (tool("run_code", "Runs Python code in an isolated sandbox.", {"code": s()}), None, "Execute", "High"),
    (tool("browser_navigate", "Navigate the browser to a URL.", {"url": s()}), None, "Execute", "High"),
    (
        tool("create_payment", "Charge a customer card.", {"amount": {"type": "integer"}, "currency": s()}),
        None,
        "Financial",
        "Critical",
    ),
    (tool("refund", "Refund a payment in full."), None, "Financial", "Critical"),
    (
        tool("place_order", "Place a market order to buy shares.", {"symbol": s(), "quantity": {"type": "number"}}),
        None,
        "Financial",
        "Critical",
    ),
    (tool("read_file", "Read a file from disk.", {"path": s("File path")}), None, "Read", "Medium"),
    (tool("fetch", "Fetches a URL from the internet.", {"url": s()}), None, "Read", "Medium"),
    (tool("get_secret", "Return the value of a stored secret."), None, "Read", "Medium"),
    (tool("list_emails", "List messages in the inbox."), None, "Read", "Medium"),
    # Annotations as positive evidence, and as a flag when they contradict.
    (tool("sum_numbers", "Adds up numbers.", readOnlyHint=True), None, "Read", "Low"),
    (tool("delete_namespace", "Delete a namespace.", readOnlyHint=True), None, "Destructive", "Critical"),
    # Vague: no Read without evidence, a cautious verdict instead.
    (tool("frobnicate"), None, "Write", "Medium"),
    (tool("handle_thing", "Handles the thing."), None, "Write", "Medium"),
    # Server context: a write on a payments server that carries money parameters moves money.
    (
        tool("update_subscription_amount", "Changes a plan.", {"amount": {"type": "integer"}}),
        ServerContext("io.github.x/billing", "Billing", "Stripe billing for SaaS", ["list_invoices"]),
        "Financial",
        "Critical",
    ),
    (
        tool("scale_service", "Scale a service.", {"replicas": {"type": "integer"}}),
        ServerContext("k8s", "Kubernetes", "Operate Kubernetes clusters", []),
        "Execute",
        "Critical",
    ),
    # Disagreements with real servers' own annotations, one row per class fixed (definitions paraphrased).
    # A description that opens with another verb, or a parameter that overwrites files, rules out Read.
    (
        tool("search_feedback", "Send feedback on an earlier search result.", {"search_id": s()}),
        None,
        "Write",
        "Medium",
    ),
    (tool("format_cells", "Change the font and borders of a cell range.", {"range": s()}), None, "Write", "Medium"),
    (
        tool(
            "export_table",
            "Export a table as a CSV file.",
            {"csv_path": s(), "overwrite": b("Replace an existing file.")},
        ),
        None,
        "Write",
        "High",
    ),
    (
        tool("parse_spec", "Parse a spec into tasks.", {"append": b("Append the new tasks to the existing file.")}),
        None,
        "Write",
        "Medium",
    ),
    (tool("fetch_paper", "Download a paper and store it locally.", {"paper_id": s()}), None, "Write", "Medium"),
    (tool("audit_page", "Get accessibility scores. Full reports are saved to disk."), None, "Write", "Medium"),
    # ... but a remark about another tool does not, nor does the author's readOnlyHint lose to wording.
    (tool("list_watches", "List saved watches. Use unwatch_topic to remove a watch."), None, "Read", "Low"),
    # Later verbs of a description count only in a list: 'List open pull requests' does not open anything.
    (tool("list_pull_requests", "List open pull requests of a repository."), None, "Read", "Low"),
    (tool("get_build_logs", "Get build logs of a deployment."), None, "Read", "Low"),
    (tool("tabs", "List, create, close, or select a browser tab."), None, "Write", "Medium"),
    (tool("describe_workbook", "Start here: a workbook's sheets, names and settings."), None, "Read", "Low"),
    # Running a search or a find reads; running a query may write.
    (tool("search_batch", "Run multiple search queries at once.", {"queries": {"type": "array"}}), None, "Read", "Low"),
    (tool("find", "Run a find query against a collection.", {"filter": {"type": "object"}}), None, "Read", "Low"),
    (tool("warehouse_query", "Run any statement against the warehouse.", {"text": s()}), None, "Execute", "High"),
    # Generated `API-<method>-...` names: the HTTP method is the verb; an operation id without one is no evidence.
    (tool("API-post-comment", "Wiki | Add a comment to a page"), None, "Write", "Medium"),
    (tool("API-get-user", "Wiki | Retrieve a user"), None, "Read", "Low"),
    # no rule reads 'Query records'; the learned model does: querying records is how tools that only read word it
    (tool("API-query-records", "Wiki | Query records"), None, "Read", "Low"),
    # Dotted names put the verb last; paying in a description's first word counts like a name's verb.
    (tool("order.cancel", "Cancel an open order.", {"order_id": s()}), BROKER, "Write", "High"),
    (
        tool("closePosition", "Sell the entire position in a symbol at market.", {"symbol": s()}),
        BROKER,
        "Financial",
        "Critical",
    ),
    (
        tool("place-order", "Place a buy or sell order.", {"symbol": s(), "side": s(enum=["buy", "sell"])}),
        BROKER,
        "Financial",
        "Critical",
    ),
    (
        tool("updateSalary", "Change an employee's salary.", {"amount": {"type": "integer"}}),
        HR,
        "Financial",
        "Critical",
    ),
    # A switch named like code holds no code; reading verbs of the web.
    (tool("get_profile", "Inspect a profile.", {"focusOnUserCode": b("Only the user's frames")}), None, "Read", "Low"),
    (tool("scrape_page", "Scrape a web page as Markdown.", {"url": s()}), None, "Read", "Medium"),
    # Capturing a page reads it; capturing a payment moves money.
    (tool("page_snapshot", "Capture an accessibility snapshot of the current page."), None, "Read", "Low"),
    (tool("capture_payment", "Capture an authorised payment.", {"id": s()}), None, "Financial", "Critical"),
    # A list of steps whose items may carry a script runs code, whatever the tool's name says.
    (
        tool(
            "scrape_url",
            "Scrape content from a URL with options.",
            {"url": s(), "actions": {"type": "array", "items": {"type": "object", "properties": {"script": s()}}}},
        ),
        None,
        "Execute",
        "Critical",
    ),
]


@pytest.mark.parametrize(("definition", "server", "category", "risk"), CASES, ids=[c[0].name for c in CASES])
def test_rule_table(definition: ToolDefinition, server: ServerContext | None, category: str, risk: str) -> None:
    verdict = classify(definition, server)
    assert (verdict.category, verdict.risk) == (category, risk), verdict.rationale
    assert verdict.evidence or verdict.details.get("vague")
    assert 1 <= verdict.score <= 5 and 0 < verdict.confidence < 1


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("get_job", ["get", "job"]),
        ("getJob", ["get", "job"]),
        ("get-job", ["get", "job"]),
        ("policies.create", ["policies", "create"]),
        ("JobsGet", ["jobs", "get"]),
        ("HTTPRequestSend", ["http", "request", "send"]),
    ],
)
def test_names_in_every_style(name: str, words: list[str]) -> None:
    assert list(name_words(name)) == words


def test_vague_definitions_say_so_with_low_confidence() -> None:
    verdict = classify(tool("frobnicate"))
    assert verdict.confidence <= 0.3
    assert "frobnicate is vague" in verdict.rationale and "its confidence is low" in verdict.rationale
    assert "can create or change" not in verdict.rationale  # it may only read: no claim it changes anything


def test_contradiction_is_flagged_and_shown() -> None:
    verdict = classify(tool("delete_namespace", "Delete a namespace.", readOnlyHint=True))
    assert verdict.details["contradictions"] == ["readOnlyHint is true, but delete_namespace looks Destructive"]
    assert "annotations disagree" in verdict.rationale
    assert verdict.details["declared_annotations"] == {"readOnlyHint": True}


def test_deterministic() -> None:
    definition = tool("exec_in_pod", "Run a command in a pod.", {"command": {"type": "array"}})
    assert classify(definition).to_json() == classify(definition).to_json()


def test_krea_tools() -> None:
    data = json.loads(KREA_FILE.read_text())
    server = ServerContext(
        "krea-mcp", "Krea MCP Server", "Generate images and videos", [t["name"] for t in data["tools"]]
    )
    verdicts = {t["name"]: classify(ToolDefinition.from_mcp(t), server) for t in data["tools"]}
    assert {n for n, v in verdicts.items() if v.category == "Read"} == {
        "get_job",
        "list_jobs",
        "get_asset",
        "list_assets",
        "search_styles",
        "get_style",
    }
    assert {n: v.category for n, v in verdicts.items() if v.category != "Read"} == {
        "generate_image": "Write",
        "generate_video": "Write",
        "upload_asset": "Write",
    }
    get_job = verdicts["get_job"]
    assert get_job.risk == "Low" and get_job.policy == {}
    assert 'get_job retrieves information from Krea MCP Server (its name points at "job") and changes nothing' in (
        get_job.rationale
    )
    assert 'From the tool\'s definition: the name "get_job" (verb "get")' in get_job.rationale


@pytest.mark.parametrize(
    ("definition", "category"),
    [
        (tool("get_script", "Retrieve a stored automation script.", {"script_id": s("Which script")}), "Read"),
        (tool("languages_by_code", "Gets a language by its code.", {"isoCode": s("ISO 639 code")}), "Read"),
        (tool("run_snippet", "Run a snippet.", {"code": s("Python source")}), "Execute"),
        (tool("search_and_replace", "Search for text in a document."), "Write"),
        (tool("get_or_create_record", "Get a record by its key."), "Write"),
        (tool("catalog_items", "Quickly read structured catalog data from the store."), "Read"),
        (tool("fix_list_formatting", "Lists in a document, as the editor shows them."), "Write"),
        (tool("find_postal_area", "Find the area of an address.", {"country_code": s(), "zipCode": s()}), "Read"),
        (tool("explain_failure", "Explain a failure.", {"error_code": s("Code the API answered")}), "Read"),
        (tool("format_source", "Format a program.", {"python_code": s("Source to format")}), "Execute"),
        (tool("read_query", "Execute a SELECT query on the shop database.", {"query": s("SQL to run")}), "Read"),
        (tool("test_runs", "Run and read test runs of a workflow."), "Execute"),
    ],
)
def test_families_the_model_corpus_showed(definition: ToolDefinition, category: str) -> None:
    """Identifier parameters named like code, a second verb joined to the first, an adverb before the verb, 'fix':
    each a family of real servers' tools the rules read wrongly."""
    assert classify(definition, None, False).category == category


@pytest.mark.parametrize(
    ("definition", "category"),
    [
        # a view of data handed back: chart, diagram and UI servers mark these read-only
        (tool("generate_bar_chart", "Generate a horizontal bar chart to compare categories."), "Read"),
        (tool("chart_tool", "Generate a pie chart from the rows given."), "Read"),
        (tool("actor_widget", "Render an interactive UI element that displays a run's progress."), "Read"),
        (tool("summarize_text", "Generate a summary of the text."), "Read"),
        (tool("message_permalink", "Generate a permalink for a message."), "Read"),
        (tool("dataverse_open_schema_explorer", "Opens the schema explorer, an interactive UI for tables."), "Read"),
        (tool("presentation_loader", "Open an existing presentation from a file."), "Read"),
        (tool("open_devtools", "Open a DevTools window for the selected page."), "Read"),
        # running a search is a lookup; a query that may be any statement is not (`warehouse_query` in the table)
        (tool("run_search", "Run a search against the index."), "Read"),
        # observing a page or a device, ranking what is given: reads
        (tool("take_screenshot", "Take a screenshot of the current page."), "Read"),
        (tool("rerank_documents", "Rerank documents by relevance to a query."), "Read"),
        (tool("worker_efficiency_ranking", "Rank workers by parts made per hour."), "Read"),
        # what is generated and kept is still a write
        (tool("generate-image", "Generate an image from a prompt."), "Write"),
        (tool("generate_chart", "Generate a chart and save it to disk.", {"path": s("File to write")}), "Write"),
        (tool("take_screenshot", "Take a screenshot of the page and save it to disk."), "Write"),
        (tool("new_page", "Open a new tab and load a URL."), "Write"),
        (tool("qase_review_create", "Open a test case review for a change."), "Write"),
        (tool("createIssue", "Open a new issue with a title and body."), "Write"),
        (tool("execute_sql", "Execute a SQL query.", {"sql": s("Any SQL statement")}), "Execute"),
        # managing something does more than read it: cloud hosting, accounts, workflow versions
        (tool("manageHosting", "Hosting functions."), "Write"),
        (tool("manage-accounts", "Manage account authentication: list, add or sign out."), "Write"),
        (tool("workflow_versions", "Manage workflow version history, rollback and cleanup."), "Write"),
        (tool("rewrite_code", "Transform code with find-and-replace patterns."), "Write"),
        (tool("favourite_anime", "Favourite or unfavourite an anime by its id."), "Write"),
        (tool("favorite_repo", "Favorite a repository."), "Write"),
        # Spanish, Portuguese and French verbs
        (tool("validar_nfe", "Valida uma nota fiscal."), "Read"),
        (tool("clientes", "Obtiene la lista de clientes."), "Read"),
        (tool("ressources", "Liste les ressources d'un projet."), "Read"),
        (tool("crear_factura", "Crea una factura."), "Write"),
        (tool("boond_reference", "Supprime une référence du dossier."), "Destructive"),
    ],
)
def test_the_rules_know_the_verbs_of_families_they_read_wrongly(definition: ToolDefinition, category: str) -> None:
    """Said, not guessed: a vague tool is Write by default too, but the model may then call it Read."""
    judgement = judge(definition)
    assert judgement.category == category and "vague" not in judgement.details, definition.name


_DOCSTRING = """Price history of one listed share.

    Args:
        code: {code}
        days (int): How many trading days back.
    """


@pytest.mark.parametrize(
    ("definition", "category"),
    [
        # the parameter documented only in the description's Args section, as the MCP SDK sends a docstring
        (tool("get_price_history", _DOCSTRING.format(code="Stock code (four digits)."), {"code": s()}), "Read"),
        (tool("get_price_history", _DOCSTRING.format(code="Python code to run first."), {"code": s()}), "Execute"),
        (tool("get_price_history", "Price history.\n\nParameters\n----------\ncode : str\n    Ticker code.\n",
              {"code": s()}), "Read"),  # fmt: skip
        (tool("get_price_history", "Price history.\n\n:param code: Currency code, e.g. EUR.\n", {"code": s()}), "Read"),
        # the schema's own description says which code, whatever the tool's description
        (tool("explain_failure", "Explain a failure.", {"code": s("The error code the API answered")}), "Read"),
        (tool("explain_failure", _DOCSTRING.format(code="Stock code."), {"code": s("Shell code to run")}), "Execute"),
        (tool("get_price_history", "Price history.", {"code": s()}), "Execute"),  # said nowhere: it may be code
    ],
)
def test_a_code_parameter_documented_as_a_kind_of_code_is_an_identifier(definition: ToolDefinition,
                                                                         category: str) -> None:
    """A parameter named plain `code` whose documentation says which code ('Stock code', 'error code') names a thing,
    as `stock_code` would: the schema's description, or the docstring section a Python server sends instead."""
    assert judge(definition).category == category


@pytest.mark.parametrize(
    ("definition", "category"),
    [
        (tool("run_health_check", "Status of every service the gateway fronts."), "Read"),
        (tool("runHealthchecks", "The cluster's nodes, one line each."), "Read"),
        (tool("run_compliance_check", "Payment message against the scheme's rules."), "Read"),
        (tool("run_check_script", "Run a script.", {"script": s("Shell script")}), "Execute"),
        (tool("run_job", "The nightly import."), "Execute"),
    ],
)
def test_running_a_check_only_reads(definition: ToolDefinition, category: str) -> None:
    """Running a check, as running a search or a report, looks and tells; code it takes still executes."""
    assert judge(definition).category == category, definition.name
