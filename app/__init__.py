"""Induct: onboarding onto a social media policy, with signed acknowledgements."""

__version__ = "0.1.0"
APP_NAME = "Induct"
