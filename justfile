# llmhub: how everyone works. `just` lists the recipes.

python := env_var_or_default("PYTHON", "python")

# List the recipes
default:
    @just --list

# (doctor's `-` below lets the demo go on when it fails only because no API keys are set)
# Run the main job on the bundled data: build the catalog, generate llmhub.yaml, explain each pick
demo:
    {{python}} -m llmhub catalog refresh --source snapshot
    -{{python}} -m llmhub doctor --no-network
    {{python}} -m llmhub generate --spec examples/llmhub.spec.yaml --out llmhub.yaml --explain
    {{python}} -m llmhub runtime show --config llmhub.yaml

# Run the test suite on every core, a file per worker (extra arguments go to pytest, e.g. `just test -k spec`)
test *args:
    {{python}} -m pytest -n auto --dist loadfile {{args}}

# Check lint, formatting and types without changing files
lint:
    {{python}} -m ruff check .
    {{python}} -m ruff format --check .
    {{python}} -m mypy

# Format the code and apply safe lint fixes
fmt:
    {{python}} -m ruff format .
    {{python}} -m ruff check --fix .

# Build the docs with every warning an error, and check the generated pages are current
docs:
    {{python}} scripts/gen_docs.py --check
    NO_MKDOCS_2_WARNING=1 {{python}} -m mkdocs build --strict --quiet

# Regenerate the CLI reference and the sample outputs in docs/ from the code
docs-gen:
    {{python}} scripts/gen_docs.py

# Run the benchmarks: medians of several runs, ratios measured side by side
bench:
    {{python}} tests/bench/run_all.py

# Refresh the catalog from the live sources, falling back to the last good data, then the snapshots
refresh-catalog *args:
    {{python}} -m llmhub catalog refresh {{args}}

# Check the exported config against the real LiteLLM Proxy on loopback (installs it once into .cache/)
proxy-check *args:
    PYTHON={{python}} bash tests/proxy/proxy_check.sh {{args}}

# Regenerate llmhub/litellm_known.py and litellm_refused.py (litellm facts) after upgrading litellm
litellm-known *args:
    {{python}} scripts/gen_litellm_known.py {{args}}
