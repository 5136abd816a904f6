import random

import pytest

from vaktaal import login_codes


def test_codes_use_only_unambiguous_characters():
    rng = random.Random(1)
    for _ in range(200):
        code = login_codes.generate_code(rng)
        assert len(code) == 8
        assert not set(code) & set("0O1IL2Z5S8BUVDQ")


def test_typed_code_is_normalised():
    assert login_codes.normalize_code(" acef-ghjk ") == "ACEFGHJK"


@pytest.mark.parametrize("typed", ["", "ACEF", "ACEFGHJKM", "ACEF-GHJ0", "ACEF GHJI"])
def test_impossible_codes_are_refused(typed):
    with pytest.raises(ValueError, match="A login code has 8 characters"):
        login_codes.normalize_code(typed)


def test_format_shows_two_groups():
    assert login_codes.format_code("ACEFGHJK") == "ACEF-GHJK"
