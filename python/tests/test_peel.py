"""The peel before the first aligned vector (docs/Guide.md, `remainder`;
docs/Rationale.md): on x86 it is masked vectors that end at the first
aligned point, with the lanes before the row's start off, unless stores
stream and the body has few loads (then a scalar loop); the default peels
in loops whose stores do not stream where the destination's rows are whole
cache lines, checked at run time. Bit for bit the scalar kernel's results
for every offset of the arrays in a line, rows shorter than a peel, rows
of whole lines and not, f32 and f64, SSE4.2 (whose masked loads LLVM
splits into lanes), AVX2 and AVX-512, light and heavy
bodies, 2 threads. A peel that wrote a lane before the row's start, or
skipped one, changes the ghost layer or leaves a point unwritten."""

import numpy as np
import pytest
import sympy as sp

import psmlir as ps
from weighted import weighted_sum

STAR7 = [(0, 0, -1), (0, -1, 0), (-1, 0, 0), (0, 0, 0), (1, 0, 0),
         (0, 1, 0), (0, 0, 1)]
"""7 loads: with streaming stores, a scalar peel."""

STAR13 = STAR7 + [(-2, 0, 0), (2, 0, 0), (0, -2, 0), (0, 2, 0),
                  (0, 0, -2), (0, 0, 2)]
"""13 loads: masked peels everywhere."""

ISAS = ["host", "sse4.2", "avx2", "avx512f"]


def has(isa):
    """True if the machine runs `isa` (host always)."""
    if isa == "host":
        return True
    flags = open("/proc/cpuinfo").read()
    return {"sse4.2": " sse4_2", "avx2": " avx2",
            "avx512f": " avx512f"}[isa] in flags


def array_at(shape, elements, dtype):
    """A C-ordered array whose first element is `elements` past a 64-byte
    boundary, in storage of the array's size only before it, so that a
    lane written before the array's start lands in `sentinel` cells."""
    size = int(np.prod(shape))
    item = np.dtype(dtype).itemsize
    storage = np.full(size + 2 * 64 // item + elements, 7.0, dtype)
    start = (-storage.ctypes.data % 64) // item + 64 // item + elements
    return storage, storage[start:start + size].reshape(shape)


def check(offsets, shape, dtype, options, threads=False, dst_at=0):
    np_type = np.float64 if dtype == "double" else np.float32
    rng = np.random.default_rng(sum(shape) + dst_at)
    src = rng.random(shape).astype(np_type)
    weights = {f"w{i}": float(v) for i, v in
               enumerate(rng.random(len(offsets)))}
    kernel = weighted_sum(offsets, ps.CreateKernelConfig(
        cpu_openmp=threads, options=options), dtype)
    scalar = weighted_sum(offsets, ps.CreateKernelConfig(
        options={"vectorize": "none"}), dtype)
    storage, got = array_at(shape, dst_at, np_type)
    want_storage, want = array_at(shape, dst_at, np_type)
    kernel(src=src, dst=got, **weights)
    scalar(src=src, dst=want, **weights)
    assert np.array_equal(got, want)
    # Nothing before or after the array changed: the peel's masked lanes
    # before the row's start and the remainder's after its end stay off.
    start = got.ctypes.data - storage.ctypes.data
    item = np.dtype(np_type).itemsize
    outside = np.concatenate([storage[:start // item],
                              storage[start // item + got.size:]])
    assert np.all(outside == 7.0)
    reach = max(max(abs(o) for o in offset) for offset in offsets)
    interior = got[(slice(reach, -reach),) * 3]
    assert np.count_nonzero(interior == 7.0) == 0


@pytest.mark.parametrize("dst_at", range(8))
@pytest.mark.parametrize("isa", ISAS)
@pytest.mark.parametrize("stencil", ["star7", "star13"])
@pytest.mark.parametrize("options", [
    {"aligned": True}, {"nontemporal": True}, {"remainder": "scalar",
                                               "aligned": True}],
    ids=["aligned", "nontemporal", "scalar-remainder"])
def test_peels_at_every_offset(options, stencil, isa, dst_at):
    if not has(isa):
        pytest.skip(f"no {isa} here")
    offsets = STAR7 if stencil == "star7" else STAR13
    check(offsets, (6, 5, 37), "double", dict(options, vectorize=isa),
          dst_at=dst_at)


@pytest.mark.parametrize("edge", [5, 6, 7, 9, 12, 16, 17])
@pytest.mark.parametrize("dtype", ["double", "float"])
def test_rows_shorter_than_a_peel(edge, dtype):
    """Rows of fewer points than the peel would take: the peel stops at
    the row's end."""
    check(STAR13, (6, 5, edge), dtype,
          {"vectorize": "host", "aligned": True}, dst_at=1)


@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("dst_at", [0, 1, 3, 7])
@pytest.mark.parametrize("edge", [16, 21, 64, 66])
@pytest.mark.parametrize("dtype", ["double", "float"])
def test_default_peels_rows_of_whole_lines(dtype, edge, dst_at, threads):
    """The default's peel in loops whose stores do not stream: rows of 64
    doubles (and of 16 or 64 floats) are whole lines and peel, the others
    run unpeeled; both write every point once."""
    check(STAR7, (6, 5, edge), dtype, None, threads=threads, dst_at=dst_at)


STAR19 = [(0, 0, 0)] + [o for r in (1, 2, 3) for o in (
    (-r, 0, 0), (r, 0, 0), (0, -r, 0), (0, r, 0), (0, 0, -r), (0, 0, r))]
"""Reads 3 planes away: the default blocks its nest and jams 2 planes."""


@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("dst_at", [0, 5])
@pytest.mark.parametrize("edge", [64, 66])
def test_default_peels_jammed_planes(edge, dst_at, threads):
    """The jammed loops of a blocked nest peel where rows are whole lines
    (and their remainders for a plane left over)."""
    check(STAR19, (11, 40, edge), "double", None, threads=threads,
          dst_at=dst_at)


@pytest.mark.parametrize("dst_at", [0, 3])
@pytest.mark.parametrize("stencil", ["star7", "star13"])
def test_streaming_copy_peels(stencil, dst_at):
    """The default's copy for large arrays (from 1 KiB here) streams: a
    scalar peel for 7 loads, masked vectors for 13."""
    offsets = STAR7 if stencil == "star7" else STAR13
    check(offsets, (8, 6, 70), "double", {"streaming_above": 1},
          dst_at=dst_at)


def loops(options, offsets=STAR13):
    src, dst = ps.fields("src, dst: double[3D]")
    expr = sp.Add(*(src[o] for o in offsets), evaluate=False)
    return ps.create_kernel(ps.Assignment(dst.center, expr),
                            config=ps.CreateKernelConfig(options=options)
                            ).show_code("loops")


def test_masked_peel_in_the_code():
    """aligned=True on AVX-512: the peel is a masked vector, no scalar
    loop before the vector loop; remainder=scalar keeps the scalar peel."""
    if not has("avx512f"):
        pytest.skip("no avx512f here")
    masked = loops({"vectorize": "avx512f", "aligned": True})
    assert masked.count("vector.maskedstore") == 2  # the peel, the remainder
    scalar = loops({"vectorize": "avx512f", "aligned": True,
                    "remainder": "scalar"})
    assert "vector.maskedstore" not in scalar
    light = loops({"vectorize": "avx512f", "nontemporal": True}, STAR7)
    assert light.count("vector.maskedstore") == 1  # the remainder only


@pytest.mark.parametrize("dst_at", range(0, 16, 3))
@pytest.mark.parametrize("options", [
    {"vectorize": "avx2", "nontemporal": True},
    {"vectorize": "avx2", "aligned": True}], ids=["nontemporal", "aligned"])
def test_float_peels_two_vectors_to_a_line(options, dst_at):
    """AVX2 with streaming stores peels to a 64-byte line: two masked
    vectors of 8 floats."""
    if not has("avx2"):
        pytest.skip("no avx2 here")
    check(STAR13, (6, 5, 45), "float", options, dst_at=dst_at)


@pytest.mark.parametrize("options", [{"aligned": True}, None],
                         ids=["aligned", "default"])
def test_peel_with_gathers(options):
    """A source with a stride of 2 in x: the peel's loads are masked
    gathers."""
    storage = np.random.default_rng(3).random((6, 5, 2 * 64))
    view = storage[:, :, ::2]
    got, want = np.zeros((6, 5, 64)), np.zeros((6, 5, 64))
    src = ps.Field.create_from_numpy_array("src", view)
    dst = ps.Field.create_from_numpy_array("dst", got)
    update = ps.Assignment(dst.center,
                           src[-1, 0, 0] + src[1, 0, 0] + src[0, 0, 1])
    kernel = ps.create_kernel(update, config=ps.CreateKernelConfig(
        options=options)).compile()
    scalar = ps.create_kernel(update, config=ps.CreateKernelConfig(
        options={"vectorize": "none"})).compile()
    kernel(src=view, dst=got)
    scalar(src=view, dst=want)
    assert np.array_equal(got, want)
    assert np.count_nonzero(got[1:-1, 1:-1, 1:-1] == 0) == 0
