"""Shared test set-up: a private PREFECT_HOME, a deterministic hypothesis profile, paths."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Prefect reads its settings at import: give the test session its own home and database.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="plenipo-prefect-"))
os.environ.pop("PREFECT_API_URL", None)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", derandomize=True, max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
BADINPUTS = SHARED / "badinputs"
DEVDATA = SHARED / "devdata"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the checkout")


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """The seeds in a folder a test may change."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in SEEDS.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    return folder
