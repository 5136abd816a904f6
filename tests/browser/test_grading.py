"""The phone grades typed answers offline (frontend/js/grading.js) by the same rules as vaktaal.exercises.grade_typed:
the Python test cases, run against the JavaScript port."""

import pytest

from tests.unit import test_exercises as python_cases
from vaktaal.exercises import Result, grade_typed

pytestmark = pytest.mark.browser

GRADE_ALL = """async (cases) => {
    const { gradeTyped } = await import('/static/js/grading.js');
    return cases.map(([term, typed]) => gradeTyped(term, typed));
}"""


def python_grade_typed_cases():
    """The parametrized cases of tests/unit/test_exercises.py::test_grade_typed, plus the neighbour-swap ones."""
    (mark,) = [m for m in python_cases.test_grade_typed.pytestmark if m.name == "parametrize"]
    cases = list(mark.args[1])
    short = python_cases.make_term(40, "wasem", pos="verb")
    cases += [(short, "wsaem", (Result.SLIP, "spelling")), (short, "wseam", (Result.WRONG, None))]
    return cases


def as_js(term):
    return {"term": term.term, "article": term.article, "pos": term.pos}


def test_javascript_grading_agrees_with_the_python_rules(page, live_server):
    cases = python_grade_typed_cases()
    assert len(cases) > 25
    page.goto(live_server + "/")
    graded = page.evaluate(GRADE_ALL, [[as_js(term), typed] for term, typed, _ in cases])
    for (term, typed, expected), (result, slip) in zip(cases, graded, strict=True):
        assert (result, slip) == (expected[0].value, expected[1]), f"{term.term!r} typed as {typed!r}"
        assert grade_typed(term, typed) == expected


def test_a_writing_exercise_is_graded_as_the_server_would(page, live_server):
    """The exercise's answer {text, article, term} tells a noun (shown with its article) from other terms."""
    page.goto(live_server + "/")
    check = """async () => {
        const { expectedTerm, gradeTyped } = await import('/static/js/grading.js');
        const noun = expectedTerm({ text: 'de dweil', article: 'de', term: 'dweil' });
        const verb = expectedTerm({ text: 'schoonmaken', article: null, term: 'schoonmaken' });
        return [gradeTyped(noun, 'dweil'), gradeTyped(noun, 'De dweil.'), gradeTyped(verb, 'het schoonmaken')];
    }"""
    assert page.evaluate(check) == [["slip", "article"], ["correct", None], ["correct", None]]
