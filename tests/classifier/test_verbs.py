"""The verb that heads a name or opens a description: where it stands decides, and a noun-like verb counts only
in first place."""

from classifier.verbs import joined_verb, leading_verbs, name_verb


def test_the_name_verb_is_first_or_last_as_the_style_says() -> None:
    assert name_verb(("get", "job")) == ("Read", "get")
    assert name_verb(("jobs", "delete"), verb_last=True) == ("Destructive", "delete")
    assert name_verb(("acme", "search", "papers")) == ("Read", "search")  # a vendor prefix is skipped


def test_a_second_verb_joined_by_and_that_changes_things_counts() -> None:
    assert joined_verb(("search", "and", "replace")) is not None
    assert joined_verb(("search", "and", "list")) is None


def test_a_description_opens_with_its_list_of_verbs_after_a_preamble() -> None:
    opening = ["Use", "this", "tool", "to", "list", ",", "create", "or", "close", "a", "tab"]
    assert [verb for _, verb in leading_verbs(opening)] == ["list", "create", "close"]
    assert [verb for _, verb in leading_verbs(["List", "open", "pull", "requests"])] == ["list"]  # 'open': its object
