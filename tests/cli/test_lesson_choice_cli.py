"""`demo --lesson digits` picks the shipped lesson, which plays on its own data set; `lesson
digits` prints it; options that would change its data are refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import assert_well_behaved, cli_result, invoke

from l1l2_tui.cli.lesson_choice import lesson_source
from l1l2_tui.lesson import parse_lesson, shipped_lesson


def test_lesson_digits_prints_the_shipped_lesson():
    result = cli_result("lesson", "digits")
    assert result.exit_code == 0, result.stderr
    assert parse_lesson(result.stdout, "printed") == shipped_lesson("digits")
    assert 'dataset = "digits"' in result.stdout


def test_an_unknown_shipped_lesson_is_named():
    code, out, err = invoke("lesson", "mnist")
    assert_well_behaved(code, out, err, 2)
    assert "no shipped lesson 'mnist'; choose one of digits" in err


def test_demo_and_serve_say_how_to_pick_the_digits_lesson():
    for command in ("demo", "serve"):
        result = cli_result(command, "--help")
        assert "digits" in result.stdout


def test_data_options_that_contradict_the_lesson_are_refused(tmp_path):
    csv = tmp_path / "d.csv"
    csv.write_text("a,b\n1,2\n3,4\n5,7\n", encoding="utf-8")
    cases = [
        (("--dataset", "diabetes"), "--dataset: the lesson"),
        (("--dataset", "digits", "--digit", "3"), "--digit: the lesson"),
        (("--data", str(csv)), "--data: the lesson"),
        (("--loss", "squared"), "--loss: the lesson"),
    ]
    for options, message in cases:
        for argv in (
            ("demo", "--lesson", "digits", *options),
            (*options, "demo", "--lesson", "digits"),
        ):
            code, out, err = invoke(*argv)
            assert_well_behaved(code, out, err, 2)
            assert message in err and "plays on dataset digits, digit 0" in err, err


def test_a_shipped_name_is_not_read_as_a_file_but_a_path_is(tmp_path):
    lesson = tmp_path / "digits"
    lesson.write_text("not toml [", encoding="utf-8")
    code, out, err = invoke("demo", "--lesson", str(lesson))
    assert_well_behaved(code, out, err, 2)
    assert "invalid TOML" in err


def lesson_files(tmp_path: Path) -> Path:
    """A working folder holding a file ``digits``, and a lesson folder ``lessons`` holding
    ``week3.toml`` and ``stochastic.toml``."""
    (tmp_path / "digits").write_text("a file named like a shipped lesson")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "week3.toml").write_text("week three")
    (tmp_path / "lessons" / "stochastic.toml").write_text("the teacher's own")
    return tmp_path / "lessons"


# --lesson as typed, --lesson-folder given or not: what is played (a path relative to the
# working folder, or "shipped:NAME")
SOURCES = {
    "./digits is the file": ("./digits", False, "digits"),
    "digits, a file that exists, is the file": ("digits", False, "digits"),
    "a shipped name with no file of that name": ("stochastic", False, "shipped:stochastic"),
    "the lesson folder before the shipped lessons": ("stochastic", True, "lessons/stochastic.toml"),
    "a name in the lesson folder": ("week3", True, "lessons/week3.toml"),
    "a name.toml in the lesson folder": ("week3.toml", True, "lessons/week3.toml"),
    "a name nowhere is read as a file": ("week4", True, "week4"),
    "a path is not looked up in the folder": ("sub/week3", True, "sub/week3"),
}


@pytest.mark.parametrize("case", SOURCES)
def test_where_a_lesson_comes_from(tmp_path, monkeypatch, case):
    folder = lesson_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    lesson, with_folder, expected = SOURCES[case]
    source = lesson_source(lesson, folder if with_folder else None)
    if isinstance(source, str):
        assert f"shipped:{source}" == expected
    else:
        assert tmp_path / source == tmp_path / expected


def test_a_lesson_folder_from_a_settings_file_may_start_with_a_tilde(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    lesson_files(tmp_path)
    assert lesson_source("week3", Path("~/lessons")) == tmp_path / "lessons" / "week3.toml"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--lesson", "./digits"], "digits: invalid TOML"),
        (["--lesson", ""], "--lesson: the name is empty"),
        (["--lesson", "week3", "--lesson-folder", "lessons"], "week3.toml: invalid TOML"),
        (["--lesson", "week3", "--lesson-folder", "nope"], "nope: no such folder"),
        (["--lesson", "week4", "--lesson-folder", "lessons"], "week4: no such file"),
    ],
)
@pytest.mark.parametrize("command", [["demo"], ["serve", "demo", "--port", "0"]])
def test_a_lesson_that_cannot_be_played_is_one_line(tmp_path, monkeypatch, command, args, words):
    lesson_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(*command, *args)
    assert_well_behaved(code, out, err, 2)
    assert words in err


def test_serve_hands_each_tab_the_shipped_lesson_by_name_and_the_digits_options():
    from pathlib import Path

    from l1l2_tui.config import RunConfig
    from l1l2_tui.engine import ProblemSpec
    from l1l2_tui.web.serve import AppOptions, app_argv

    spec = ProblemSpec(dataset="digits", digit="ge5", loss="logistic")
    argv = app_argv(AppOptions(RunConfig(spec), demo=True, lesson=Path("digits")))
    assert "--lesson=digits" in argv
    assert {"--dataset=digits", "--digit=ge5", "--loss=logistic"} <= set(argv)
    argv = app_argv(AppOptions(RunConfig(ProblemSpec(image_shape=(2, 5)))))
    assert "--image-shape=2x5" in argv


@pytest.mark.parametrize(
    ("lesson", "passed_on"),
    [("./digits", "--lesson={cwd}/digits"), ("stochastic", "--lesson=stochastic")],
)
def test_serve_hands_each_tab_the_lesson_it_chose(tmp_path, monkeypatch, lesson, passed_on):
    import l1l2_tui.web.serve
    from l1l2_tui.lesson import format_lesson

    (tmp_path / "digits").write_text(format_lesson(shipped_lesson("digits")))
    monkeypatch.chdir(tmp_path)
    served = []
    monkeypatch.setattr(l1l2_tui.web.serve, "serve", lambda options, **_: served.append(options))
    result = cli_result("serve", "demo", "--port", "0", "--lesson", lesson)
    assert result.exit_code == 0, result.stderr
    argv = l1l2_tui.web.serve.app_argv(served[0])
    assert passed_on.format(cwd=tmp_path) in argv
