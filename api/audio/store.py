"""Where media bytes live (audio, photos): a small interface, a local directory by default (share it, or swap in
object storage, for several app servers)."""

import os
import tempfile
from pathlib import Path
from typing import Protocol


class MediaStore(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...


class LocalFileStore:
    """Files in one directory, written atomically (a reader never sees half a file)."""

    def __init__(self, directory: Path, suffix: str = ".mp3"):
        self.directory = Path(directory)
        self.suffix = suffix
        self.directory.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        if not key or "/" in key or key.startswith("."):
            raise ValueError(f"bad media key {key!r}")
        return self.directory / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def exists(self, key: str) -> bool:
        return self._path(key).exists()

    def delete(self, key: str) -> None:
        """Remove the file (a photo taken off an observation); a missing one is fine."""
        self._path(key).unlink(missing_ok=True)

    def put(self, key: str, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self._path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
