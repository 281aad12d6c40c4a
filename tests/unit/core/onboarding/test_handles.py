"""The handle rules: the acronym however it is disguised, X's own rules, no false alarms."""

from __future__ import annotations

import pytest

from app.core.onboarding.rules import contains_acronym, evaluate, x_handle_problem
from app.core.packs import Question, Rule

PLACES = [
    "London",
    "Leeds",
    "Cardiff",
    "Bristol",
    "Glasgow",
    "Kent",
    "Wales",
    "YP",
    "Belfast",
    "North",
]
# Ten disguises of the acronym, each with ten places: 100 handles that must be refused.
DISGUISES = [
    "@{p}_I_E_T",
    "@I.E.T.{p}",
    "@I-E-T-{p}",
    "@{p} I E T",
    "@i_e_t_{p}",
    "@ІЕТ{p}",  # Cyrillic І, Е, Т
    "@the_iet_{p}",
    "@{p}IET",
    "@theiet{p}",
    "@ＩＥＴ_{p}",  # full-width letters
]
REFUSED = [d.format(p=p) for d in DISGUISES for p in PLACES]
# 100 ordinary handles, many holding the letters i-e-t inside real words.
ORDINARY = [
    "@QuietEngineer",
    "@quiet_lab",
    "@SovietHistoryUK",
    "@juliet_smith",
    "@dietitian_jo",
    "@varietyshow",
    "@societyofengineers",
    "@piety_and_pints",
    "@anxietyUK",
    "@sobriety_club",
    "@propriety_law",
    "@notoriety_band",
    "@satiety_research",
    "@moiety_music",
    "@quietude",
    "@DietClubLeeds",
    "@Quietly_Coding",
    "@dietary_notes",
    "@quieter_streets",
    "@societyoflondon",
    "@LondonEngineers",
    "@LeedsMakers",
    "@CardiffTech",
    "@BristolRobotics",
    "@GlasgowCoders",
    "@KentBridges",
    "@WalesEnergy",
    "@YP_Network",
    "@BelfastBuilds",
    "@NorthernRail_fan",
    "@engineering_mum",
    "@civil_eng_sam",
    "@power_systems",
    "@grid_watcher",
    "@rail_signals",
    "@solar_sheffield",
    "@wind_farm_news",
    "@bridge_spotter",
    "@circuit_sarah",
    "@pcb_designs",
    "@materials_mike",
    "@mining_history",
    "@metal_fatigue",
    "@ceramics_lab",
    "@polymer_pete",
    "@aero_anna",
    "@space_nerd_uk",
    "@robot_racing",
    "@drone_dave",
    "@cad_drawings",
    "@women_in_stem",
    "@stem_ambassador",
    "@girls_who_code",
    "@maker_faire_uk",
    "@hackspace_mcr",
    "@steam_trains",
    "@canal_locks",
    "@tunnel_vision",
    "@water_works",
    "@sewer_history",
    "@TheEngineer",
    "@EngineerJo",
    "@ProfSmithEng",
    "@DrAhmedPower",
    "@NiamhBuilds",
    "@SeanMakes",
    "@PriyaCodes",
    "@OwainTech",
    "@FionaFixes",
    "@KwameKirk",
    "@quietcoffee",
    "@dietcoke_fan",
    "@sovietposters",
    "@juliettango",
    "@society_news",
    "@variety_pack",
    "@piety_street",
    "@anxiety_aid",
    "@gaiety_theatre",
    "@propriety_pr",
    "@clarets_fan",
    "@ieee_student",
    "@ie_uni",
    "@mit_alumni",
    "@itv_news",
    "@PaulETaylor",
    "@kite_flyers",
    "@the_quiet_one",
    "@dietplan",
    "@soviet_space",
    "@quiet_garden",
    "@soviet_art_uk",
    "@juliet_rose",
    "@society_bristol",
    "@diet_science",
    "@quiet_carriage",
    "@riot_grrl",
    "@poet_laureate",
    "@diet_kitchen",
    "@fiets_nl",
]


def test_there_are_two_hundred_handles() -> None:
    """A hundred each way, so both kinds of mistake would show."""
    assert (len(REFUSED), len(set(ORDINARY))) == (100, 100)


@pytest.mark.parametrize("handle", REFUSED)
def test_a_disguised_acronym_is_caught(handle: str) -> None:
    """Separators, look-alike letters and full-width forms do not hide 'IET'."""
    assert contains_acronym(handle, "IET")


@pytest.mark.parametrize("handle", ORDINARY)
def test_an_ordinary_handle_passes(handle: str) -> None:
    """'quiet', 'soviet', 'juliet' and the rest are words, not the acronym."""
    assert not contains_acronym(handle, "IET")


@pytest.mark.parametrize("handle", ["@London_I_E_T", "@I.E.T.London"])
def test_the_handles_from_the_report_are_caught(handle: str) -> None:
    """The two handles that used to slip through."""
    assert contains_acronym(handle, "IET")


@pytest.mark.parametrize("handle", ["@I0M3_London", "@iom3_scotland", "@i.o.m.3"])
def test_an_acronym_with_a_digit_is_caught(handle: str) -> None:
    """IOM3, with a zero for the O or dots between, is still IOM3."""
    assert contains_acronym(handle, "IOM3")


X_RULE = Question(
    id="x",
    clause="5.4",
    prompt="Your X handle",
    kind="text",
    required=False,
    help="",
    rules=(Rule("x_handle", None, "block", "Type it as X shows it."),),
)


def test_a_dotted_handle_is_not_an_x_handle() -> None:
    """X allows letters, digits and underscores only: the dot is named."""
    (outcome,) = evaluate(X_RULE, "@I.E.T.London")
    assert outcome.message == (
        "An X handle can have only letters A-Z, digits and underscores, not '.'. "
        "Type it as X shows it."
    )


def test_a_handle_longer_than_fifteen_characters_is_refused() -> None:
    """Sixteen characters after the @ are one too many."""
    assert x_handle_problem("@CardiffEngineers") == (
        "An X handle has at most 15 characters after the @; this one has 16."
    )


@pytest.mark.parametrize("handle", ["@CardiffEng", "LeedsMakers_1", "@a"])
def test_a_valid_x_handle_passes(handle: str) -> None:
    """Letters, digits and underscores up to fifteen are fine, with or without @."""
    assert x_handle_problem(handle) == ""
