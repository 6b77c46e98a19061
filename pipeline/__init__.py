"""Ingestion jobs: fetch each public source, parse it with an explicit schema, load it into DuckDB.

Imported as ``llmhub.pipeline`` (``llmhub/pipeline`` links here so the wheel ships it).
"""
