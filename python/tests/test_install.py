"""After scripts/setup.sh, Debian's /usr/bin/python3 imports psmlir from any
folder with no environment variables (a .pth file in dist-packages)."""

import os
import subprocess

import pytest


PTH = "/usr/lib/python3/dist-packages/psmlir.pth"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__))))


def test_import_from_anywhere_without_environment(tmp_path):
    if not os.path.exists(PTH):
        pytest.skip("scripts/setup.sh has not installed psmlir.pth")
    with open(PTH) as pth:
        named = pth.readline().strip()
    if named != os.path.join(ROOT, "python"):
        pytest.skip(f"psmlir.pth names another checkout ({named}): "
                    "scripts/setup.sh last ran there")
    env = {"PATH": "/usr/bin:/bin", "PS_CACHE_DIR": str(tmp_path)}
    out = subprocess.run(
        ["/usr/bin/python3", "-c", "import psmlir, _psmlir; "
         "print(psmlir.__name__, 'vectorize' in psmlir.option_defaults())"],
        cwd="/", env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["psmlir", "True"]
