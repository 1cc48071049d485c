from eventledger.geo.store import gazetteer


def test_korean_spellings_resolve_to_the_same_place():
    gaz = gazetteer()
    ids = [{c.geonameid for c in gaz.candidates(n) if c.country == "KP"} for n in ("Hoeryŏng", "Hoeryeong", "Hoeryong")]
    assert ids[0] and ids[0] == ids[1] == ids[2]


def test_ryanggang_and_yanggang_are_one_province():
    gaz = gazetteer()
    a = {c.pid for c in gaz.candidates("Ryanggang") if c.feature == "A.ADM1"}
    b = {c.pid for c in gaz.candidates("Yanggang") if c.feature == "A.ADM1"}
    assert a and a == b


def test_demonym_points_to_country():
    assert any(c.feature == "A.PCLI" and c.country == "RU" for c in gazetteer().candidates("Russian"))


def test_admin_areas_and_countries_have_coordinates():
    gaz = gazetteer()
    illinois = next(c for c in gaz.candidates("Illinois") if c.feature == "A.ADM1")
    assert 38 < illinois.lat < 42 and -91 < illinois.lon < -87
    usa = next(c for c in gaz.candidates("United States") if c.feature == "A.PCLI")
    assert 36 < usa.lat < 41 and -101 < usa.lon < -95


def test_country_of_a_code_is_its_most_populous_country_entry():
    gaz = gazetteer()
    france = gaz.country("fr")
    assert france is not None and france.feature == "A.PCLI" and france.country == "FR"
    assert gaz.country("FR") == france and 41 < france.lat < 52
    assert gaz.country("QQ") is None  # no such code
