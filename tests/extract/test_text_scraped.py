"""Invented scraped page dumps in several layouts: who published them, when, under what title."""

from __future__ import annotations

from eventledger.extract import extract_document
from eventledger.extract.text import extract_text
from eventledger.model import RawDocument

BODY = [
    "The island council voted on Tuesday to close the old quarry road after two lorries slid "
    "off its edge during heavy rain last month, the council's roads officer said.",
    "Residents have asked for years for a safer route to the harbour, and the council said a "
    "new road would be built along the ridge before the end of next year.",
    "Lorry drivers will use the coastal route until then, adding about twenty minutes to each "
    "trip between the quarry and the port, the haulage association said.",
]


def _dump(*header: str, trailer: tuple[str, ...] = ()) -> str:
    return "\n".join([*header, "", *BODY, *trailer])


def test_site_name_line_after_date_line() -> None:
    res = extract_text(
        _dump("Council shuts quarry road after lorry accidents", "", "By Jane Doe", "May 4, 2022", "Island Gazette")
    )
    assert res.publisher == "Island Gazette"
    assert res.title == "Council shuts quarry road after lorry accidents"
    assert res.published == "2022-05-04"
    assert res.paragraphs[0] == BODY[0]


def test_site_name_line_opens_page_with_navigation() -> None:
    text = _dump(
        "Harbor Post", "Home", "World", "Sport", "Council shuts quarry road after lorry accidents", "4 May 2022"
    )
    res = extract_text(text)
    assert res.publisher == "Harbor Post"
    assert res.title == "Council shuts quarry road after lorry accidents"


def test_person_line_beside_date_is_not_publisher() -> None:
    res = extract_text(_dump("Council shuts quarry road after lorry accidents", "Jane Doe", "May 4, 2022"))
    assert res.publisher is None


def test_byline_outlet_is_publisher() -> None:
    res = extract_text(
        _dump("Council shuts quarry road after lorry accidents", "By Jane Doe, Harbor Post", "May 4, 2022")
    )
    assert res.publisher == "Harbor Post"


def test_byline_of_another_outlet_is_original_publisher() -> None:
    text = _dump(
        "Harbor Post", "Council shuts quarry road after lorry accidents", "By Jane Doe, Associated Press", "May 4, 2022"
    )
    res = extract_text(text)
    assert res.publisher == "Harbor Post"
    assert res.original_publisher == "Associated Press"


def test_headline_suffix_names_outlet_and_leaves_title() -> None:
    res = extract_text(_dump("Council shuts quarry road after lorry accidents | Harbor Post", "May 4, 2022"))
    assert res.title == "Council shuts quarry road after lorry accidents"
    assert res.publisher == "Harbor Post"


def test_reprint_notice_and_copyright_lines() -> None:
    text = _dump(
        "Council shuts quarry road after lorry accidents",
        "May 4, 2022",
        "Photo: a lorry on the quarry road (Island Gazette)",
        trailer=("This article originally appeared on The Coastal Ledger.", "Share", "© 2022 Harbor Post"),
    )
    res = extract_text(text)
    assert res.original_publisher == "The Coastal Ledger"
    assert res.publisher == "Harbor Post"
    assert "originally appeared" not in "\n".join(res.paragraphs)


def test_source_line_names_original_publisher() -> None:
    res = extract_text(
        _dump("Council shuts quarry road after lorry accidents", "May 4, 2022", trailer=("Source: Reuters",))
    )
    assert res.original_publisher == "Reuters"


def test_url_host_is_last_resort_publisher() -> None:
    text = _dump(
        "https://www.islandgazette.example.org/news/quarry-road", "", "Council shuts quarry road after lorry accidents"
    )
    raw = RawDocument("0" * 64, "page.txt", "text", text.encode(), text, "text")
    assert extract_text(text).url == "https://www.islandgazette.example.org/news/quarry-road"
    assert extract_document(raw).publisher == "islandgazette.example.org"


def test_container_url_host_names_publisher() -> None:
    text = _dump("Council shuts quarry road after lorry accidents", "May 4, 2022")
    raw = RawDocument("0" * 64, "page.txt", "text", text.encode(), text, "text", {"url": "https://www.reuters.com/a/1"})
    assert extract_document(raw).publisher == "Reuters"


def test_navigation_share_buttons_and_update_stamp() -> None:
    text = _dump(
        "Skip to main content",
        "Harbor Post",
        "Home",
        "World",
        "Council shuts quarry road after lorry accidents",
        "By Jane Doe, Harbor Post",
        "Published: 4 May 2022 10:32 BST | Updated: 5 May 2022 08:10 BST",
        "Share on Facebook",
        trailer=("Related", "Ferry timetable changes for summer", "© 2022 Harbor Post Ltd. All rights reserved."),
    )
    res = extract_text(text)
    assert (res.publisher, res.published) == ("Harbor Post", "2022-05-04")
    assert res.original_publisher is None
    assert res.title == "Council shuts quarry road after lorry accidents"


def test_update_stamp_line_before_publication_line() -> None:
    text = _dump("Council shuts quarry road after lorry accidents", "Updated May 6, 2022", "May 4, 2022")
    assert extract_text(text).published == "2022-05-04"


def test_a_longer_standfirst_under_the_headline_is_not_the_title() -> None:
    text = _dump(
        "Home World Business Sport",
        "Council shuts quarry road after lorry accidents",
        "Residents who asked for a safer route for years say the new ridge road comes far too late",
        "By Jane Doe",
        "May 4, 2022",
    )
    assert extract_text(text).title == "Council shuts quarry road after lorry accidents"


def test_a_menu_row_above_the_headline_is_not_the_title() -> None:
    text = _dump("Home World Business Sport Opinion", "Council shuts quarry road after lorry accidents", "May 4, 2022")
    assert extract_text(text).title == "Council shuts quarry road after lorry accidents"


def test_masthead_date_above_the_headline_yields_to_the_article_date() -> None:
    text = _dump(
        "Northern Times", "Monday, May 9, 2022", "Council shuts quarry road after lorry accidents", "May 4, 2022"
    )
    assert extract_text(text).published == "2022-05-04"


def test_date_in_the_address_when_the_page_states_none() -> None:
    text = _dump("Council shuts quarry road after lorry accidents")
    meta = {"url": "https://www.harborpost.example.com/news/2022/05/04/quarry-road"}
    raw = RawDocument("0" * 64, "page.txt", "text", text.encode(), text, "text", meta)
    assert extract_document(raw).published == "2022-05-04"


def test_closing_author_bio_naming_the_outlet_is_cut() -> None:
    bio = "Jane Doe is a senior reporter covering transport for the Harbor Post."
    res = extract_text(
        _dump("Harbor Post", "Council shuts quarry road after lorry accidents", "May 4, 2022", trailer=(bio,))
    )
    assert res.paragraphs[-1] == BODY[-1]


def test_a_report_about_a_journalist_keeps_its_last_paragraph() -> None:
    last = "Jane Doe is a freelance journalist who was detained in the capital last month, her lawyer said."
    text = "\n".join(["Harbor Post", "Council shuts quarry road after lorry accidents", "May 4, 2022", "", *BODY, last])
    assert extract_text(text).paragraphs[-1] == last
