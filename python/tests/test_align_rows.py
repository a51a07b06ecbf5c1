"""Rows loaded from aligned addresses (align-rows, docs/Guide.md): for
arrays beyond the last-level cache (here from streaming_above = 1 KiB on)
the default loads each row of a memory-bound stencil once per vector, from
the store's offset in a vector, in a copy of each row's loop for arrays at
the same offset in a vector: on fields of fixed shape, and with AVX-512 on
fields of any shape too. Bit for bit the scalar
kernel's results for every shift of the rows (rows long enough for the
peel, the first iteration, which reuses nothing, and the loop that does),
with the arrays at the same offset in a vector (the aligned
copy runs) and at others (the other copy runs), on 2 threads and with
streaming stores."""

import numpy as np
import pytest
import sympy as sp

import psmlir as ps
from weighted import weighted_sum


def weighted(shape, offsets, config, dtype="double", fixed=True):
    """weighted_sum on fields of fixed `shape` (else of any shape of its
    dimensions)."""
    extents = ",".join(map(str, shape)) if fixed else f"{len(shape)}D"
    return weighted_sum(offsets, config, dtype, extents)


CROSS5 = [(0, -1), (-1, 0), (0, 0), (1, 0), (0, 1)]
CROSS9 = [(0, -2), (0, -1), (-2, 0), (-1, 0), (0, 0), (1, 0), (2, 0),
          (0, 1), (0, 2)]
STAR7 = [(0, 0, -1), (0, -1, 0), (-1, 0, 0), (0, 0, 0), (1, 0, 0),
         (0, 1, 0), (0, 0, 1)]


LARGE = {"streaming_above": 1}
"""The default's options, with the arrays of the tests beyond the
threshold of its copy of each nest for arrays beyond the last-level
cache."""


STAR19 = [(0, 0, 0)] + [o for r in (1, 2, 3) for o in (
    (-r, 0, 0), (r, 0, 0), (0, -r, 0), (0, r, 0), (0, 0, -r), (0, 0, r))]


def array_at(shape, elements, dtype=np.float64):
    """A C-ordered array whose first element is `elements` past a 64-byte
    boundary."""
    size = int(np.prod(shape))
    item = np.dtype(dtype).itemsize
    storage = np.empty(size + 64 // item + elements, dtype)
    start = (-storage.ctypes.data % 64) // item + elements
    return storage[start:start + size].reshape(shape)


def assert_matches_scalar(shape, offsets, options=None, threads=False,
                          src_at=0, dst_at=0, dtype="double", fixed=True):
    np_type = np.float64 if dtype == "double" else np.float32
    rng = np.random.default_rng(sum(shape))
    src = array_at(shape, src_at, np_type)
    src[...] = rng.random(shape)
    weights = {f"w{i}": float(v) for i, v in
               enumerate(rng.random(len(offsets)))}
    if options is None:
        options = LARGE
    kernel = weighted(shape, offsets, ps.CreateKernelConfig(
        cpu_openmp=threads, options=options), dtype, fixed)
    scalar = weighted(shape, offsets, ps.CreateKernelConfig(
        options={"vectorize": "none"}), dtype)
    got, want = array_at(shape, dst_at, np_type), np.zeros(shape, np_type)
    got[...] = 0
    kernel(src=src, dst=got, **weights)
    scalar(src=src, dst=want, **weights)
    assert np.array_equal(got, want)
    reach = max(max(abs(o) for o in offset) for offset in offsets)
    assert np.count_nonzero(got) == np.prod([n - 2 * reach for n in shape])


@pytest.mark.parametrize("nx", [3, 9, 17, 26] + list(range(40, 57)))
def test_every_row_shift_in_2d(nx):
    assert_matches_scalar((5, nx), CROSS5)


@pytest.mark.parametrize("nx", [10, 35, 45, 53, 70])
def test_rows_two_away(nx):
    assert_matches_scalar((7, nx), CROSS9)


@pytest.mark.parametrize("nx", [3, 18, 41, 42, 44, 49, 50, 67])
def test_3d_rows(nx):
    assert_matches_scalar((4, 5, nx), STAR7)


@pytest.mark.parametrize("src_at,dst_at", [(1, 0), (0, 3), (5, 5)])
def test_arrays_at_other_offsets(src_at, dst_at):
    assert_matches_scalar((6, 5, 50), STAR7, src_at=src_at, dst_at=dst_at)


def test_two_threads():
    assert_matches_scalar((9, 7, 58), STAR7, threads=2)


@pytest.mark.parametrize("dst_at", [0, 2])
def test_arrays_in_the_caches(dst_at):
    # Below streaming_above, the default leaves the rows' loads as they are.
    assert_matches_scalar((6, 7, 66), STAR7, {"streaming_above": 1 << 20},
                          src_at=dst_at, dst_at=dst_at)


@pytest.mark.parametrize("isa", ["avx2", "sse4.2"])
@pytest.mark.parametrize("nx", [43, 50])
def test_narrower_instruction_sets(isa, nx):
    # Constant shifts are shuffles on every instruction set; run-time ones
    # stay loads without AVX-512.
    flag = {"avx2": " avx2", "sse4.2": " sse4_2"}[isa]
    if flag not in open("/proc/cpuinfo").read():
        pytest.skip(f"this machine has no {isa}")
    # 16 registers: the 2D cross's rows fit half of them, the 3D star's do
    # not.
    options = {"vectorize": isa, "reuse": True, "unroll": 1}
    assert_matches_scalar((6, nx), CROSS5, options)
    assert_matches_scalar((5, 6, nx), STAR7, options)
    assert_matches_scalar((5, 6, nx), STAR7, options, fixed=False)


@pytest.mark.parametrize("nx", [53, 61, 70])
def test_rows_that_do_not_fit_the_registers(nx):
    # star19's blocked jam of 2 planes reads 13 rows of fixed shift: more
    # vectors than half the registers to carry, so each iteration loads
    # all it cuts from.
    assert_matches_scalar((10, 9, nx), STAR19)
    assert_matches_scalar((10, 9, nx), STAR19, threads=2)


@pytest.mark.parametrize("dtype", ["int64", "int32"])
def test_integer_rows_of_run_time_shift(dtype):
    # vpermt2q and vpermt2d cut integer vectors.
    src, dst = ps.fields(f"src, dst: {dtype}[3D]")
    expr = src[STAR7[0]]
    for offset in STAR7[1:]:
        expr = sp.Add(expr, src[offset], evaluate=False)
    kernel, scalar = (ps.create_kernel(
        ps.Assignment(dst.center, expr),
        config=ps.CreateKernelConfig(options=options)).compile()
        for options in (LARGE, {"vectorize": "none"}))
    shape = (6, 7, 70)
    values = np.random.default_rng(1).integers(-1000, 1000, shape)
    values = values.astype(dtype)
    got, want = np.zeros_like(values), np.zeros_like(values)
    kernel(src=values, dst=got)
    scalar(src=values, dst=want)
    assert np.array_equal(got, want)
    assert np.count_nonzero(want) > 0.9 * 4 * 5 * 68


def test_single_precision():
    assert_matches_scalar((5, 6, 90), STAR7, dtype="float")


@pytest.mark.parametrize("fixed", [True, False], ids=["fixed", "any"])
def test_explicit_reuse_aligns_rows(fixed):
    # One vector per iteration: with unroll 3 the rows would carry more
    # vectors than half the registers, and stay unaligned.
    assert_matches_scalar((5, 6, 51), STAR7,
                          {"vectorize": "host", "reuse": True, "unroll": 1},
                          fixed=fixed)


@pytest.mark.parametrize("nx", [3, 17, 40, 41, 42, 44, 45, 49, 50, 67])
def test_any_shape_3d(nx):
    # The y and z rows' shifts are known at run time only: AVX-512 cuts
    # their vectors with a two-source permute, elsewhere they stay loads.
    assert_matches_scalar((4, 5, nx), STAR7, fixed=False)


@pytest.mark.parametrize("nx", [41, 46, 53])
def test_any_shape_2d_rows_two_away(nx):
    assert_matches_scalar((7, nx), CROSS9, fixed=False)


@pytest.mark.parametrize("src_at,dst_at", [(1, 0), (3, 3)])
def test_any_shape_arrays_at_other_offsets(src_at, dst_at):
    assert_matches_scalar((6, 5, 50), STAR7, src_at=src_at, dst_at=dst_at,
                          fixed=False)


def test_any_shape_single_precision_two_threads():
    assert_matches_scalar((5, 7, 90), STAR7, dtype="float", fixed=False,
                          threads=2)


def column_kernel(shape, config, fixed):
    """Nine rows read at x (y and z offsets -1..1; x is the last
    coordinate in NumPy's order), weighted, with a long sum of the centre:
    compute-bound, so the default jams its rows."""
    extents = ",".join(map(str, shape)) if fixed else "3D"
    src, dst = ps.fields(f"src, dst: double[{extents}]")
    w = [ps.TypedSymbol(f"w{i}", "float64") for i in range(9)]
    terms = [w[3 * (dz + 1) + dy + 1] * src[dz, dy, 0]
             for dz in (-1, 0, 1) for dy in (-1, 0, 1)]
    terms += [src[0, 0, 0]] * 20
    expr = terms[0]
    for term in terms[1:]:
        expr = sp.Add(expr, term, evaluate=False)
    return ps.create_kernel(ps.Assignment(dst.center, expr),
                            config=config).compile()


@pytest.mark.parametrize("fixed", [True, False], ids=["fixed", "any"])
@pytest.mark.parametrize("options", [
    LARGE, None,
    {"vectorize": "host", "reuse": True, "jam": 3, "jam_planes": 2,
     "unroll": 1}], ids=["large", "default", "reuse-jams"])
def test_jammed_rows(fixed, options):
    # With reuse, the loops of the jam whose rows fit half the registers
    # (the row of the plane left over) load them from aligned addresses.
    shape = (7, 9, 58)
    rng = np.random.default_rng(3)
    src = array_at(shape, 0)
    src[...] = rng.random(shape)
    weights = {f"w{i}": float(v) for i, v in enumerate(rng.random(9))}
    got, want = array_at(shape, 0), np.zeros(shape)
    got[...] = 0
    column_kernel(shape, ps.CreateKernelConfig(options=options), fixed)(
        src=src, dst=got, **weights)
    column_kernel(shape, ps.CreateKernelConfig(
        options={"vectorize": "none"}), fixed)(src=src, dst=want, **weights)
    assert np.array_equal(got, want)
    assert np.count_nonzero(got) == 5 * 7 * 56


def shuffles(shape, options=LARGE):
    code = weighted(shape, STAR7, ps.CreateKernelConfig(
        options=options)).show_code("loops")
    return code.count("vector.shuffle")


def test_the_default_aligns_rows_of_large_arrays():
    # At 18 points per row, the rows at y+-1 and z+-1 start 2 and 4
    # elements off the store's offset in a vector: the default cuts each
    # row's vectors out of aligned ones.
    assert shuffles((6, 6, 18)) > 0
    assert shuffles((6, 6, 18), dict(LARGE, align_rows=False)) == 0
    # Rows of 16 points leave only x+-1 off, which the default leaves.
    assert shuffles((6, 6, 16)) == 0
    # So does it for arrays that stay in the caches.
    assert shuffles((6, 6, 18), None) == 0
