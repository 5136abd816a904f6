"""Audio infrastructure: text-to-speech engines, media tools (ffmpeg) and storage."""
