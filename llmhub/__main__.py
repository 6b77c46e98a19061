from llmhub.cli.main import run

run()
