from llmhub.cli.main import main

main()
