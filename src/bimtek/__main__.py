from bimtek.cli import main

main()
