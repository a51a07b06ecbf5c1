"""The extension _psmlir (build/python), with a clear error if it is not
built."""

import os
import sys

try:
    from _psmlir import *  # noqa: F401,F403
    from _psmlir import CompileError, NoGpuError as _NoGpuError  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the build
    _build = os.path.join(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))), "build", "python")
    if os.path.isdir(_build) and _build not in sys.path:
        sys.path.append(_build)
        from _psmlir import *  # noqa: F401,F403
        from _psmlir import CompileError, NoGpuError as _NoGpuError  # noqa
    else:
        raise ImportError(
            "psmlir: the extension _psmlir is not built (" + str(error) +
            "); run scripts/setup.sh, or cmake --build build --target "
            "_psmlir") from error
