"""Arrays whose rows start on a cache line (ps.aligned_zeros,
ps.create_array(..., align_rows=True)): the shape, dtype and zeros asked
for, every row aligned, and kernels on them compute what they compute on
contiguous arrays, bit for bit."""

import numpy as np
import pytest
import sympy as sp

import psmlir as ps


def rows_aligned(array, alignment=64):
    """True if every start of the fastest dimension is aligned."""
    fastest = int(np.argmin(np.abs(array.strides)))
    index = np.indices(array.shape).reshape(array.ndim, -1)
    index = index[:, index[fastest] == 0]
    starts = array.ctypes.data + (np.array(array.strides) @ index)
    return bool(np.all(starts % alignment == 0))


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("dtype", ["float64", "float32", "int32"])
@pytest.mark.parametrize("shape", [(5, 6, 21), (7, 3), (130,)])
def test_aligned_zeros(shape, dtype, order):
    array = ps.aligned_zeros(shape, dtype=dtype, order=order)
    assert array.shape == shape and array.dtype == np.dtype(dtype)
    assert not array.any()
    assert rows_aligned(array)
    if order == "F":
        assert array.strides[0] == array.itemsize
    else:
        assert array.strides[-1] == array.itemsize
    unpadded = ps.aligned_zeros(shape, 32, dtype, order,
                                align_inner_coordinate=False)
    assert unpadded.ctypes.data % 32 == 0
    assert unpadded.flags.c_contiguous or unpadded.flags.f_contiguous


@pytest.mark.parametrize("layout", ["numpy", "fzyx", "zyxf"])
def test_create_array_aligns_rows(layout):
    field = ps.fields("f(3): double[3D]", layout=layout)
    array = ps.create_array(field, (5, 6, 7, 3), fill=1.5, align_rows=True)
    assert array.shape == (5, 6, 7, 3) and np.all(array == 1.5)
    assert rows_aligned(array)


def test_create_array_wants_every_extent():
    field = ps.fields("f(3): double[3D]")
    with pytest.raises(ValueError, match=r"field 'f' needs a shape of 4 "
                       r"extents \(3 spatial and its index extents \(3,\)\)"):
        ps.create_array(field, (5, 6, 7))


@pytest.mark.parametrize("alignment", [0, 12, 4])
def test_bad_alignments_are_refused(alignment):
    with pytest.raises(ValueError, match="is not a power of two"):
        ps.aligned_zeros((4, 4), byte_alignment=alignment)


@pytest.mark.parametrize("threads", [False, 2])
@pytest.mark.parametrize("shape", [(6, 7, 19), (5, 4, 37)])
def test_kernels_on_aligned_rows_match_contiguous(shape, threads):
    src, dst = ps.fields("src, dst: [3D]")
    alpha = sp.Symbol("alpha")
    expr = src[0, 0, 0]
    for offset in ((-1, 0, 0), (1, 0, 0), (0, -1, 0), (0, 1, 0), (0, 0, -1),
                   (0, 0, 1)):
        expr = sp.Add(expr, alpha * src[offset], evaluate=False)
    kernel = ps.create_kernel(
        ps.Assignment(dst.center, expr),
        config=ps.CreateKernelConfig(cpu_openmp=threads)).compile()
    a = np.random.default_rng(3).random(shape)
    b = np.zeros(shape)
    kernel(src=a, dst=b, alpha=0.1)
    aligned_a, aligned_b = ps.aligned_zeros(shape), ps.aligned_zeros(shape)
    aligned_a[...] = a
    kernel(src=aligned_a, dst=aligned_b, alpha=0.1)
    assert np.array_equal(aligned_b, b)
    assert np.count_nonzero(b) == np.prod([n - 2 for n in shape])
