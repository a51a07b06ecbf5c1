"""Code generation options: the C++ CompileOptions, by name.

The names, kinds and defaults come from the extension (the options of
ps-lower-to-llvm-pipeline printed with their defaults), so nothing here
repeats the list: Python spells them with underscores (block_rows for
block-rows) and a name the C++ side does not have is refused.
"""

import re

from . import _native

_OPTIONS = None


def option_defaults():
    """{python_name: (pipeline_name, default text)} of every option."""
    global _OPTIONS
    if _OPTIONS is None:
        text = _native.default_options().strip().strip("{}")
        _OPTIONS = {}
        for item in text.split():
            name, _, default = item.partition("=")
            _OPTIONS[name.replace("-", "_")] = (name, default)
    return _OPTIONS


def _kind(default):
    if default in ("true", "false"):
        return bool
    if re.fullmatch(r"-?\d+", default):
        return int
    return str


def options_text(options):
    """`{"vectorize": True, "lanes": 4}` as "vectorize=host lanes=4"."""
    known = option_defaults()
    parts = []
    for key, value in sorted(options.items()):
        name = key.replace("-", "_")
        if name not in known:
            raise TypeError(f"unknown code generation option '{key}'; the "
                            "options are: " + ", ".join(sorted(known)))
        pipeline_name, default = known[name]
        kind = _kind(default)
        if value is None:
            continue
        if name == "vectorize":
            if value is False:
                continue
            value = "host" if value is True else value
        if kind is bool:
            if not isinstance(value, bool):
                raise TypeError(f"option '{key}' takes True or False, got "
                                f"{value!r}")
            text = "true" if value else "false"
        elif kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"option '{key}' takes an integer, got "
                                f"{value!r}")
            text = str(value)
        else:
            text = str(value)
            if not re.fullmatch(r"[\w.,+\-]*", text):
                raise ValueError(f"option '{key}': {value!r} is not a value "
                                 "the pipeline takes")
        parts.append(f"{pipeline_name}={text}")
    return " ".join(parts)


def check(options):
    """The options as pipeline text, checked by the compiler (ValueError
    with its message if they are inconsistent)."""
    text = options_text(options)
    _native.check_options(text)
    return text
