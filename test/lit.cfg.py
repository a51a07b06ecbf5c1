# -*- Python -*-
# The ps lit suite: FileCheck tests of the dialect, its passes and the example
# kernels in docs/examples, plus the GoogleTest unit tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "PS"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ps_obj_root, "test")
# Unit/ is a suite of its own (build/test/Unit), run beside this one.
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Unit"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(
    ("%examples", os.path.join(config.ps_src_root, "docs", "examples")))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
# Scripts run by tests call the project's tools by name.
llvm_config.with_environment("PATH", config.ps_tools_dir, append_path=True)
# Tests never touch the user's kernel cache.
config.environment["PS_CACHE_DIR"] = os.path.join(config.ps_obj_root, "test",
                                                  "ps-cache")

tool_dirs = [config.ps_tools_dir, config.llvm_tools_dir]
tools = [ToolSubst("ps-opt", unresolved="fatal"), ToolSubst("ps-run", unresolved="fatal"),
         ToolSubst("ps-compile", unresolved="fatal"),
         ToolSubst("ps-cache", unresolved="fatal"),
         # Built with the unit tests only (test/Integration/Cache).
         ToolSubst("ps-cache-worker",
                   unresolved="fatal" if config.ps_unittests in ("ON", "1", "TRUE")
                   else "ignore"),
         ToolSubst("ps-gpu-bench", unresolved="fatal"),
         "mlir-translate", "llc"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# The C API test program (test/CAPI), and Debian's mlir-opt loading the ps
# plugin (test/Plugin).
llvm_config.add_tool_substitutions(
    [ToolSubst("ps-capi-test", unresolved="ignore")], [config.ps_tools_dir])
config.substitutions.append(
    ("%mlir_opt", os.path.join(config.llvm_tools_dir, "mlir-opt")))
config.substitutions.append(
    ("%ps_plugin", os.path.join(config.ps_obj_root, "lib", "libPsPlugin.so")))

# Experiments written with AVX-512 intrinsics (bench/experiments) run where
# the CPU has AVX-512.
try:
    with open("/proc/cpuinfo") as cpuinfo:
        if " avx512f" in cpuinfo.read():
            config.available_features.add("avx512f")
except OSError:
    pass

# MPI tests need the MPI worker and mpirun.
import shutil
if config.ps_have_mpi in ("ON", "1", "TRUE") and shutil.which("mpirun"):
    config.available_features.add("mpi")

# GPU toolchains. Tests that need a tool or device library say so with
# REQUIRES; none needs a GPU (the GPU integration tests skip themselves).
cuda_path = os.environ.get("CUDA_HOME") or os.environ.get("CUDA_PATH") or "/usr/local/cuda"
ptxas = os.path.join(cuda_path, "bin", "ptxas")
if os.access(ptxas, os.X_OK):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
    if os.access(os.path.join(cuda_path, "bin", "fatbinary"), os.X_OK):
        config.available_features.add("fatbinary")
if os.path.exists(os.path.join(cuda_path, "nvvm", "libdevice", "libdevice.10.bc")):
    config.available_features.add("libdevice")
config.substitutions.append(("%cuda_path", cuda_path))
rocm_path = os.environ.get("ROCM_PATH") or config.ps_rocm_toolkit_dir
if os.path.exists(os.path.join(rocm_path, "amdgcn", "bitcode", "ocml.bc")):
    config.available_features.add("rocm-device-libs")
config.substitutions.append(("%rocm_path", rocm_path))
config.substitutions.append(
    ("%extract_gpu_binary", "python3 " + os.path.join(
        config.ps_src_root, "scripts", "extract-gpu-binary.py")))
llvm_config.add_tool_substitutions(["llvm-objdump", "llvm-readelf"],
                                   [config.llvm_tools_dir])
# The fake CUDA driver of test/Integration/GPU (built with the unit tests).
fake_cuda = os.path.join(config.ps_obj_root, "lib", "libPsFakeCudaDriver.so")
if os.path.exists(fake_cuda):
    config.available_features.add("fake-cuda")
    config.substitutions.append(("%fake_cuda", fake_cuda))

# Fault tests of the kernel cache (test/Integration/Cache). A small tmpfs
# needs a mount namespace of our own: as root `unshare -m`, otherwise a user
# namespace (`unshare -rm`) where the kernel allows one.
import subprocess
def _works(command):
    try:
        return subprocess.run(command, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False
for _prefix in (["unshare", "-m"], ["unshare", "-rm"]):
    if _works(_prefix + ["sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]):
        config.available_features.add("private-tmpfs")
        config.substitutions.append(("%private_mounts", " ".join(_prefix)))
        break
# Permission tests: root bypasses file modes, so they run as nobody.
if os.getuid() != 0:
    config.available_features.add("file-modes")
    config.substitutions.append(("%as_unprivileged", ""))
elif _works(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
             "true"]):
    config.available_features.add("file-modes")
    config.substitutions.append(
        ("%as_unprivileged",
         "setpriv --reuid=65534 --regid=65534 --clear-groups --"))
