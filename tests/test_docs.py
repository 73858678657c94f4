"""Every command is documented: help text in the CLI and a line in the README."""

from pathlib import Path

import typer.main

from govsearch.cli.app import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_a_readme_entry():
    group = typer.main.get_command(app)
    assert set(group.commands) == {
        "parse", "index", "query", "show", "stats", "export", "similar", "measures", "serve"
    }  # fmt: skip
    for name, command in group.commands.items():
        assert command.help, name
        assert f"`govsearch {name}" in README, name


def test_readme_quick_start_is_the_ci_test_command():
    root = Path(__file__).parent.parent
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    script = (root / "scripts" / "test").read_text(encoding="utf-8")
    assert "\n    bash scripts/test\n" in README
    assert "\nbash scripts/test\n" in ci
    assert "pip install '.[test]'\npytest" in script and "apt-get install" in script
    assert (
        'pip install . && govsearch index corpus && govsearch query "政策解读" --year 2021'
        in README
    )
