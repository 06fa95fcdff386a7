from tolls.extract.admin1 import source_admin1, usual_admin1


def test_the_two_forms_of_a_division_map_both_ways() -> None:
    assert usual_admin1("COD", "Nord-Kivu") == "North Kivu"
    assert source_admin1("COD", "North Kivu") == "Nord-Kivu"
    assert source_admin1("RUS", usual_admin1("RUS", "Belgorod")) == "Belgorod"


def test_names_without_another_form_pass_through() -> None:
    assert usual_admin1("PAK", "Khyber Pakhtunkhwa") == "Khyber Pakhtunkhwa"
    assert source_admin1("PAK", "Khyber Pakhtunkhwa") == "Khyber Pakhtunkhwa"
    assert source_admin1("XXX", "") == ""


def test_each_countrys_map_is_one_to_one_so_exports_can_map_back() -> None:
    from tolls.extract.admin1 import _table

    for country, names in _table().items():
        assert len(set(names.values())) == len(names), country
