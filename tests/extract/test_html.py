"""The HTML path: trafilatura plus cleanup and metadata."""

from __future__ import annotations

from eventledger.extract.html import clean_title, extract_html


def test_body_keeps_paragraphs_and_drops_furniture(article_html: str, paragraphs: list[str]) -> None:
    res = extract_html(article_html, {})
    text = "\n".join(res.paragraphs)
    assert res.paragraphs[0] == paragraphs[0]
    assert paragraphs[-1] in res.paragraphs
    for junk in ("Read more", "newsletter", "Related stories", "Bridge repairs", "Home", "© 2021"):
        assert junk not in text


def test_publisher_from_jsonld_with_provenance(article_html: str) -> None:
    res = extract_html(article_html, {})
    assert res.publisher == "Harbor Post"
    assert "JSON-LD" in res.provenance["publisher"]


def test_title_without_site_suffix(article_html: str) -> None:
    assert extract_html(article_html, {}).title == "Ferry back in service after storm"


def test_published_date(article_html: str) -> None:
    assert extract_html(article_html, {}).published == "2021-03-08"


def test_language_from_html_lang(article_html: str) -> None:
    res = extract_html(article_html, {})
    assert res.language == "en"
    assert res.provenance["language"] == '<html lang="en">'


def test_container_url_is_kept(article_html: str) -> None:
    assert extract_html(article_html, {"url": "https://example.org/ferry"}).url == "https://example.org/ferry"


def test_domain_is_last_resort_for_publisher(paragraphs: list[str]) -> None:
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    res = extract_html(page, {"url": "https://www.harborpost.example/news/1"})
    assert res.publisher == "harborpost.example"


def test_dateline_agency_becomes_original_publisher(paragraphs: list[str]) -> None:
    first = "PORTSALT (AP) — " + paragraphs[0]
    page = "<html><head><meta property='og:site_name' content='Harbor Post'></head><body><article>"
    page += f"<p>{first}</p>" + "".join(f"<p>{p}</p>" for p in paragraphs[1:]) + "</article></body></html>"
    res = extract_html(page, {})
    assert res.original_publisher == "Associated Press"


def test_page_without_article_gives_no_paragraphs() -> None:
    assert extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", {}).paragraphs == []


def test_clean_title_strips_site_name_either_side() -> None:
    assert clean_title("Ferry back | Harbor Post", ["Harbor Post"]) == "Ferry back"
    assert clean_title("Harbor Post - Ferry back", ["harborpost.example"]) == "Ferry back"


def test_clean_title_keeps_colon_headline() -> None:
    assert clean_title("Storm: ferry back in service", ["Harbor Post"]) == "Storm: ferry back in service"


def test_jsonld_article_body_when_markup_has_none() -> None:
    body = (
        "El servicio de transbordador volvió a funcionar el lunes después de que una tormenta cerrara el puerto. "
        "Los ingenieros revisaron las rampas durante el domingo y repararon las barandillas."
    )
    page = (
        '<html><head><title>Vuelve el ferry</title><script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "headline": "Vuelve el ferry", "articleBody": "{body}"}}'
        "</script></head><body><div id='app'></div></body></html>"
    )
    res = extract_html(page, {})
    assert res.paragraphs == [body]
    assert res.title == "Vuelve el ferry"


def test_declared_language_is_overruled_by_plain_text() -> None:
    spanish = [
        "El servicio de transbordador volvió a funcionar el lunes después de que una tormenta cerrara el puerto "
        "durante tres días, según dijo la autoridad portuaria en un comunicado.",
        "Los ingenieros revisaron las rampas el domingo y encontraron solo daños menores en las barandillas, "
        "que los equipos repararon por la noche antes del primer cruce.",
    ]
    page = '<html lang="en"><body><article>' + "".join(f"<p>{p}</p>" for p in spanish) + "</article></body></html>"
    assert extract_html(page, {}).language == "es"


def test_published_provenance_names_the_markup(article_html: str) -> None:
    phrase = extract_html(article_html, {}).provenance["published"]
    assert phrase.startswith(("JSON-LD datePublished", "<meta article:published_time"))


def _reprint(byline: str, head: str = "") -> str:
    from tests.extract.conftest import PARAGRAPHS, page

    body = "<article><h1>Ferry back in service after storm</h1>" + byline
    body += "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    return page(body, head='<meta property="og:site_name" content="Harbor Post">' + head)


def test_byline_naming_a_wire_is_the_original_publisher() -> None:
    res = extract_html(_reprint('<p class="byline">By Dana Wells, Associated Press</p>'), {})
    assert (res.publisher, res.original_publisher) == ("Harbor Post", "Associated Press")


def test_meta_author_outlet_is_the_original_publisher() -> None:
    res = extract_html(_reprint("", '<meta name="author" content="Reuters">'), {})
    assert res.original_publisher == "Reuters"


def test_own_staff_byline_is_no_reprint() -> None:
    res = extract_html(_reprint('<p class="byline">By Dana Wells, Harbor Post Staff</p>'), {})
    assert res.original_publisher is None
