"""The tour of every window at 100% on the lane's 1366×900 screen."""

from tests.window.tour import *  # noqa: F403 (the same tests, collected here)
