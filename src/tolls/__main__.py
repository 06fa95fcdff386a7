from tolls.cli import main

main()
