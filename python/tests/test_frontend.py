"""The front end in pystencils' terms: field descriptions, layouts, fixed
sizes from arrays, subexpressions, symbols, math, Piecewise, casts,
integer division, ghost layers and slices, each run against NumPy."""

import math

import numpy as np
import pytest
import sympy as sp

import psmlir as ps
from psmlir import add, mul

RNG = np.random.default_rng(11)


# -- fields -------------------------------------------------------------
def test_field_descriptions():
    src, dst = ps.fields("src, dst: float64[2D]")
    assert (src.name, src.dtype, src.spatial_dimensions) == ("src", "float64", 2)
    f = ps.fields("f(19): float32[3D]")
    assert f.index_shape == (19,) and f.dtype == "float32"
    g = ps.fields("g: int32[8, 6]")
    assert g.shape == (8, 6) and g.ir_type() == "!ps.field<8x6xi32, layout c>"
    a, b = ps.fields("a: float64[2D], b: float32[3D]")
    assert (a.spatial_dimensions, b.spatial_dimensions) == (2, 3)


def test_bad_descriptions():
    with pytest.raises(ValueError, match="cannot read the dimensions"):
        ps.fields("a: float64[two]")
    with pytest.raises(TypeError, match="data type 'complex128' is not one a "
                       "kernel takes"):
        ps.fields("a: complex128[2D]")
    with pytest.raises(ValueError, match="unknown layout 'diagonal'"):
        ps.fields("a: float64[2D]", layout="diagonal")


def test_fixed_size_from_an_array():
    arr = np.zeros((6, 5, 3), np.float32)
    f = ps.fields("f(3): [2D]", f=arr)
    assert f.shape == (6, 5, 3) and f.dtype == "float32"
    assert f.ir_type() == "!ps.field<6x5xf32, components [3], layout c>"
    g = ps.Field.create_from_numpy_array("g", np.asfortranarray(arr),
                                         index_dimensions=1)
    assert g.layout == "fzyx"


@pytest.mark.parametrize("layout", ["numpy", "fzyx", "zyxf", "c", "f"])
def test_layouts_with_components(layout):
    src, dst = ps.fields("src(2), dst(2): float64[2D]", layout=layout)
    update = [ps.Assignment(dst.center(0), src[1, 0](1)),
              ps.Assignment(dst.center(1), src[0, -1](0))]
    kernel = ps.create_kernel(update)
    shape = (6, 5, 2)
    s = ps.create_array(src, shape)
    s[...] = RNG.random(shape)
    d = ps.create_array(dst, shape, fill=0.0)
    kernel(src=s, dst=d)
    ref = np.zeros(shape)
    ref[1:-1, 1:-1, 0] = s[2:, 1:-1, 1]
    ref[1:-1, 1:-1, 1] = s[1:-1, :-2, 0]
    assert np.array_equal(d, ref)
    # An array of another layout is refused.
    with pytest.raises(ValueError, match="argument 'src': stride"):
        other = "zyxf" if ps.layout_name(layout) != "zyxf" else "c"
        kernel(src=ps.create_array(ps.Field("src", "float64", 2, (2,), other),
                                   shape), dst=d)


def test_center_vector_and_vector_assignments():
    f, g = ps.fields("f(3), g(3): float64[2D]")
    kernel = ps.create_kernel(ps.Assignment.vector(g.center_vector,
                                                   2 * f.center_vector))
    a = RNG.random((4, 4, 3))
    b = np.zeros_like(a)
    kernel(f=a, g=b)
    assert np.array_equal(b, 2 * a)


# -- expressions --------------------------------------------------------
def run2d(rhs, inputs, dtype=np.float64, out_dtype=None, **scalars):
    names = ", ".join(inputs)
    fs = ps.fields(f"{names}: {np.dtype(dtype).name}[2D]")
    fs = fs if isinstance(fs, list) else [fs]
    out = ps.fields(f"out: {np.dtype(out_dtype or dtype).name}[2D]")
    kernel = ps.create_kernel([ps.Assignment(out.center, rhs(*[f.center
                                                               for f in fs]))])
    result = np.zeros(next(iter(inputs.values())).shape, out_dtype or dtype)
    kernel(out=result, **inputs, **scalars)
    return result


def test_subexpressions():
    src, dst = ps.fields("src, dst: float64[2D]")
    t = sp.Symbol("t")
    collection = ps.AssignmentCollection(
        [ps.Assignment(dst.center, mul(t, t))],
        subexpressions=[ps.Assignment(t, add(src[1, 0], src[-1, 0]))])
    kernel = ps.create_kernel(collection)
    s = RNG.random((6, 4))
    d = np.zeros_like(s)
    kernel(src=s, dst=d)
    t_ref = s[2:, 1:-1] + s[:-2, 1:-1]
    assert np.array_equal(d[1:-1, 1:-1], t_ref * t_ref)


def test_untyped_and_typed_symbols():
    a, w = sp.Symbol("a"), ps.TypedSymbol("w", "float32")
    x = RNG.random((4, 5)).astype(np.float32)
    r = run2d(lambda f: mul(f, w), {"f": x}, np.float32, w=0.5)
    assert np.array_equal(r, x * np.float32(0.5))
    y = RNG.random((4, 5))
    r = run2d(lambda f: mul(f, a), {"f": y}, a=0.25)   # untyped: f64
    assert np.array_equal(r, y * 0.25)


def test_default_dtype_types_untyped_symbols():
    """pystencils' default_dtype: float32 kernels with sympy.Symbol
    parameters and reductions, which float64 symbols would not type."""
    src, dst = ps.fields("src, dst: float32[2D]")
    w, total = sp.Symbol("w"), sp.Symbol("total")
    update = ps.Assignment(dst.center, w * (src[1, 0] + src[-1, 0]))
    with pytest.raises(ps.KernelError, match="mixes types 'f64' and 'f32'"):
        ps.create_kernel(update).compile()
    kernel = ps.create_kernel(update, default_dtype="float32")
    assert "%w: f32" in kernel.program
    x = RNG.random((5, 6)).astype(np.float32)
    d = np.zeros_like(x)
    kernel(src=x, dst=d, w=0.1)
    assert np.array_equal(d[1:-1, 1:-1],
                          np.float32(0.1) * (x[2:, 1:-1] + x[:-2, 1:-1]))
    summed = ps.create_kernel(ps.AddReductionAssignment(total, src.center),
                              default_dtype=np.float32)
    assert "!ps.reduction<add, f32>" in summed.program
    assert summed(src=x) == pytest.approx(float(x.sum()), rel=1e-5)
    with pytest.raises(TypeError, match="is not one a kernel takes"):
        ps.CreateKernelConfig(default_dtype="complex128")


def test_math_functions_against_libm():
    x = RNG.random((5, 4)) + 0.5
    ops = {
        "exp": (sp.exp, math.exp), "log": (sp.log, math.log),
        "sin": (sp.sin, math.sin), "cos": (sp.cos, math.cos),
        "sqrt": (sp.sqrt, math.sqrt), "floor": (sp.floor, math.floor),
        "ceil": (sp.ceiling, math.ceil), "abs": (sp.Abs, abs),
    }
    for name, (sym, ref) in ops.items():
        shift = 1 if name in ("floor", "ceil", "abs") else 0
        r = run2d(lambda f: sym(f - shift), {"f": x})
        expected = np.vectorize(lambda v: float(ref(v - shift)))(x)
        assert np.array_equal(r, expected), name


def test_pow_min_max():
    x, y = RNG.random((5, 4)), RNG.random((5, 4))
    assert np.array_equal(run2d(lambda f: f ** 3, {"f": x}), (x * x) * x)
    assert np.array_equal(run2d(lambda f: f ** -2, {"f": x}), 1 / (x * x))
    assert np.array_equal(run2d(lambda f, g: sp.Min(f, g), {"f": x, "g": y}),
                          np.minimum(x, y))
    assert np.array_equal(run2d(lambda f, g: sp.Max(f, g), {"f": x, "g": y}),
                          np.maximum(x, y))
    r = run2d(lambda f, g: f ** g, {"f": x, "g": y})
    assert np.array_equal(r, np.vectorize(math.pow)(x, y))


def test_piecewise_and_conditions():
    x = RNG.random((6, 5)) - 0.5
    r = run2d(lambda f: sp.Piecewise((f, sp.And(f > 0, f < 0.25)),
                                     (-f, sp.Or(f < -0.25, sp.Eq(f, 0))),
                                     (0.0, True)), {"f": x})
    ref = np.where((x > 0) & (x < 0.25), x,
                   np.where((x < -0.25) | (x == 0), -x, 0.0))
    assert np.array_equal(r, ref)


def test_integer_division_and_remainder_round_toward_zero():
    a = np.array([[7, -7, 7, -7, 0]] * 4, np.int64)
    b = np.array([[2, 2, -2, -2, 3]] * 4, np.int64)
    q = run2d(lambda f, g: ps.int_div(f, g), {"f": a, "g": b}, np.int64)
    r = run2d(lambda f, g: ps.int_rem(f, g), {"f": a, "g": b}, np.int64)
    assert q[0].tolist() == [3, -3, -3, 3, 0]
    assert r[0].tolist() == [1, -1, 1, -1, 0]


def test_casts():
    x = (RNG.random((4, 3)) * 10 - 5)
    r = run2d(lambda f: ps.cast(f, "int32"), {"f": x}, out_dtype=np.int32)
    assert np.array_equal(r, np.trunc(x).astype(np.int32))
    r = run2d(lambda f: ps.cast(f, "float32"), {"f": x}, out_dtype=np.float32)
    assert np.array_equal(r, x.astype(np.float32))


def test_coordinates_count_from_the_first_element():
    out = ps.fields("out: int64[2D]")
    kernel = ps.create_kernel([ps.Assignment(out.center,
                                             ps.x_ * 10 + ps.y_)])
    r = np.zeros((4, 3), np.int64)
    kernel(out=r)
    assert r.tolist() == [[10 * x + y for y in range(3)] for x in range(4)]


# -- iteration spaces ---------------------------------------------------
def touched(**config):
    out = ps.fields("out: float64[2D]")
    src = ps.fields("src: float64[2D]")
    reads = config.pop("reads", [(0, 0)])
    rhs = add(*[src[o] for o in reads])
    kernel = ps.create_kernel([ps.Assignment(out.center, rhs)], **config)
    r = np.zeros((9, 8))
    kernel(out=r, src=np.ones((9, 8)) / len(reads))
    return r


def mask(x, y):
    r = np.zeros((9, 8))
    r[x, y] = 1.0
    return r


def test_ghost_layers_automatic_from_the_largest_offset():
    assert np.array_equal(touched(reads=[(2, 0), (0, -1)]),
                          mask(slice(2, -2), slice(2, -2)))


def test_ghost_layers_per_dimension():
    assert np.array_equal(touched(ghost_layers=(1, 2)),
                          mask(slice(1, -1), slice(2, -2)))
    assert np.array_equal(touched(ghost_layers=((0, 2), (3, 1))),
                          mask(slice(0, -2), slice(3, -1)))


def test_slices_with_steps_and_negative_stops():
    assert np.array_equal(touched(iteration_slice=ps.make_slice[1:-1:2, ::3]),
                          mask(slice(1, -1, 2), slice(0, None, 3)))
    assert np.array_equal(touched(iteration_slice=ps.make_slice[2:5, 4]),
                          mask(slice(2, 5), slice(4, 5)))


def test_slice_errors():
    with pytest.raises(ps.KernelError, match="start -3 in dimension 1 is "
                       "negative"):
        touched(iteration_slice=ps.make_slice[:, -3:])
    with pytest.raises(ps.KernelError, match="iteration_slice has 1 entries "
                       "for a 2-dimensional kernel"):
        touched(iteration_slice=ps.make_slice[1:-1])
    with pytest.raises(ValueError, match="give ghost_layers or "
                       "iteration_slice, not both"):
        touched(ghost_layers=1, iteration_slice=ps.make_slice[:, :])


def test_sparse_with_int32_index_array_and_three_members():
    u = ps.fields("u: float64[3D]")
    entries = np.array([(1, 2, 3, 0), (0, 0, 0, 1)],
                       dtype=[("x", np.int32), ("y", np.int32),
                              ("z", np.int32), ("dir", np.int32)])
    index = ps.Field.create_from_numpy_array("idx", entries)
    kernel = ps.create_kernel([ps.Assignment(u.center, 1.0 + ps.cast(ps.z_, "float64"))],
                              index_fields=[index])
    r = np.zeros((3, 4, 5))
    kernel(u=r, idx=entries)
    ref = np.zeros((3, 4, 5))
    ref[1, 2, 3], ref[0, 0, 0] = 4.0, 1.0
    assert np.array_equal(r, ref)


def test_sparse_coordinates_must_come_first():
    u = ps.fields("u: float64[2D]")
    entries = np.zeros(2, dtype=[("dir", np.int64), ("x", np.int64),
                                 ("y", np.int64)])
    index = ps.Field.create_from_numpy_array("idx", entries)
    with pytest.raises(ps.KernelError, match=r"its first members are \['dir', "
                       r"'x'\], but the coordinates \['x', 'y'\] must come "
                       r"first"):
        ps.create_kernel([ps.Assignment(u.center, 1.0)], index_fields=[index])


def test_sparse_kernel_reads_other_members():
    # pystencils' idx[0]('dir'): a member of the current entry's record.
    u = ps.fields("u: float64[2D]")
    entries = np.array([(1, 2, 7), (3, 0, 5)],
                       dtype=[("x", np.int64), ("y", np.int64),
                              ("dir", np.int64)])
    index = ps.Field.create_from_numpy_array("idx", entries)
    kernel = ps.create_kernel(
        [ps.Assignment(u.center, ps.cast(index[0]("dir"), "float64"))],
        index_fields=[index])
    assert "ps.load_record %idx(2)" in kernel.program
    r = np.zeros((4, 3))
    kernel(u=r, idx=entries)
    ref = np.zeros((4, 3))
    ref[1, 2], ref[3, 0] = 7.0, 5.0
    assert np.array_equal(r, ref)


def test_strided_views_as_fields(variant):
    """A NumPy view such as a[:, ::2] matches no layout: its field takes the
    caller's strides (`strides [?, ?]`), which ps-vectorize gathers; every
    variant gives NumPy's result."""
    base = np.arange(11 * 18, dtype=np.float64).reshape(11, 18) / 7.0
    view = base[:, ::2]
    src = ps.Field.create_from_numpy_array("src", view)
    dst = ps.Field.create_from_numpy_array("dst", np.zeros((11, 9)))
    assert src.ir_type() == "!ps.field<11x9xf64, strides [?, ?]>"
    update = ps.Assignment(dst[0, 0], (src[1, 0] + src[-1, 0]) * src[0, 1])
    kernel = ps.create_kernel([update], options=variant).compile()
    out = np.zeros((11, 9))
    kernel(src=view, dst=out)
    want = np.zeros((11, 9))
    want[1:-1, 1:-1] = (view[2:, 1:-1] + view[:-2, 1:-1]) * view[1:-1, 2:]
    assert np.array_equal(out, want)


def test_arrays_with_negative_strides_are_refused():
    with pytest.raises(ValueError, match="not positive multiples"):
        ps.Field.create_from_numpy_array("src", np.zeros((4, 4))[:, ::-1])
