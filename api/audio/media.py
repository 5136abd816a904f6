"""ffprobe and ffmpeg: recognise audio by its content, and turn anything phones record into compact MP3."""

import json
import subprocess
import tempfile

from vaktaal.audio import Probe


class MediaError(Exception):
    pass


def probe(data: bytes, *, timeout: float = 20) -> Probe | None:
    """Inspect media bytes; None when ffprobe does not recognise them as media.

    The bytes go through a temporary file, not a pipe, so ffprobe can seek and find the duration.
    """
    entries = "format=format_name,duration:stream=codec_type"
    with tempfile.NamedTemporaryFile(suffix=".media") as handle:
        handle.write(data)
        handle.flush()
        try:
            result = subprocess.run(
                ["ffprobe", "-v", "error", "-show_entries", entries, "-of", "json", "-i", handle.name],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise MediaError(f"ffprobe failed: {exc}") from exc
    if result.returncode != 0:
        return None
    info = json.loads(result.stdout or b"{}")
    streams = [s.get("codec_type") for s in info.get("streams", [])]
    fmt = info.get("format", {})
    duration = fmt.get("duration")
    return Probe(
        format_name=fmt.get("format_name", ""),
        duration=float(duration) if duration not in (None, "N/A") else None,
        audio_streams=streams.count("audio"),
        video_streams=streams.count("video"),
    )


def to_mp3(data: bytes, *, timeout: float = 60) -> bytes:
    """Transcode any audio to mono MP3 without metadata (names, devices, locations are dropped)."""
    try:
        result = subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-i",
                "pipe:0",
                "-vn",
                "-map_metadata",
                "-1",
                "-ac",
                "1",
                "-ar",
                "44100",
                "-codec:a",
                "libmp3lame",
                "-b:a",
                "64k",
                "-f",
                "mp3",
                "pipe:1",
            ],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MediaError(f"ffmpeg failed: {exc}") from exc
    if result.returncode != 0 or not result.stdout:
        raise MediaError("ffmpeg could not convert the audio: " + result.stderr.decode(errors="replace")[-300:])
    return result.stdout
