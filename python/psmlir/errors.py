"""Errors of the front end and of the compiler, at the user's Python line."""

import linecache
import re

# "file:line:col: error: message" as the compiler's diagnostics read.
_DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): "
                         r"(?P<severity>error|warning|note|remark): "
                         r"(?P<message>.*)$")


class KernelError(ValueError):
    """A kernel the compiler refuses (a typing error, a loop-carried
    dependence, an access outside the fields, ...). The message holds the
    compiler's diagnostics at the Python lines of the assignments that
    caused them, each followed by that line of code; `locations` lists
    (file, line, column) of the errors."""

    def __init__(self, message, locations=()):
        super().__init__(message)
        self.locations = list(locations)


class NoGpuError(RuntimeError):
    """There is no GPU (or no driver) for a CUDA or HIP kernel."""


def with_source_lines(text):
    """The diagnostics of `text`, each followed by its line of Python, and
    the locations of the errors. MLIR's "see current operation" notes are
    left out."""
    out, locations = [], []
    lines = text.splitlines()
    for line in lines:
        if "note: see current operation:" in line:
            continue
        out.append(line)
        match = _DIAGNOSTIC.match(line.strip())
        if not match:
            continue
        file, number = match.group("file"), int(match.group("line"))
        if match.group("severity") == "error":
            locations.append((file, number, int(match.group("col"))))
        source = linecache.getline(file, number).rstrip()
        if source:
            out.append("    " + source.strip())
    return "\n".join(out), locations


def kernel_error(text):
    """A KernelError from the compiler's error text (whose diagnostics name
    parameters by their names)."""
    message, locations = with_source_lines(text)
    # The dialect's keyword, as a Python user states it.
    message = message.replace("say so with `disjoint`",
                              "say so with `disjoint` (create_kernel(..., "
                              "disjoint=True))")
    return KernelError(message, locations)


def located(location, message):
    """A KernelError of the front end at an assignment's location."""
    text = f"{location}: error: {message}"
    source = linecache.getline(location.file, location.line).strip()
    if source:
        text += "\n    " + source
    return KernelError(text, [(location.file, location.line,
                               location.column)])
