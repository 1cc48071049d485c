from eventledger.geo.build import _area_point, _country_point, _main_polygon_centroid, _reference_points


def test_area_point_is_the_middle_of_member_cities_not_the_biggest():
    points = [(10.0, 10.0, 1_000_000), (12.0, 14.0, 1_000), (11.0, 12.0, 500)]
    assert _area_point(points) == (11.0, 12.0)


def test_main_polygon_centroid_ignores_small_islands():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    islet = [[50, 50], [51, 50], [51, 51], [50, 51], [50, 50]]
    geo = {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [[square], [islet]]}}]}
    lat, lon = _main_polygon_centroid(geo)
    assert abs(lat - 5) < 1e-9 and abs(lon - 5) < 1e-9


def test_country_point_averages_agreeing_references():
    assert _country_point([38, -97], (40.0, -99.0)) == (39.0, -98.0)
    assert _country_point([38, -97], (10.0, 10.0)) == (38.0, -97.0)
    assert _country_point(None, (1.0, 2.0)) == (1.0, 2.0)


def test_reference_points_are_read_from_data_and_lie_on_the_globe():
    points = _reference_points()
    assert len(points) > 150  # every sovereign country, give or take
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())
    assert all(len(iso) == 2 and iso.isupper() for iso in points)


def test_a_country_gets_its_reference_point_not_its_shape_centroid():
    from eventledger.geo.store import gazetteer

    ref = _reference_points()
    for code in sorted(ref)[:20]:
        country = gazetteer().country(code)
        if country is not None:  # the table may list a state the packages lack
            assert (country.lat, country.lon) == ref[code]
