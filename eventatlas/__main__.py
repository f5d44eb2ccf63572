from eventatlas.cli import run

run()
