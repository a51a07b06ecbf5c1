"""The program object: program text, target, bind, transformed programs,
every stage of show_code, options, ahead-of-time output and GPU targets."""

import ctypes
import json

import numpy as np
import pytest

import psmlir as ps


def scale_kernel(**config):
    src, dst = ps.fields("src, dst: float64[2D]")
    w = ps.TypedSymbol("w", "float64")
    return ps.create_kernel([ps.Assignment(dst.center, src.center * w)],
                            **config)


def test_program_and_target():
    kernel = scale_kernel()
    assert kernel.target is ps.Target.CPU
    assert kernel.program.startswith("ps.kernel @kernel(")
    assert "ps.iterate (%.x, %.y) in %dst ghost 0" in kernel.program
    assert kernel.bound_arguments == {}


def test_bind():
    kernel = scale_kernel()
    bound = kernel.bind(w=3.0)
    assert bound.bound_arguments == {"w": 3.0}
    assert kernel.bound_arguments == {}, "bind must not change the original"
    src, dst = np.ones((4, 4)), np.zeros((4, 4))
    bound(src=src, dst=dst)
    assert (dst == 3.0).all()
    bound(src=src, dst=dst, w=5.0)           # a call may override
    assert (dst == 5.0).all()
    twice = bound.bind(src=src)
    twice(dst=dst)
    assert (dst == 3.0).all()
    assert twice.bound_arguments == {"w": 3.0, "src": src}


def test_with_transformed_program():
    kernel = scale_kernel()
    halved = kernel.with_transformed_program(
        lambda text: text.replace("ps.mul", "ps.div"))
    assert "ps.div" in halved.program and "ps.mul" not in halved.program
    dst = np.zeros((3, 3))
    halved(src=np.full((3, 3), 6.0), dst=dst, w=2.0)
    assert (dst == 3.0).all()
    with pytest.raises(TypeError, match="must return the module as text"):
        kernel.with_transformed_program(lambda text: None)


def test_transformed_program_that_does_not_parse():
    kernel = scale_kernel().with_transformed_program(lambda t: t + "garbage")
    with pytest.raises(ps.KernelError, match="parsing the kernel module"):
        kernel.compile()


@pytest.mark.parametrize("stage,expected", [
    ("ps", "ps.kernel @kernel("),
    ("typed", "ps.constant"),
    ("loops", "scf.for"),
    ("llvm", "define void @kernel("),
    ("asm", ".globl\tkernel"),
    ("ptx", ".visible .entry kernel_kernel("),
    ("amdgpu", ".amdgcn_target \"amdgcn-amd-amdhsa--gfx90a\""),
])
def test_show_code(stage, expected):
    src, dst = ps.fields("src, dst: float64[2D]")
    kernel = ps.create_kernel([ps.Assignment(dst.center, src[1, 0] * 2)])
    assert expected in kernel.show_code(stage)


def test_show_code_of_typed_ir_has_no_untyped():
    kernel = scale_kernel()
    typed = kernel.show_code("typed")
    assert "!ps.untyped" not in typed


def test_show_code_loops_follow_the_options():
    kernel = scale_kernel(options={"vectorize": "host"})
    assert "vector." in kernel.show_code("loops")
    threaded = scale_kernel(cpu_openmp=2)
    assert "omp." in threaded.show_code("loops") or \
        "scf.parallel" in threaded.show_code("loops")


def test_unknown_stage():
    with pytest.raises(ValueError, match="unknown stage 'mlir'; expected one "
                       "of ps, typed, loops, llvm, asm, ptx, amdgpu"):
        scale_kernel().show_code("mlir")


def test_config_object_and_pystencils_spelling():
    config = ps.CreateKernelConfig(
        cpu_vectorize_info={"instruction_set": "best", "assume_aligned": False},
        cpu_openmp=2, function_name="scale")
    kernel = ps.create_kernel(
        [ps.Assignment(ps.fields("dst: float64[2D]").center, 1.0)], config)
    assert kernel.name == "scale"
    assert config.compile_options() == {"vectorize": "host", "aligned": False,
                                        "threads": 2}
    dst = np.zeros((5, 6))
    kernel(dst=dst)
    assert (dst == 1.0).all()


def test_unknown_option():
    with pytest.raises(TypeError, match=r"unknown option 'vectorise' of "
                       r"create_kernel; it takes target, function_name, .* and "
                       r"the code generation options align_rows, aligned, block_rows"):
        scale_kernel(vectorise=True)
    with pytest.raises(TypeError, match=r"unknown option 'ghost_layer'"):
        scale_kernel(ghost_layer=1)


def test_cpu_options_on_a_gpu_target():
    with pytest.raises(ValueError, match=r"the CPU code generation options "
                       r"\['vectorize'\] do not apply to the cuda target"):
        scale_kernel(target="cuda", vectorize=True)


def test_generate_and_show_code():
    src, dst = ps.fields("src, dst: float64[2D]")
    program = ps.generate([ps.Assignment(dst.center, src.center)],
                          target="cpu", function_name="copy")
    assert program.target is ps.Target.CPU and program.name == "copy"
    assert ps.show_code(program, "typed") == program.show_code("typed")


def test_option_of_the_wrong_type():
    with pytest.raises(TypeError, match=r"option 'lanes' takes an integer, "
                       r"got 'four'"):
        scale_kernel(options={"vectorize": True, "lanes": "four"})
    with pytest.raises(TypeError, match=r"option 'contract' takes True or "
                       r"False, got 1"):
        scale_kernel(contract=1)


def test_option_the_pipeline_refuses():
    with pytest.raises(ValueError, match=r"nontemporal is an option of "
                       r"ps-vectorize, which runs only with vectorize="):
        scale_kernel(cpu_vectorize_info=False, nontemporal=True)
    with pytest.raises(ValueError, match=r"remainder"):
        scale_kernel(vectorize=True, remainder="sometimes")


def test_option_names_come_from_the_compiler():
    names = ps.option_defaults()
    assert names["block_rows"] == ("block-rows", "0")
    assert names["vectorize"] == ("vectorize", "auto")


def test_contract_is_close_but_may_differ():
    src, dst = ps.fields("src, dst: float64[2D]")
    w = ps.TypedSymbol("w", "float64")
    kernel = ps.create_kernel(
        [ps.Assignment(dst.center, src[1, 0] * w + src[-1, 0])],
        contract=True, vectorize=True)
    assert "math.fma" in kernel.show_code("loops")
    s = np.random.default_rng(1).random((8, 9))
    d = np.zeros_like(s)
    kernel(src=s, dst=d, w=0.3)
    ref = s[2:, 1:-1] * 0.3 + s[:-2, 1:-1]
    assert np.allclose(d[1:-1, 1:-1], ref, rtol=1e-15, atol=0)


def test_export_shared_library_and_header(tmp_path):
    kernel = scale_kernel(function_name="scale")
    library, header = tmp_path / "libscale.so", tmp_path / "scale.h"
    kernel.export(library, header=header)
    text = header.read_text()
    assert "ps_scale(" in text and "#ifndef PS_SCALE_H" in text
    loaded = ctypes.CDLL(str(library))
    descriptions = ctypes.c_char_p.in_dll(loaded, "_ps_kernel_descriptions")
    described = json.loads(ctypes.string_at(
        ctypes.addressof(descriptions)).decode())
    assert described[0]["name"] == "scale"


@pytest.mark.parametrize("suffix,magic", [(".o", b"\x7fELF"),
                                          (".s", b"\t.file"),
                                          (".ll", b"; ModuleID")])
def test_export_other_kinds(tmp_path, suffix, magic):
    path = tmp_path / ("k" + suffix)
    scale_kernel().export(path)
    assert magic in path.read_bytes()[:200]
    if suffix == ".s":
        assert b"\nkernel:" in path.read_bytes()


def test_export_needs_a_kind(tmp_path):
    with pytest.raises(ValueError, match="cannot tell the kind"):
        scale_kernel().export(tmp_path / "k.bin")


# -- GPUs ---------------------------------------------------------------
def gpu_available(target):
    src, dst = ps.fields("src, dst: float64[2D]")
    kernel = ps.create_kernel([ps.Assignment(dst.center, src.center)],
                              target=target)
    try:
        kernel(src=np.ones((2, 2)), dst=np.zeros((2, 2)))
    except ps.NoGpuError as error:
        return str(error)
    return None


@pytest.mark.parametrize("target", ["cuda", "hip"])
def test_no_gpu_is_a_clear_error(target):
    reason = gpu_available(target)
    if reason is None:
        pytest.skip(f"there is a {target} GPU here")
    assert reason.startswith("no GPU: cannot load the ")


@pytest.mark.parametrize("target", ["cuda", "hip"])
def test_gpu_jacobi_against_the_cpu(target):
    reason = gpu_available(target)
    if reason:
        pytest.skip(reason)
    src, dst = ps.fields("src, dst: float64[2D]")
    update = ps.Assignment(dst.center, ps.mul(ps.add(src[1, 0], src[-1, 0]),
                                              0.5))
    s = np.random.default_rng(3).random((33, 17))
    results = []
    for t in ("cpu", target):
        d = np.zeros_like(s)
        ps.create_kernel([update], target=t)(src=s, dst=d)
        results.append(d)
    assert np.array_equal(*results)


def test_gpu_argument_errors_before_any_copy():
    src, dst = ps.fields("src, dst: float64[2D]")
    kernel = ps.create_kernel([ps.Assignment(dst.center, src.center)],
                              target="cuda")
    with pytest.raises(ValueError, match=r"argument 'src': spatial shape"):
        kernel(src=np.ones((3, 2)), dst=np.zeros((2, 2)))


def test_unknown_target():
    with pytest.raises(ValueError, match="unknown target 'tpu'"):
        scale_kernel(target="tpu")


def test_export_object_linked_into_a_c_program(tmp_path):
    import shutil
    import subprocess
    compiler = shutil.which("clang-22") or shutil.which("cc")
    if compiler is None:
        pytest.skip("no C compiler")
    kernel = scale_kernel(function_name="scale")
    kernel.export(tmp_path / "scale.o", header=tmp_path / "scale.h")
    (tmp_path / "main.c").write_text(r"""
#include <stdio.h>
#include "scale.h"
int main(void) {
  double src[6] = {1, 2, 3, 4, 5, 6}, dst[6] = {0};
  int64_t shape[2] = {2, 3}, strides[2] = {3, 1};
  ps_scale(dst, shape, strides, src, shape, strides, 0.5);
  for (int i = 0; i < 6; ++i) printf("%g ", dst[i]);
  return 0;
}
""")
    subprocess.run([compiler, str(tmp_path / "main.c"), str(tmp_path / "scale.o"),
                    "-o", str(tmp_path / "main"), "-lm"], check=True)
    out = subprocess.run([str(tmp_path / "main")], capture_output=True,
                         text=True, check=True).stdout
    assert out.split() == ["0.5", "1", "1.5", "2", "2.5", "3"]


def test_export_for_another_machine(tmp_path):
    src, dst = ps.fields("src, dst: float64[2D]")
    kernel = ps.create_kernel(ps.Assignment(dst.center, src[1, 0] * 2),
                              triple="aarch64-linux-gnu", cpu="neoverse-v1",
                              vectorize="sve")
    kernel.export(tmp_path / "k.s")
    assert "ld1d" in (tmp_path / "k.s").read_text()   # SVE loads
    with pytest.raises(ps.KernelError, match="triple 'aarch64-linux-gnu' is "
                       "not this machine's"):
        kernel.compile()
