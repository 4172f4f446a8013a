from lint.cli import main

main()
