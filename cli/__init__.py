"""The `govsearch` command: a thin typer layer over the library."""
