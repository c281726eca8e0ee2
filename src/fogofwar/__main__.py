"""`python -m fogofwar` is the command line."""

from fogofwar.cli import app

app()
