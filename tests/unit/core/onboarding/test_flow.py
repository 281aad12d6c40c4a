"""The steps a person sees depend on their role and whether they run an account."""

from __future__ import annotations

from app.core.onboarding import flow
from app.core.onboarding.session import Identity


def test_questionnaire_only_for_account_holders(iet_pack) -> None:
    """Someone without an organisation account is not asked the set-up questions."""
    keys = [s.key for s in flow.steps_for(iet_pack, Identity(role="Volunteer"))]
    assert flow.QUESTIONNAIRE not in keys
    keys = [s.key for s in flow.steps_for(iet_pack, Identity(role="Volunteer", runs_account=True))]
    assert keys.index(flow.QUIZ) < keys.index(flow.QUESTIONNAIRE) < keys.index(flow.CHECKLIST)


def test_every_section_is_a_step_in_order(iet_pack) -> None:
    """One step per section, in the pack's order, between About you and the quiz."""
    steps = flow.steps_for(iet_pack, Identity(role="Member"))
    section_titles = [s.title for s in steps if s.key.startswith(flow.SECTION_PREFIX)]
    assert section_titles == [s.heading for s in iet_pack.sections]
    assert [s.key for s in steps][-4:] == [flow.CHECKLIST, flow.REVIEW, flow.SIGN, flow.DONE]


def test_trustees_have_more_steps_where_the_pack_has_senior_content(iom3_pack) -> None:
    """An IOM3 trustee reads the senior-roles section; a volunteer does not."""
    volunteer = flow.steps_for(iom3_pack, Identity(role="Volunteer"))
    trustee = flow.steps_for(iom3_pack, Identity(role="Trustee"))
    assert len(trustee) == len(volunteer) + 1
    assert flow.position(trustee, flow.SIGN) == (len(trustee) - 1, len(trustee))
