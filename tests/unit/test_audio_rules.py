from datetime import UTC, datetime, timedelta

import pytest

from vaktaal.audio import MAX_RECORDING_BYTES, Backoff, Probe, Source, clip_key, recording_problem, text_version

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
GOOD = Probe("mp3", 1.2, 1, 0)


def test_clip_key_changes_with_text_and_source_only():
    assert clip_key("de dweil", Source.ESPEAK) == clip_key("de dweil", Source.ESPEAK)
    assert clip_key("de dweil", Source.ESPEAK) != clip_key("de dweilen", Source.ESPEAK)
    assert clip_key("de dweil", Source.ESPEAK) != clip_key("de dweil", Source.GTTS)
    assert clip_key("de dweil", Source.GTTS).startswith("gtts-")


def test_text_version_is_short_and_stable():
    assert text_version("Pak de dweil.") == text_version("Pak de dweil.")
    assert len(text_version("Pak de dweil.")) == 16


def test_backoff_pauses_a_failing_source_then_tries_again():
    backoff = Backoff(pause=timedelta(minutes=10))
    assert backoff.available(now=NOW)
    backoff.failed(now=NOW)
    assert not backoff.available(now=NOW + timedelta(minutes=9))
    assert backoff.available(now=NOW + timedelta(minutes=10))
    backoff.succeeded()
    assert backoff.available(now=NOW)


@pytest.mark.parametrize(
    ("probe", "size", "words"),
    [
        (GOOD, MAX_RECORDING_BYTES + 1, "te groot"),
        (GOOD, 0, "leeg"),
        (None, 100, "geen geluidsbestand"),
        (Probe("png_pipe", None, 0, 1), 100, "geen geluidsbestand"),
        (Probe("matroska", 2.0, 1, 1), 100, "geen video"),
        (Probe("wav", 16.0, 1, 0), 100, "te lang"),
        (Probe("wav", 0.1, 1, 0), 100, "te kort"),
    ],
)
def test_recording_problems_are_explained_in_dutch(probe, size, words):
    assert words in recording_problem(probe, size)


def test_a_normal_recording_is_fine():
    assert recording_problem(GOOD, 20_000) is None
