"""The domain core stays free of the web and database layers."""

import subprocess
import sys


def test_vaktaal_imports_no_flask_sqlalchemy_or_marshmallow():
    code = (
        "import pkgutil, importlib, sys, vaktaal\n"
        "for m in pkgutil.walk_packages(vaktaal.__path__, 'vaktaal.'): importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in {'flask', 'sqlalchemy', 'marshmallow', 'api'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
