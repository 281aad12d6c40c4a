"""Fixtures for the PDF tests: acknowledgement records, and rendering them to files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.onboarding.acknowledgement import AcknowledgementRecord, build_record
from app.core.onboarding.session import OnboardingSession
from app.core.packs import Pack
from app.documents.acknowledgement import render_acknowledgement

APP_VERSION = "0.1.0"


@pytest.fixture
def render_pdf(tmp_path: Path) -> Callable[[AcknowledgementRecord], Path]:
    """Render a record to a PDF file in this test's folder and return its path."""
    count = 0

    def render(record: AcknowledgementRecord) -> Path:
        nonlocal count
        count += 1
        path = tmp_path / f"ack-{count}.pdf"
        path.write_bytes(render_acknowledgement(record))
        return path

    return render


@pytest.fixture
def record_for(
    completed_session: Callable[..., OnboardingSession],
) -> Callable[..., AcknowledgementRecord]:
    """Build the acknowledgement record of a completed session for `pack`."""

    def build(pack: Pack, **session_options: object) -> AcknowledgementRecord:
        return build_record(pack, completed_session(pack, **session_options), APP_VERSION)

    return build
