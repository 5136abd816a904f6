"""QR codes as SVG data URLs, so they show in an <img> (and on paper) without another, authenticated request."""

import segno


def qr_data_url(url: str, *, scale: int = 6, border: int = 2) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=border)
