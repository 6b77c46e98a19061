"""The ``llmhub`` command line. Each command group is its own module; commands stay thin."""
