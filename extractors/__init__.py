"""plenipo's pipeline steps: pure functions over the dataclasses in `extractors.model`."""
