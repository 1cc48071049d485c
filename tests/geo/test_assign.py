from eventledger.annotate.nlp import Annotated
from eventledger.geo import assign_places, find_toponyms
from eventledger.model import Document, Event, Span


def _annotated(body, nlp):
    return Annotated(Document(sha256="x", source="test", format="text", body=body), nlp(body))


def test_event_gets_places_of_its_own_sentence(nlp):
    body = "Protesters gathered in Lyon on Saturday. Separately, a bridge collapsed in Porto."
    ann = _annotated(body, nlp)
    start = body.index("a bridge")
    ev = Event(type="ACCIDENT", evidence=(Span.of(body, start, len(body)),))
    (out,) = assign_places(ann, [ev], find_toponyms(ann))
    assert [p.name for p in out.places] == ["Porto"]


def test_event_without_a_place_falls_back_to_the_focus_country(nlp):
    body = "Farmers in Kenya fear drought. Officials met on Monday to discuss aid."
    ann = _annotated(body, nlp)
    start = body.index("Officials")
    ev = Event(type="CONSULT", evidence=(Span.of(body, start, len(body)),))
    (out,) = assign_places(ann, [ev], find_toponyms(ann))
    assert len(out.places) == 1
    assert out.places[0].country == "KE" and out.places[0].precision == "country"


def test_a_dateline_place_is_not_where_the_event_happened(nlp):
    from eventledger.annotate.nlp import Annotated
    from eventledger.geo import assign_places, find_toponyms
    from eventledger.model import Document, Event, Span

    body = "NAIROBI (Wire) - Police fired tear gas at students in Kisumu on Monday, witnesses said."
    ann = Annotated(Document("0" * 64, "t", "text", body), nlp(body))
    start = body.index("Police")
    event = Event("ASSAULT", (Span.of(body, start, body.index(", witnesses")),))
    (placed,) = assign_places(ann, [event], find_toponyms(ann))
    assert [p.name for p in placed.places] == ["Kisumu"]


def test_an_acting_country_and_the_source_are_not_where_it_happened(nlp):
    from eventledger.events import extract_events

    body = "Iran tested a cruise missile in the Gulf of Aden on Sunday, Oman's foreign ministry said."
    ann = _annotated(body, nlp)
    (event,) = extract_events(ann)
    (placed,) = assign_places(ann, [event], find_toponyms(ann))
    assert [p.name for p in placed.places] == ["Gulf of Aden"]


def test_the_acting_country_stays_when_the_sentence_names_no_other_place(nlp):
    from eventledger.events import extract_events

    body = "Syria fired a ballistic missile into the sea on Friday, Turkish officials said."
    ann = _annotated(body, nlp)
    (event,) = extract_events(ann)
    (placed,) = assign_places(ann, [event], find_toponyms(ann))
    assert [p.name for p in placed.places] == ["Syria"]


def test_a_later_mention_brings_only_its_own_clause_places(nlp):
    from eventledger.events import extract_events

    body = (
        "Militants killed 14 soldiers in an attack on a checkpoint in northern Niger on Monday.\n\n"
        "The attack came days after a raid near the Malian border killed six villagers."
    )
    ann = _annotated(body, nlp)
    events = assign_places(ann, extract_events(ann), find_toponyms(ann))
    first = next(e for e in events if "14 soldiers" in e.evidence[0].text)
    assert [p.name for p in first.places] == ["Niger"]


def test_a_clause_that_relates_another_event_keeps_its_places_to_that_event(nlp):
    from eventledger.events import extract_events

    body = "Protests erupted in Quito on Friday after police killed a student in Cuenca."
    ann = _annotated(body, nlp)
    events = assign_places(ann, extract_events(ann), find_toponyms(ann))
    assert {e.type: [p.name for p in e.places] for e in events} == {"PROTEST": ["Quito"], "ASSAULT": ["Cuenca"]}


def _stated(body, nlp, kind, actor, country, at):
    from eventledger.model import Actor

    ann = _annotated(body, nlp)
    start = body.index(at)
    who = Actor(actor, Span.of(body, body.index(actor), body.index(actor) + len(actor)), kind="state", country=country)
    ev = Event(type=kind, evidence=(Span.of(body, start, body.index(".", start)),), actors=(who,))
    (out,) = assign_places(ann, [ev], find_toponyms(ann))
    return out


def test_a_statement_about_another_country_happens_where_its_actor_is(nlp):
    body = "The Brazilian government accused Paraguay on Tuesday of ignoring the river treaty."
    out = _stated(body, nlp, "ACCUSE", "The Brazilian government", "BR", "The Brazilian")
    assert [p.country for p in out.places] == ["BR"] and out.places[0].precision == "country"


def test_a_statement_keeps_a_country_named_as_its_location(nlp):
    body = "The Brazilian government accused Paraguay on Tuesday at a summit in Chile."
    out = _stated(body, nlp, "ACCUSE", "The Brazilian government", "BR", "The Brazilian")
    assert "CL" in [p.country for p in out.places] and "BR" not in [p.country for p in out.places]


def test_an_attack_stays_in_the_country_it_lands_in(nlp):
    body = "Brazilian jets bombed Paraguay on Tuesday."
    out = _stated(body, nlp, "ASSAULT", "Brazilian jets", "BR", "Brazilian jets")
    assert [p.country for p in out.places] == ["PY"]


def test_a_capital_that_answers_is_a_party_not_the_place_of_a_statement(nlp):
    body = "The Brazilian government warned on Tuesday that it would keep up pressure, as Asuncion rejected its offer."
    out = _stated(body, nlp, "THREATEN", "The Brazilian government", "BR", "The Brazilian")
    assert [p.country for p in out.places] == ["BR"]


def test_an_event_with_no_place_named_takes_its_actors_country_before_the_focus(nlp):
    body = "Army units detained two men on Monday.\n\nFarmers in Kenya fear drought. Kenya needs rain."
    out = _stated(body, nlp, "COERCE", "Army units", "UG", "Army units")
    assert [p.country for p in out.places] == ["UG"]


def test_an_institution_that_stands_at_a_known_place_places_its_act(nlp):
    body = "The Kremlin rejected the proposal on Tuesday, calling it premature."
    out = _stated(body, nlp, "REJECT", "The Kremlin", "RU", "The Kremlin")
    assert [p.name for p in out.places] == ["Moscow"]


def test_a_longer_name_that_ends_like_an_institution_is_not_it(nlp):
    body = "The National Security Council accused Ruritanian agents on Tuesday of spying."
    out = _stated(body, nlp, "ACCUSE", "The National Security Council", "GB", "The National")
    assert "New York City" not in [p.name for p in out.places]


def test_a_measure_in_force_is_placed_by_its_own_phrase_not_by_the_talks_around_it(nlp):
    from eventledger.model import Actor, TimeInterval

    body = "Kenya hopes to end the freeze on aid to Uganda during talks in Geneva on Tuesday."
    ann = _annotated(body, nlp)
    start = body.index("the freeze")
    phrase = Span.of(body, start, body.index(" during"))
    kenya = Actor("Kenya", Span.of(body, 0, 5), "Kenya", "state", "KE")
    ongoing = TimeInterval(None, "2024-05-08", "unknown", basis="ongoing")
    measure = Event("SANCTION", (phrase,), status="background", actors=(kenya,), time=ongoing)
    told = Event("SANCTION", (phrase,), status="background", actors=(kenya,))
    placed, plain = assign_places(ann, [measure, told], find_toponyms(ann))
    # a sanction naming only the countries it is about happens where its holder is (event_places.toml)
    assert [p.name for p in placed.places] == ["Kenya"]
    assert "Geneva" in [p.name for p in plain.places]  # the sentence's place, for an act the clause tells
