"""`demo --lesson digits` picks the shipped lesson, which plays on its own data set; `lesson
digits` prints it; options that would change its data are refused in one line."""

from __future__ import annotations

from hostile import assert_well_behaved, cli_result, invoke

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
