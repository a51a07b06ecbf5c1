"""docs/Python.md runs as written: every ```python block in order in one
namespace (compiled as docs/Python.md, at its lines), every ```sh block in
bash from the repository root, each output against the ```text block that
follows it. A ```python block marked `pystencils` is the original a port
starts from: it runs with its import line changed to psmlir, and must print
what the port prints.

PS_DOCS_UPDATE=1 rewrites the ```text blocks with what the snippets print.
"""

import contextlib
import io
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
DOC = "docs/Python.md"
FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```\n", re.S | re.M)


def blocks(text):
    """(kind, marks, code, first line of code, span) of every fence."""
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start(3)) + 1
        yield m.group(1), m.group(2).strip(), m.group(3), line, m.span()


def run_python(code, line, namespace):
    out = io.StringIO()
    padded = "\n" * (line - 1) + code
    with contextlib.redirect_stdout(out):
        exec(compile(padded, DOC, "exec"), namespace)
    return out.getvalue()


def run_sh(code):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(["bash", "-c", "set -e\n" + code], cwd=ROOT,
                          env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_python_md():
    path = os.path.join(ROOT, DOC)
    text = open(path).read()
    found = list(blocks(text))
    namespace = {"__name__": "__doc__"}
    cwd = os.getcwd()
    os.chdir(ROOT)
    updates, ran, original = [], 0, None
    try:
        for i, (kind, marks, code, line, span) in enumerate(found):
            if kind == "python" and "pystencils" in marks:
                ported = code.replace("import pystencils as ps",
                                      "import psmlir as ps")
                assert ported != code, "a pystencils block imports pystencils"
                original = run_python(ported, line, dict(namespace))
                continue
            elif kind == "python":
                output = run_python(code, line, namespace)
                if original is not None:
                    assert output == original, f"{DOC}:{line}: the port " \
                        "prints other things than the pystencils original"
                    original = None
            elif kind == "sh":
                output = run_sh(code)
            else:
                continue
            ran += 1
            following = found[i + 1] if i + 1 < len(found) else None
            between = text[span[1]:following[4][0]] if following else ""
            if following and following[0] == "text" and not between.strip():
                if os.environ.get("PS_DOCS_UPDATE"):
                    updates.append((following[4], output))
                else:
                    assert output == following[2], \
                        f"{DOC}:{line}: the snippet printed\n{output}"
    finally:
        os.chdir(cwd)
    assert ran >= 8
    for (start, end), output in reversed(updates):
        text = text[:start] + "```text\n" + output + "```\n" + text[end:]
    if updates:
        open(path, "w").write(text)
