"""Photos from the work floor: checked by content, turned upright, stripped of EXIF and location, resized."""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from vaktaal.errors import Invalid

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1280
ALLOWED = {"JPEG", "PNG", "WEBP", "GIF"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # a phone photo is ~12 MP; anything far bigger is refused, not decoded


def clean_photo(data: bytes) -> bytes:
    """A JPEG of at most MAX_SIDE pixels without any metadata, or Invalid with a message for the teacher."""
    if len(data) > MAX_PHOTO_BYTES:
        raise Invalid(f"De foto is te groot: maximaal {MAX_PHOTO_BYTES // (1024 * 1024)} MB.")
    if not data:
        raise Invalid("Het bestand is leeg.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        raise Invalid("Dit is geen foto. Maak een foto met de camera en probeer het opnieuw.") from None
    if kind not in ALLOWED:
        raise Invalid("Alleen foto's (JPEG, PNG of WebP).")
    # A new image from the pixels alone: no EXIF, GPS, maker notes or comments survive.
    clean = Image.new("RGB", upright.size, (255, 255, 255))
    clean.paste(upright.convert("RGBA"), mask=upright.convert("RGBA").getchannel("A"))
    clean.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()
