"""Families of real servers' tools the rules read wrongly and now read right, each shown by definitions written
here: verbs that switch a thing's state, and parameters that say where the tool writes its output."""

import pytest

from catalog.core.definition import ToolDefinition
from classifier.rules import judge
from tests.classifier.test_rules import s, tool


def obj(**fields: dict) -> dict:
    return {"type": "object", "properties": fields}


@pytest.mark.parametrize(
    "definition",
    [
        # pausing, resuming, skipping, cloning, revising, muting, archiving back: marketplaces, meal plans, git
        # clients, social networks and trackers mark all of these as changing something
        tool("shop_pause_campaign", "Pause campaign through the shop's ads API."),
        tool("shop_resume_promotion", "Resume a promotion."),
        tool("meals_skip_delivery", "Skip a delivery week."),
        tool("meals_unskip_delivery", "Unskip a previously skipped delivery week."),
        tool("repo_rebase", "Rebase commits onto another branch."),
        tool("shop_clone_campaign", "Clone a campaign with its settings."),
        tool("shop_revise_listing", "Revise an existing listing's price and quantity."),
        tool("social_mute_user", "Mute an account."),
        tool("social_block_user", "Block an account."),
        tool("social_unfollow_user", "Unfollow an account."),
        tool("tracker_unarchiveDocument", "Unarchives a document."),
        tool("tracker_rotateWebhookSecret", "Rotates a webhook's signing secret."),
        tool("toggle-maintenance-mode", "Toggles maintenance mode."),
        tool("shop_opt_out_of_program", "Opt-out of a seller program."),
        # moving an issue through its workflow: Jira servers and their forks, trackers, migration guides
        tool("jira_transition_issue", "Transition an issue to a new status. Not available in read-only mode."),
        tool("tracker_transition_task", "Transition a task to the next state of its board."),
        tool("transition_spec_to_component", "Use this tool for the next step of the migration."),
        # reloading a bridge or a page, refreshing a cache or a dashboard, setting up a campaign, confirming an
        # order, disconnecting a device or an input, seeking in a player: each family marked as changing something
        # on several servers
        tool("reload_plugin", "Reload the plugin from its file."),
        tool("refresh_summary_block", "Refresh the summary block of a note."),
        tool("shop_setup_campaign", "Setup a campaign through the ads API."),
        tool("cart_confirm_order", "Confirm the order for a delivery date."),
        tool("device_disconnect", "Disconnect the paired device."),
        tool("player_seek", "Seek forward or back in the current video."),
    ],
)
def test_verbs_that_switch_state_are_writes(definition: ToolDefinition) -> None:
    judgement = judge(definition)
    assert judgement.category != "Read" and "vague" not in judgement.details, definition.name


def test_a_description_that_opens_with_end_and_remove_is_not_a_lookup() -> None:
    judgement = judge(tool("shop_end_listing", "End/remove an active fixed-price listing."))
    assert judgement.category == "Destructive"


def test_block_and_bookmark_are_nouns_after_the_first_word() -> None:
    assert judge(tool("get_block_children", "Get the children of a page block.")).category == "Read"
    assert judge(tool("list_bookmark_folders", "List the folders of saved bookmarks.")).category == "Read"


@pytest.mark.parametrize(
    "definition",
    [
        tool("convert_to_pdf", "Convert a document to PDF.", {"filename": s(), "output_filename": s()}),
        tool("export_sprite", "Export the sprite as PNG.", {"out_path": s("Where the PNG goes")}),
        tool("screenshot", "Take a screenshot of the simulator.", {"output_path": s()}),
        tool("downloadSheet", "Download a sheet as CSV.", {"savePath": s()}),
        tool("copy_report", "Copy a report.", {"destination_filename": s()}),
        tool("download_usage", "Download usage data.", {"params": obj(orgId=s(), outputDir=s())}),
    ],
)
def test_a_parameter_naming_where_output_goes_writes_a_file(definition: ToolDefinition) -> None:
    judgement = judge(definition)
    assert judgement.category == "Write"
    assert any(e.rule == "param.writes_files" for e in judgement.evidence)


@pytest.mark.parametrize(
    "params",
    [{"path": s("File to read")}, {"target_dir": s("Where to search")}, {"output": s("json or text", enum=["json"])}],
)
def test_paths_that_only_say_where_to_look_are_no_output(params: dict) -> None:
    assert judge(tool("search_files", "Search files for a pattern.", params)).category == "Read"


@pytest.mark.parametrize(
    ("definition", "category"),
    [
        (tool("add_numbers", "Add two numbers and return the sum.", {"a": {"type": "number"}}), "Read"),
        (tool("integers.add", "Adds two integers."), "Read"),
        (tool("add_member", "Add a member to a team."), "Write"),
        (tool("add_values", "Add values to a sheet's column."), "Write"),
    ],
)
def test_adding_numbers_is_arithmetic(definition: ToolDefinition, category: str) -> None:
    assert judge(definition).category == category


@pytest.mark.parametrize(
    "description",
    [
        "Fetch the setup guide. Resolves callback URLs from the project and updates them on the application.",
        "Find exact text in a document and replaces it with the new text.",
        "Look up a scheduled message. Removes it from the outgoing queue.",
        "Takes a list of results and sends them together.",
    ],
)
def test_a_verb_with_a_pronoun_for_object_says_the_lookup_also_writes(description: str) -> None:
    judgement = judge(tool("get_setup_guide", description))
    assert judgement.category != "Read"
    assert any(e.rule == "desc.changes_it" for e in judgement.evidence)


@pytest.mark.parametrize(
    "description",
    ["Get the updates it received today.", "Show what changed: the changes it made and why.", "Show saves it holds."],
)
def test_the_same_words_as_nouns_say_nothing(description: str) -> None:
    assert judge(tool("get_feed", description)).category == "Read"


@pytest.mark.parametrize(
    "definition",
    [
        tool("scraping_browser_go_back", "Go back to the previous page"),
        tool("web_go_forward", "Go forward one page in the history."),
        tool("go_to_url", "Go to a URL in the current tab.", {"url": s()}),
    ],
)
def test_going_back_forward_or_to_a_page_drives_the_browser(definition: ToolDefinition) -> None:
    """As `goto`, `visit` and `navigate` do: a vendor prefix ('scraping_browser_') is no verb of its own."""
    assert judge(definition).category in ("Execute", "Write")


def test_emptying_a_bin_destroys_what_it_holds() -> None:
    assert judge(tool("empty-media-bin", "Empties the media bin.")).category == "Destructive"
    assert judge(tool("EmptyTrash", "Permanently removes everything in the trash.")).category == "Destructive"
    assert judge(tool("list_empty_folders", "List folders that hold nothing.")).category == "Read"
    assert judge(tool("get_rows", "Returns an empty list when nothing matches.")).category == "Read"


@pytest.mark.parametrize(
    ("definition", "category"),
    [
        (tool("erp_purchase_order_list", "List purchase orders with their supplier and status."), "Read"),
        (tool("generate_funnel_chart", "Generate a funnel chart of visits down to purchase."), "Read"),
        (tool("list_payouts", "List payouts made to the account."), "Read"),
        (tool("buy_domain", "Purchases a domain for the account."), "Financial"),
        (tool("checkout_cart", "Complete the order: purchases the items in the cart."), "Financial"),
    ],
)
def test_a_purchase_named_is_no_payment(definition: ToolDefinition, category: str) -> None:
    assert judge(definition).category == category


@pytest.mark.parametrize(
    "definition",
    [
        tool("explicar_nota", "Interpreta o XML de uma nota e devolve um resumo."),
        tool("codigo_rejeicao", "Traduz um código de rejeição em significado."),
        tool("frais_defaut", "Retourne les référentiels d'une note de frais."),
        tool("impuesto", "Calcula el impuesto de una factura."),
    ],
)
def test_portuguese_spanish_and_french_verbs_that_explain_or_return(definition: ToolDefinition) -> None:
    judgement = judge(definition)
    assert judgement.category == "Read" and "vague" not in judgement.details


def test_listing_the_transitions_of_an_issue_still_reads() -> None:
    assert judge(tool("jira_get_transitions", "Get the status transitions an issue may take.")).category == "Read"
    assert judge(tool("issue_transitions", "List the status transitions of an issue.")).category == "Read"


@pytest.mark.parametrize(
    "definition",
    [
        # 'cleanup' as one word heads the names of tools that stop processes or delete cluster resources
        # (Kubernetes servers, debugger bridges), their authors marking them destructive; the description may open
        # with the harmless half of the tool ('View ..., or stop ... with force')
        tool("cleanup_workers", "View worker status, or stop stale workers when force is set.", {"force": s()}),
        tool("cleanup", "Tidies the temporary pods this server started."),
    ],
)
def test_cleanup_heading_a_name_is_destructive(definition: ToolDefinition) -> None:
    assert judge(definition).category == "Destructive", definition.name


@pytest.mark.parametrize(
    "definition",
    [
        # test and browser-automation servers check a page or a log and hand back the outcome
        tool("page_assert_title", "Assert that the page title contains a string."),
        tool("log_assert_since", "Assert expected lines appeared in the log since a marker."),
        # token and packet tools decode what they are given
        tool("decode_token", "Decode a token and return its claims."),
    ],
)
def test_asserting_and_decoding_only_read(definition: ToolDefinition) -> None:
    judgement = judge(definition)
    assert judgement.category == "Read" and "vague" not in judgement.details, definition.name


def test_running_a_query_reads_unless_it_takes_code() -> None:
    # CRM, CMDB, Dataverse and cache servers 'run a query' in their own query language and mark it read-only
    assert judge(tool("query_records", "Executes a query and returns matching records.")).category == "Read"
    sql = tool("execute_sql", "Execute a SQL query against the database.", {"sql": s()})
    assert judge(sql).category == "Execute"
