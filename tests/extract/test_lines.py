"""Line cues: furniture versus prose."""

from __future__ import annotations

import pytest

from eventledger.extract import lines


@pytest.mark.parametrize(
    "line",
    [
        "Navigation",
        "Share this article",
        "Read more: Council approves new ferry timetable",
        "Sign up for our morning newsletter and get the headlines in your inbox.",
        "Join our official Harbor Post WhatsApp channel for breaking updates!",
        "Follow us on Twitter and Facebook",
        "Advertisement",
        "Related:",
        "12 Comments",
        "(Reporting by Ann Lee; Editing by Tom Pike)",
        "Email the author at jdoe@example.org",
        "Story continues below advertisement",
        "  •  ",
    ],
)
def test_is_junk_flags_page_furniture(line: str) -> None:
    assert lines.is_junk(line)


@pytest.mark.parametrize(
    "line",
    [
        "The ferry service resumed on Monday after a storm closed the harbour for three days.",
        "Next year the council plans to extend the route to the islands.",
        "Officials said the newsletter incident was under review by the audit office.",
    ],
)
def test_is_junk_keeps_report_sentences(line: str) -> None:
    assert not lines.is_junk(line)


def test_long_paragraph_mentioning_subscribe_is_not_junk() -> None:
    para = " ".join(["Residents complained that the utility asked them to subscribe to a newsletter"] * 5)
    assert not lines.is_junk(para)


@pytest.mark.parametrize(
    "line",
    [
        "Fishing boats moored at the old quay in Portsalt (Jane Roe/Coastal Wire)",
        "Photo: A crane lifts the new bridge section into place",
        "File photo of the town hall",
        "Rescue workers search the debris (AFP)",
    ],
)
def test_is_caption_recognises_credits_and_prefixes(line: str) -> None:
    assert lines.is_caption(line)


def test_sentence_with_parenthesis_is_not_a_caption() -> None:
    assert not lines.is_caption("The mayor (who took office in May) opened the bridge on Friday.")


def test_is_prose_needs_length_and_final_punctuation() -> None:
    assert lines.is_prose("The ferry service resumed on Monday after a storm closed the harbour for three days.")
    assert not lines.is_prose("Ferry service resumes after storm closes harbour for three days")
    assert not lines.is_prose("The ferry resumed.")


def test_title_case_menu_row_is_not_prose() -> None:
    assert not lines.is_prose("Home World Politics Business Sport Culture Science Health Travel Opinion Video More.")


def test_normalise_collapses_spaces_and_nbsp() -> None:
    assert lines.normalise("  two\u00a0 words\t here ") == "two words here"


def test_strip_suffixes_removes_tweet_button_text() -> None:
    assert lines.strip_suffixes("Small steps add up over a year.Click To Tweet") == "Small steps add up over a year."


def test_terminator_recognises_tags_and_copyright() -> None:
    assert lines.is_terminator("Tags: ferries, harbour, weather")
    assert lines.is_terminator("© 2021 Harbor Post")
    assert not lines.is_terminator("The harbour master said the tags on each boat were checked.")


def test_list_header_recognises_related_headers() -> None:
    assert lines.is_list_header("You may also like")
    assert lines.is_list_header("Related stories")
    assert not lines.is_list_header("Related questions were raised at the meeting.")


def test_pure_byline_is_junk_but_sentence_starting_with_by_is_not() -> None:
    assert lines.is_junk("By Dana Wells and Omar Reyes")
    assert lines.is_junk("Posted by harbour_desk on 3 March")
    assert not lines.is_junk("By noon the ferry had made four crossings.")
