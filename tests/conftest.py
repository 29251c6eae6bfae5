"""Test-suite settings."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# The first example of a test may load the packaged tables (tens of milliseconds): no deadline.
settings.register_profile("default", deadline=None)
# CI runs more examples; set HYPOTHESIS_PROFILE=ci.
settings.register_profile(
    "ci", deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
