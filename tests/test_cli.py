import argparse

import pytest

from flows.cli import _parser, _summary_text, main


def test_every_command_and_option_has_help_text():
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert set(helps) == {"run", "add", "serve", "status"} and all(helps.values())
    for name, command in sub.choices.items():
        for action in command._actions:
            if not isinstance(action, argparse._HelpAction):
                assert action.help, f"plenipo {name} {action.dest} has no help text"


def test_help_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["run", "--help"])
    assert exc.value.code == 0
    assert "--data" in capsys.readouterr().out


def test_status_of_an_empty_data_folder(tmp_path, capsys):
    assert main(["status", "--data", str(tmp_path / "none")]) == 0
    assert "(none)" in capsys.readouterr().out


def test_summary_text_names_the_counts():
    text = _summary_text({"run_id": "r", "data": "d", "new": 3, "unchanged": 2, "failed": 1, "replaced": 0,
                          "rows_written": {"documents": 3, "dates": 0}, "seconds": 1.25})
    assert "3 new, 2 unchanged, 1 failed" in text and "3 documents" in text and "dates" not in text
