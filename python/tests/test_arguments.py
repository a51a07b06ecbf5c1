"""Every argument error: checked before the call by the run-time, named
after the argument, raised as TypeError or ValueError, nothing written."""

import numpy as np
import pytest

import psmlir as ps


@pytest.fixture(scope="module")
def jacobi():
    src, dst = ps.fields("src, dst: float64[2D]")
    dst = dst.with_alignment(32)
    w = ps.TypedSymbol("w", "float64")
    n = ps.TypedSymbol("n", "int32")
    update = ps.Assignment(dst.center, (src[-1, 0] + src[1, 0]) * w +
                           ps.cast(n, "float64"))
    return ps.create_kernel([update]).compile()


def aligned(shape, alignment=32, dtype=np.float64):
    field = ps.Field("a", dtype, len(shape))
    return ps.create_array(field, shape, fill=0.0, alignment=alignment)


def call_fails(kernel, error, match, **args):
    dst = args.get("dst")
    before = dst.copy() if isinstance(dst, np.ndarray) else None
    with pytest.raises(error, match=match):
        kernel(**args)
    if before is not None:
        assert np.array_equal(dst, before), "an argument error wrote dst"


def good(**changes):
    args = dict(src=np.ones((6, 5)), dst=aligned((6, 5)), w=0.5, n=1)
    args.update(changes)
    return args


def test_good_call(jacobi):
    args = good()
    jacobi(**args)
    assert args["dst"][1:-1, 1:-1].tolist() == [[2.0] * 3] * 4


def test_missing_argument(jacobi):
    args = good()
    del args["w"]
    call_fails(jacobi, TypeError, r"missing argument 'w' \(a scalar of type "
               r"f64\)", **args)


def test_unknown_argument(jacobi):
    call_fails(jacobi, TypeError, r"unknown argument 'q'; kernel 'kernel' "
               r"takes: dst, src, n, w", **good(q=1.0))


def test_element_type(jacobi):
    call_fails(jacobi, TypeError, r"argument 'src': element type f32, "
               r"expected f64", **good(src=np.ones((6, 5), np.float32)))


def test_numpy_type_no_kernel_takes(jacobi):
    call_fails(jacobi, TypeError, r"argument 'src': element type uint8 "
               r"\(NumPy\), expected f64", **good(src=np.ones((6, 5),
                                                              np.uint8)))


def test_rank(jacobi):
    call_fails(jacobi, ValueError, r"argument 'src': 3 dimensions, expected "
               r"2 \(2 spatial and 0 index\)", **good(src=np.ones((6, 5, 2))))


def test_shapes_differ(jacobi):
    call_fails(jacobi, ValueError, r"argument 'src': spatial shape \[6, 4\] "
               r"differs from \[6, 5\] of argument 'dst'",
               **good(src=np.ones((6, 4))))


def test_layout_stride(jacobi):
    # The layout (numpy, row-major) wants y contiguous.
    call_fails(jacobi, ValueError, r"argument 'src': stride 2 in dimension "
               r"1, expected 1 \(the field's layout\)",
               **good(src=np.ones((6, 10))[:, ::2]))


def test_fortran_order_is_the_wrong_layout(jacobi):
    call_fails(jacobi, ValueError, r"argument 'src': stride 6 in dimension "
               r"1, expected 1", **good(src=np.asfortranarray(np.ones((6, 5)))))


def test_stride_not_a_multiple_of_the_element(jacobi):
    raw = np.zeros(6 * 44, np.uint8)
    odd = np.lib.stride_tricks.as_strided(raw[:8].view(np.float64),
                                          shape=(6, 5), strides=(44, 8))
    call_fails(jacobi, ValueError, r"argument 'src': stride of 44 bytes in "
               r"dimension 0 is not a multiple of the element size 8",
               **good(src=odd))


def test_negative_stride(jacobi):
    call_fails(jacobi, ValueError, r"argument 'src': stride -5 in dimension "
               r"0; strides must be positive", **good(src=np.ones((6, 5))[::-1]))


def test_alignment(jacobi):
    dst = aligned((6, 6))[:, 1:]   # 8 bytes past a 32-byte boundary
    call_fails(jacobi, ValueError, r"argument 'dst': data pointer 0x[0-9A-Fa-f]+ "
               r"is not aligned to 32 bytes", **good(dst=dst))


def test_element_alignment():
    """A buffer between elements (NumPy's ALIGNED flag false) would fault in
    the streaming stores' aligned path: refused before the call."""
    src, dst = ps.fields("src, dst: [1D]")
    kernel = ps.create_kernel(
        ps.Assignment(dst.center, 2 * src.center),
        config=ps.CreateKernelConfig(options={"nontemporal": True,
                                              "vectorize": "host"})).compile()
    unaligned = np.frombuffer(bytearray(8 * 101), np.float64, 100, offset=4)
    assert not unaligned.flags.aligned
    with pytest.raises(ValueError, match=r"argument 'dst': data pointer "
                       r"0x[0-9A-Fa-f]+ is not aligned to its element size 8"):
        kernel(src=np.ones(100), dst=unaligned)


def test_overlap(jacobi):
    dst = aligned((6, 5))
    call_fails(jacobi, ValueError, r"arguments '(src|dst)' and '(src|dst)' "
               r"overlap in memory", **good(dst=dst, src=dst))


def test_scalar_for_a_field(jacobi):
    call_fails(jacobi, TypeError, r"argument 'src' must be a field of f64 "
               r"with 2 spatial and 0 index dimensions, got a scalar",
               **good(src=1.0))


def test_field_for_a_scalar(jacobi):
    call_fails(jacobi, TypeError, r"argument 'w' must be a scalar of type "
               r"f64, got a field", **good(w=np.ones(3)))


def test_float_for_an_integer(jacobi):
    call_fails(jacobi, TypeError, r"argument 'n': expected an integer for a "
               r"parameter of type i32, got the float 1.5", **good(n=1.5))


def test_integer_out_of_range(jacobi):
    call_fails(jacobi, ValueError, r"argument 'n': 4294967296 does not fit "
               r"the parameter type i32", **good(n=2 ** 32))


def test_integer_beyond_64_bits(jacobi):
    call_fails(jacobi, ValueError, r"argument 'n': 36893488147419103232 does "
               r"not fit a 64-bit integer", **good(n=2 ** 65))


def test_not_an_array(jacobi):
    call_fails(jacobi, TypeError, r"argument 'src': expected a NumPy array or "
               r"a number, got list", **good(src=[[1.0] * 5] * 6))


def test_read_only_output(jacobi):
    dst = aligned((6, 5))
    dst.flags.writeable = False
    call_fails(jacobi, ValueError, r"argument 'dst': the kernel writes this "
               r"field, but the array is read-only", **good(dst=dst))


def test_big_endian(jacobi):
    call_fails(jacobi, ValueError, r"argument 'src': the array is big-endian",
               **good(src=np.ones((6, 5), ">f8")))


def test_strided_views_work_where_the_layout_allows(jacobi):
    big = np.arange(10 * 9, dtype=np.float64).reshape(10, 9)
    src = big[2:8, 1:6]               # row stride 9: allowed
    dst = aligned((6, 5))
    jacobi(src=src, dst=dst, w=1.0, n=0)
    ref = src[:-2, 1:-1] + src[2:, 1:-1]
    assert np.array_equal(dst[1:-1, 1:-1], ref)


def test_fixed_extent():
    arr = np.zeros((8, 8))
    f = ps.fields("f: [2D]", f=arr)
    g = ps.fields("g: float64[8, 8]")
    kernel = ps.create_kernel([ps.Assignment(f.center, g[1, 0])])
    call_fails(kernel, ValueError, r"argument 'g': extent 7 in dimension 1, "
               r"expected 8", f=arr, g=np.ones((8, 7)))
    kernel(f=arr, g=np.ones((8, 8)))
    assert arr[1:-1, 1:-1].sum() == 36


def test_index_list_out_of_bounds():
    u, g = ps.fields("u, g: float64[2D]")
    entries = np.array([(1, 1), (5, 2)], dtype=[("x", np.int64),
                                                ("y", np.int64)])
    index = ps.Field.create_from_numpy_array("idx", entries)
    kernel = ps.create_kernel([ps.Assignment(u.center, g[1, 0])],
                              index_fields=[index],
                              coordinate_names=("x", "y"))
    uu = np.zeros((6, 4))
    with pytest.raises(ValueError, match=r"argument 'idx': entry 1 has "
                       r"coordinate 5 in dimension 0; with the kernel's "
                       r"offsets 1 to 1 there into argument 'g' it reaches "
                       r"outside \[0, 6\)"):
        kernel(u=uu, g=np.ones((6, 4)), idx=entries)
    assert not uu.any()


def test_index_array_members():
    u = ps.fields("u: float64[2D]")
    entries = np.zeros(3, dtype=[("x", np.int64), ("y", np.int64)])
    index = ps.Field.create_from_numpy_array("idx", entries)
    kernel = ps.create_kernel([ps.Assignment(u.center, 1.0)],
                              index_fields=[index])
    other = np.zeros(3, dtype=[("y", np.int64), ("x", np.int64)])
    with pytest.raises(TypeError, match=r"argument 'idx': index array "
                       r"members \['y', 'x'\], expected \['x', 'y'\]"):
        kernel(u=np.zeros((4, 4)), idx=other)


def test_minimum_extent_of_an_absolute_stop():
    u, f = ps.fields("u, f: float64[2D]")
    kernel = ps.create_kernel([ps.Assignment(u.center, f[1, 0])],
                              iteration_slice=ps.make_slice[0:4, :])
    with pytest.raises(ValueError, match=r"extent 4 in dimension 0 is too "
                       r"small: a slice stops at 4 and its accesses reach 1 "
                       r"beyond, so at least 5 are needed"):
        kernel(u=np.zeros((4, 3)), f=np.zeros((4, 3)))
