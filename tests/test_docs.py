"""Every command is documented: help text in the CLI and a line in the README."""

import re
from pathlib import Path

import pytest
import typer.main

from govsearch.cli.app import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_a_readme_entry():
    group = typer.main.get_command(app)
    assert set(group.commands) == {
        "parse", "index", "query", "show", "stats", "export", "similar", "measures", "trend",
        "serve", "import",
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


ROOT = Path(__file__).resolve().parent.parent
PYTHON_BLOCKS = re.findall(r"^```python\n(.*?)^```", README, re.S | re.M)


def test_readme_has_python_examples():
    assert len(PYTHON_BLOCKS) >= 2


@pytest.mark.parametrize("n", range(len(PYTHON_BLOCKS)))
def test_readme_python_blocks_run(n, tmp_path, monkeypatch):
    # Against a temporary index, from the repository root (the examples read corpus/).
    monkeypatch.setenv("GOVSEARCH_INDEX", str(tmp_path / "index"))
    monkeypatch.chdir(ROOT)
    exec(compile(PYTHON_BLOCKS[n], f"README.md python block {n + 1}", "exec"), {})


def test_every_data_file_is_installed():
    # A non-editable install (what CI runs) ships only the package-data globs.
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["govsearch.indexer"]
    for path in (ROOT / "indexer" / "data").iterdir():
        assert any(fnmatch.fnmatch(f"data/{path.name}", g) for g in globs), path.name


SHELL_BLOCKS = [
    b for b in re.findall(r"^```sh\n(.*?)^```", README, re.S | re.M) if b.startswith("$ ")
]


def _examples() -> list[tuple[str, list[str]]]:
    """(command, the lines shown after it) of every `$ govsearch …` line of the README."""
    out = []
    for block in SHELL_BLOCKS:
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            if command.startswith("govsearch "):
                out.append((command.split("  #")[0].strip(), shown))
    return out


def test_readme_has_shell_examples():
    assert len(_examples()) >= 8


@pytest.mark.parametrize(("command", "shown"), _examples(), ids=lambda v: str(v)[:40])
def test_readme_shell_examples_print_what_they_show(
    command, shown, built_index, tmp_path, monkeypatch
):
    """Each example, run on the bundled corpus, prints exactly the lines shown (JSON shown on
    one line compares as data)."""
    import json
    import shlex

    from typer.testing import CliRunner

    monkeypatch.setenv("GOVSEARCH_INDEX", str(built_index.path))
    monkeypatch.chdir(tmp_path)  # `--output reports.db` lands here
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    if shown and shown[0].startswith("{"):
        assert json.loads(result.stdout) == json.loads("\n".join(shown))
    else:
        assert result.stdout.splitlines() == shown
