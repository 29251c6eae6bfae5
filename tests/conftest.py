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
# A long hunt before a release: HYPOTHESIS_PROFILE=fuzz, with a new --hypothesis-seed each
# time (about 7 minutes for tests/ on the 2-core development machine). It found compact
# refusing "0E0" where a property test assumed it would not.
settings.register_profile(
    "fuzz", deadline=None, max_examples=2000, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
