"""The extension _psmlir (build/python), with a clear error if it is not
built. setup.sh's .pth file puts build/python on the path; a checkout used
without it finds the extension beside the package."""

import os
import sys


def _load():
    try:
        import _psmlir
        return _psmlir
    except ImportError as error:
        build = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__)))), "build", "python")
        if os.path.isdir(build) and build not in sys.path:
            sys.path.append(build)
            return _load()
        raise ImportError(
            f"psmlir: the extension _psmlir is not built ({error}); run "
            "scripts/setup.sh, or cmake --build build --target _psmlir"
        ) from error


_ext = _load()
CompileError = _ext.CompileError
NoGpuError = _ext.NoGpuError
default_options = _ext.default_options
check_options = _ext.check_options
compile = _ext.compile
tune = _ext.tune
find_recorded = _ext.find_recorded
compile_aot = _ext.compile_aot
compile_gpu = _ext.compile_gpu
show_cpu_stage = _ext.show_cpu_stage
show_gpu_code = _ext.show_gpu_code
cache_directory = _ext.cache_directory
