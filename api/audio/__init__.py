"""Audio infrastructure: text-to-speech engines, media tools (ffmpeg), storage and signed URLs."""
