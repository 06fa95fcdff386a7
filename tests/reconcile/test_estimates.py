from dataclasses import replace

from tolls.model import Claim, Fatalities, Figure, Party
from tolls.reconcile.estimates import conservative, event_fatalities, group_estimates, largest

PAK_MIL = Party("Pakistani military", "PAK", 1)
AFG_GOV = Party("Taliban spokesman", "AFG", 1)
UN = Party("UN agency", "", 8)
NOBODY = Party("", "", 0)


def fig(value: int, q: str = "exact", low: int | None = None, high: int | None = None) -> Figure:
    if q == "exact":
        low = high = value
    return Figure(str(value), value, low, high, q)  # type: ignore[arg-type]


def claim(
    who: Party,
    victims: Party,
    f: Figure,
    *,
    kind: str = "killed",
    stance: str = "asserted",
    subset: bool = False,
) -> Claim:
    return Claim(who, kind, victims, f, (0, 1), stance=stance, subset=subset)  # type: ignore[arg-type]


def test_conservative_readings_follow_acled():
    assert conservative(fig(200, "more_than", low=201)) == 200
    assert conservative(Figure("dozens", 24, None, None, "vague")) == 12
    assert conservative(Figure("hundreds", 200, None, None, "vague")) == 100
    assert conservative(Figure("15-20", 15, 15, 20, "range")) == 15
    assert largest(Figure("15-20", 15, 15, 20, "range")) == 20
    assert largest(fig(200, "more_than", low=201)) == 201


def test_october_clashes_two_sides_disagree():
    claims = [
        claim(PAK_MIL, Party("soldiers", "PAK", 1), fig(23)),
        claim(PAK_MIL, Party("Afghan fighters", "AFG", 1), fig(200, "more_than", low=201)),
        claim(AFG_GOV, Party("Pakistani soldiers", "PAK", 1), fig(58)),
        claim(AFG_GOV, Party("own fighters", "AFG", 1), fig(9)),
    ]
    groups = {g.group: g for g in group_estimates(claims)}
    pak = groups[("side", "PAK/1")]
    afg = groups[("side", "AFG/1")]
    assert (pak.low, pak.best, pak.high, pak.rule) == (23, 23, 58, "admission")
    assert (afg.low, afg.best, afg.high, afg.rule) == (9, 9, 201, "admission")
    total = event_fatalities(claims)
    assert total is not None and (total.low, total.best, total.high) == (32, 32, 259)


def test_a_sides_figure_restated_with_no_claimant_is_still_that_sides():
    # "over 200 Taliban fighters were killed", the army's statement restated without "the army
    # said": not an independent count to put first, but the adversary's figure it is
    afg = Party("Afghan fighters", "AFG", 1)
    claims = [
        claim(NOBODY, afg, fig(200, "more_than", low=201)),
        claim(PAK_MIL, afg, fig(200, "more_than", low=201)),
        claim(AFG_GOV, afg, fig(9)),
    ]
    (group,) = group_estimates(claims)
    assert (group.low, group.best, group.high, group.rule) == (9, 9, 201, "admission")
    # a figure no party gives stays the outlet's own, and best
    own = [claim(NOBODY, afg, fig(40)), *claims[1:]]
    (group,) = group_estimates(own)
    assert (group.best, group.rule) == (40, "independent")


def test_independent_figure_is_best_and_unknown_group_not_double_counted():
    claims = [
        claim(NOBODY, Party("people", "", None), fig(15)),
        claim(UN, Party("civilians", "PSE", 7), fig(10)),
    ]
    total = event_fatalities(claims)
    assert total is not None
    assert (total.low, total.best, total.high) == (15, 15, 15)


def test_subsets_denials_and_other_kinds_do_not_count():
    claims = [
        claim(NOBODY, Party("people", "", None), fig(12)),
        claim(NOBODY, Party("children", "", 7), fig(5), subset=True),
        claim(AFG_GOV, Party("soldiers", "PAK", 1), fig(40), stance="denied"),
        claim(NOBODY, Party("people", "", None), fig(30), kind="injured"),
    ]
    total = event_fatalities(claims)
    assert total is not None and (total.low, total.best, total.high) == (12, 12, 12)
    assert event_fatalities([claims[3]]) is None


def test_range_between_sources_and_the_lede_figure_is_best():
    claims = [
        claim(NOBODY, Party("civilians", "PSE", 7), fig(7)),
        claim(UN, Party("civilians", "PSE", 7), fig(3)),
    ]
    total = event_fatalities(claims)
    assert total is not None and (total.low, total.best, total.high) == (3, 7, 7)
    group = group_estimates(claims)[0]
    assert group.rule == "independent" and group.claims == (0, 1)


def test_one_claimants_breakdown_is_not_a_competing_figure():
    people = Party("people", "", None)
    claims = [claim(NOBODY, people, fig(9)), claim(NOBODY, people, fig(8)), claim(NOBODY, people, fig(1))]
    total = event_fatalities(claims)
    assert total is not None and (total.low, total.best, total.high) == (9, 9, 9)


def test_several_and_unquantified_deaths_read_as_acled_codes_them():
    several = Figure("several", 3, None, None, "vague")
    assert conservative(several) == 10
    unq = event_fatalities([], unquantified_deaths=True)
    assert unq is not None and (unq.low, unq.best, unq.high) == (10, 10, None)
    assert event_fatalities([], unquantified_deaths=False) is None


def test_plural_deaths_without_a_count_read_as_two_unless_acled_reads_ten():
    plural = event_fatalities([], plural_deaths=True)
    assert plural is not None and (plural.low, plural.best, plural.high) == (2, 2, None)
    both = event_fatalities([], unquantified_deaths=True, plural_deaths=True)
    assert both is not None and both.low == 10
    counted = event_fatalities([claim(NOBODY, Party("people", "", None), fig(5))], plural_deaths=True)
    assert counted is not None and counted.best == 5


def test_a_records_own_tally_decides_low_and_best():
    people = Party("people", "", None)
    tally = Claim(NOBODY, "killed", people, fig(13), (50, 52), tally=True)
    total = event_fatalities([claim(NOBODY, people, fig(47)), tally])
    assert total is not None and (total.low, total.best, total.high) == (13, 13, 47)


def _coordinated(c: Claim, key: int) -> Claim:
    c.coordination = key
    return c


def test_coordinated_figures_add_up_where_separate_ones_compete():
    soldiers = Party("soldiers", "PAK", 1)
    together = [
        _coordinated(claim(NOBODY, Party("a police officer", "PAK", 1), fig(1)), 5),
        _coordinated(claim(NOBODY, soldiers, fig(2)), 5),
    ]
    assert event_fatalities(together) == Fatalities(3, 3, 3)
    apart = [claim(NOBODY, Party("a police officer", "PAK", 1), fig(1)), claim(NOBODY, soldiers, fig(2))]
    assert event_fatalities(apart) == Fatalities(2, 2, 2)


def test_unspecified_people_coordinated_with_a_group_are_one_figure():
    bystander = Party("a bystander", "", 7)
    men = Party("two men", "", None)
    claims = [_coordinated(claim(NOBODY, men, fig(2)), 0), _coordinated(claim(NOBODY, bystander, fig(1)), 0)]
    assert event_fatalities(claims) == Fatalities(3, 3, 3)
    # a breakdown of a stated total does not inflate it
    claims.append(claim(NOBODY, Party("civilians", "", 7), fig(3)))
    assert event_fatalities(claims) == Fatalities(3, 3, 3)


def test_a_coordinated_total_and_its_breakdown_are_not_added():
    # "nine members of the family, five children and four women were killed"
    members = _coordinated(claim(NOBODY, Party("members", "", None), fig(9)), 1)
    children = _coordinated(claim(NOBODY, Party("children", "", 7), fig(5)), 1)
    women = _coordinated(claim(NOBODY, Party("women", "", 7), fig(4)), 1)
    assert event_fatalities([members, children, women]) == Fatalities(9, 9, 9)
    civilians = _coordinated(claim(NOBODY, Party("civilians", "", 7), fig(9)), 2)
    kids = _coordinated(claim(NOBODY, Party("children", "", 7), fig(5)), 2)
    adults = _coordinated(claim(NOBODY, Party("women", "", 7), fig(4)), 2)
    assert event_fatalities([civilians, kids, adults]) == Fatalities(9, 9, 9)
    # parts that do not add up to the first figure are parts, added
    other = _coordinated(claim(NOBODY, Party("women", "", 7), fig(3)), 3)
    more = [_coordinated(claim(NOBODY, Party("civilians", "", 7), fig(9)), 3), kids, other]
    more[1] = _coordinated(claim(NOBODY, Party("children", "", 7), fig(5)), 3)
    assert event_fatalities(more) == Fatalities(17, 17, 17)


def test_separate_counts_that_happen_to_add_up_are_still_added():
    # "the raid killed 8 men, 5 boys and 3 girls": no general noun heads the first count
    men = _coordinated(claim(NOBODY, Party("8 men", "", 7), fig(8)), 4)
    boys = _coordinated(claim(NOBODY, Party("5 boys", "", 7), fig(5)), 4)
    girls = _coordinated(claim(NOBODY, Party("3 girls", "", 7), fig(3)), 4)
    assert event_fatalities([men, boys, girls]) == Fatalities(16, 16, 16)
    # the same general noun in the parts ("4 civilians, 3 civilians ...") is no total either
    first = _coordinated(claim(NOBODY, Party("7 residents", "", 7), fig(7)), 5)
    second = _coordinated(claim(NOBODY, Party("4 residents", "", 7), fig(4)), 5)
    third = _coordinated(claim(NOBODY, Party("3 children", "", 7), fig(3)), 5)
    assert event_fatalities([first, second, third]) == Fatalities(14, 14, 14)


def test_a_cue_sets_off_a_breakdown_after_any_noun():
    text = "The raid killed 8 fighters - 5 boys and 3 girls - in the camp."
    parts = [("8 fighters", 8, 16), ("5 boys", 5, 29), ("3 girls", 3, 40)]
    claims = [
        _coordinated(Claim(NOBODY, "killed", Party(name, "", 7), fig(n), (at, at + 1), evidence=text), 6)
        for name, n, at in parts
    ]
    assert event_fatalities(claims) == Fatalities(8, 8, 8)
    plain = [replace(c, evidence=text.replace(" -", ",").replace(",  in", " in")) for c in claims]
    assert event_fatalities(plain) == Fatalities(16, 16, 16)


def test_a_word_that_counts_no_one_yields_to_a_number_for_the_group():
    soldiers = Party("soldiers", "PAK", 1)
    officials = Party("security officials", "PAK", 1)
    several = Figure("several", 3, None, None, "vague")
    claims = [
        claim(PAK_MIL, soldiers, fig(23)),
        claim(officials, soldiers, several),  # "several bodies" beside the army's 23
        claim(AFG_GOV, soldiers, fig(58)),
    ]
    (g,) = group_estimates(claims)
    assert (g.low, g.best, g.high, g.contested) == (23, 23, 58, True)
    assert len(g.claims) == 3  # the vague claim is still behind the group
    # alone, the word is read as ACLED reads it
    (alone,) = group_estimates([claim(officials, soldiers, several)])
    assert (alone.low, alone.best) == (10, 10)
    # and it still counts for the high
    dozens = Figure("dozens", 24, None, None, "vague")
    (g,) = group_estimates([claim(PAK_MIL, soldiers, fig(9)), claim(AFG_GOV, soldiers, dozens)])
    assert (g.low, g.best, g.high) == (9, 9, 24)
    # a word above the number still contests the group ("hundreds" against 23) ...
    hundreds = Figure("hundreds", 200, None, None, "vague")
    (g,) = group_estimates([claim(PAK_MIL, soldiers, fig(23)), claim(AFG_GOV, soldiers, hundreds)])
    assert (g.low, g.contested) == (23, True)
    # ... and an independent word is still the best, read no lower than the number
    (g,) = group_estimates([claim(PAK_MIL, soldiers, fig(23)), claim(UN, soldiers, dozens)])
    assert (g.low, g.best, g.high, g.rule, g.contested) == (23, 24, 24, "independent", False)
