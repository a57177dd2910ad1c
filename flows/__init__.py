"""Prefect flows and tasks: they orchestrate the steps in `extractors` and the writers in `outputs`."""
