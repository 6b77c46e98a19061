"""``llmhub plot``: price against quality for each role's candidates, and for the catalog."""
