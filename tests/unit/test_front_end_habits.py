"""Habits of the phone app's code that Biome cannot see: one helper for each thing, used everywhere."""

import re
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parents[2] / "frontend" / "js"
FILES = sorted(JS.glob("*.js"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_text_hidden_from_screen_readers_is_made_by_dom_js_hidden(path):
    if path.name == "dom.js":
        return
    copies = re.findall(r'h\(\s*"span",\s*\{\s*"aria-hidden":\s*"true"\s*\}', path.read_text())
    assert copies == [], f"{path.name}: use hidden(text) from dom.js"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_article_and_term_are_written_by_term_title(path):
    if path.name == "term-view.js":
        return
    by_hand = re.findall(r"\$\{[\w.]*article\} \$\{[\w.]*(?:term|text)\}", path.read_text())
    assert by_hand == [], f"{path.name}: write article + term with termTitle from term-view.js"


def test_the_habits_are_checked_on_real_files():
    assert len(FILES) > 40
    assert "export function hidden(" in (JS / "dom.js").read_text()
    assert "export function termTitle(" in (JS / "term-view.js").read_text()
