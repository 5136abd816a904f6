"""Serves the web app in frontend/ from the same origin as the API, compressed for slow phone connections."""

import gzip
import hashlib
import mimetypes
import re
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, request, send_from_directory
from werkzeug.security import safe_join

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"
COMPRESSIBLE = {".html", ".js", ".css", ".svg", ".json", ".webmanifest", ".txt"}
TYPES = {".webmanifest": "application/manifest+json"}

bp = Blueprint("frontend", __name__)


@lru_cache(maxsize=256)
def _gzipped(path: str, mtime: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


def _serve(filename: str, *, cache: str = "no-cache") -> Response:
    """A frontend file; gzip when the browser accepts it (the first load must fit in 150 KB transferred)."""
    path = safe_join(str(FRONTEND), filename)
    if path is None or not Path(path).is_file():
        abort(404)
    suffix = Path(path).suffix
    if suffix in COMPRESSIBLE and "gzip" in request.headers.get("Accept-Encoding", ""):
        body = _gzipped(path, Path(path).stat().st_mtime)
        response = Response(
            body, mimetype=TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
        )
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        response.set_etag(f"{Path(path).stat().st_mtime_ns:x}-{len(body):x}-gz")
        response.make_conditional(request)
    else:
        response = send_from_directory(FRONTEND, filename, conditional=True)
        if suffix in TYPES:
            response.mimetype = TYPES[suffix]
    response.headers["Cache-Control"] = cache
    return response


@bp.route("/", methods=["GET"])
@bp.route("/login", methods=["GET"])
def index():
    return _serve("index.html")


def shell_version() -> str:
    """A hash of every frontend file but the service worker itself. Served inside sw.js, so any change to the app
    makes the browser install a new service worker (and with it a fresh app shell) on the phones."""
    files = sorted(p for p in FRONTEND.rglob("*") if p.is_file() and p.name != "sw.js")
    return _shell_hash(tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@lru_cache(maxsize=8)
def _shell_hash(files: tuple) -> str:
    digest = hashlib.sha256()
    for path, _, _ in files:
        digest.update(path.relative_to(FRONTEND).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


VERSION_LINE = re.compile(rb'const VERSION = "[0-9a-f]*";')


@bp.route("/sw.js", methods=["GET"])
def service_worker():
    """The service worker, at the root so its scope is the whole app, with the app's current version filled in."""
    source = (FRONTEND / "sw.js").read_bytes()
    body = VERSION_LINE.sub(f'const VERSION = "{shell_version()}";'.encode(), source, count=1)
    response = Response(body, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(hashlib.sha256(body).hexdigest()[:16])
    return response.make_conditional(request)


@bp.route("/manifest.webmanifest", methods=["GET"])
def manifest():
    return _serve("manifest.webmanifest")


@bp.route("/static/<path:filename>", methods=["GET"])
def static(filename):
    return _serve(filename)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
