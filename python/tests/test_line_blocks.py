"""The default's blocks where rows are whole cache lines
(docs/Rationale.md, kWholeLineBlockRows): for arrays beyond the last-level
cache (here from streaming_above = 1 KiB on) a memory-bound 3D nest that
reads one plane away runs in blocks of 64 rows, 2 planes jammed, where
every row of every array starts on a cache line (checked at run time), and
as before elsewhere. Bit for bit the scalar kernel's results, with the
cells around the destination untouched: rows that are whole lines and not,
arrays at every offset in a line, fewer rows than a block and a block left
partly full, an odd number of planes (one left over from the jam), f32
and f64, padded rows (ps.create_array(align_rows=True)), 2 threads and
OpenMP's default (the blocked copy runs only where it has a block per
thread)."""

import numpy as np
import pytest

import psmlir as ps
from test_peel import STAR7, check
from weighted import weighted_sum

LARGE = {"streaming_above": 1}


@pytest.mark.parametrize("threads", [False, 2, True])
@pytest.mark.parametrize("dst_at", [0, 3])
@pytest.mark.parametrize("shape", [
    (5, 70, 16), (6, 130, 8), (7, 64, 24), (4, 3, 8), (9, 66, 32),
    (5, 70, 13), (6, 67, 20)],
    ids=lambda shape: "x".join(map(str, shape)))
def test_blocks_rows_of_whole_lines(shape, dst_at, threads):
    check(STAR7, shape, "double", LARGE, threads=threads, dst_at=dst_at)


@pytest.mark.parametrize("dst_at", [0, 5])
@pytest.mark.parametrize("edge", [16, 48, 20])
def test_blocks_float_rows(edge, dst_at):
    check(STAR7, (7, 69, edge), "float", LARGE, dst_at=dst_at)


@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("edge", [13, 30])
def test_padded_rows_are_whole_lines(edge, threads):
    """Arrays whose rows are padded to whole lines run the blocked copy
    whatever their extent in x."""
    src_field, dst_field = ps.fields("src, dst: double[3D]", layout="c")
    shape = (7, 75, edge)
    src = ps.create_array(src_field, shape, align_rows=True)
    src[...] = np.random.default_rng(edge).random(shape)
    got = ps.create_array(dst_field, shape, fill=0.0, align_rows=True)
    want = np.zeros(shape)
    assert got.strides[1] % 64 == 0 and got.strides[1] != 8 * edge
    weights = {f"w{i}": 0.1 * (i + 1) for i in range(len(STAR7))}
    kernel = weighted_sum(STAR7, ps.CreateKernelConfig(
        cpu_openmp=threads, options=LARGE))
    scalar = weighted_sum(STAR7, ps.CreateKernelConfig(
        options={"vectorize": "none"}))
    kernel(src=src, dst=got, **weights)
    scalar(src=src, dst=want, **weights)
    assert np.array_equal(got, want)
    assert np.count_nonzero(got) == np.prod([n - 2 for n in shape])


def test_the_blocked_copy_is_in_the_code():
    """The copy of the nest for large arrays, in blocks of 64 rows with
    2 planes jammed, beside the copy without blocks."""
    src, dst = ps.fields("src, dst: double[3D]")
    kernel = weighted_sum(STAR7, ps.CreateKernelConfig(options=LARGE))
    loops = [line for line in kernel.show_code("loops").splitlines()
             if "scf.for" in line]
    assert any("step %c64" in line for line in loops)
    assert any("step %c2 " in line for line in loops)


def test_threads_need_a_block_each():
    """With OpenMP the blocked copy also checks that it has a block for
    every thread (omp_get_max_threads() where the threads are not given)."""
    kernel = weighted_sum(STAR7, ps.CreateKernelConfig(
        cpu_openmp=True, options=LARGE))
    assert "omp_get_max_threads" in kernel.show_code("llvm")
    kernel = weighted_sum(STAR7, ps.CreateKernelConfig(
        cpu_openmp=4, options=LARGE))
    assert "omp_get_max_threads" not in kernel.show_code("llvm")
