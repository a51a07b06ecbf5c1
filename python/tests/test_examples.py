"""Every kernel of docs/examples in Python, against a NumPy reference that
computes the same operations in the same order: equal bit for bit in every
strict code generation (scalar, SIMD, threads, blocking)."""

import ctypes
import ctypes.util
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import psmlir as ps
from psmlir import add, mul

RNG = np.random.default_rng(7)


def rand(*shape, dtype=np.float64):
    return RNG.random(shape).astype(dtype)


# -- jacobi2d -----------------------------------------------------------
def jacobi2d(options):
    src, dst = ps.fields("src, dst: float64[2D]")
    dst = dst.with_alignment(64)
    update = ps.Assignment(dst.center, mul(add(add(src[-1, 0], src[1, 0]),
                                               add(src[0, -1], src[0, 1])),
                                           0.25))
    return ps.create_kernel([update], options=options)


def test_jacobi2d(variant):
    kernel = jacobi2d(variant)
    src = rand(13, 11)
    _, dst_field = ps.fields("src, dst: float64[2D]")
    dst = ps.create_array(dst_field.with_alignment(64), src.shape, fill=-1.0)
    kernel(src=src, dst=dst)
    ref = np.full_like(src, -1.0)
    ref[1:-1, 1:-1] = ((src[:-2, 1:-1] + src[2:, 1:-1]) +
                       (src[1:-1, :-2] + src[1:-1, 2:])) * 0.25
    assert np.array_equal(dst, ref)


# -- heat3d -------------------------------------------------------------
def test_heat3d(variant3d):
    u, out = ps.fields("u, out: float64[3D]", layout="zyxf")
    alpha = sp.Symbol("alpha")
    c = u.center
    s = add(add(add(u[-1, 0, 0], u[1, 0, 0]), add(u[0, -1, 0], u[0, 1, 0])),
            add(u[0, 0, -1], u[0, 0, 1]))
    new = add(c, mul(alpha, ps.sub(s, mul(6, c))))
    kernel = ps.create_kernel([ps.Assignment(out.center, new)],
                              ghost_layers=1, options=variant3d)
    shape = (9, 7, 6)
    a = ps.create_array(u, shape)
    a[...] = rand(*shape)
    b = ps.create_array(out, shape, fill=0.0)
    kernel(u=a, out=b, alpha=0.125)
    i = (slice(1, -1),) * 3

    def sh(dx, dy, dz):
        return a[1 + dx:a.shape[0] - 1 + dx, 1 + dy:a.shape[1] - 1 + dy,
                 1 + dz:a.shape[2] - 1 + dz]
    ssum = ((sh(-1, 0, 0) + sh(1, 0, 0)) + (sh(0, -1, 0) + sh(0, 1, 0))) + \
        (sh(0, 0, -1) + sh(0, 0, 1))
    ref = np.zeros(shape)
    ref[i] = a[i] + 0.125 * (ssum - 6 * a[i])
    assert np.array_equal(b, ref)


# -- d3q19 --------------------------------------------------------------
D3Q19_PULL = [(0, 0, 0), (-1, 0, 0), (1, 0, 0), (0, -1, 0), (0, 1, 0),
              (0, 0, -1), (0, 0, 1), (-1, -1, 0), (1, 1, 0), (-1, 1, 0),
              (1, -1, 0), (-1, 0, -1), (1, 0, 1), (-1, 0, 1), (1, 0, -1),
              (0, -1, -1), (0, 1, 1), (0, -1, 1), (0, 1, -1)]


def d3q19(layout, options):
    src, dst = ps.fields("src(19), dst(19): float64[3D]", layout=layout)
    rho = ps.fields("rho: float64[3D]", layout=layout)
    pulled = [src[off](i) for i, off in enumerate(D3Q19_PULL)]
    assignments = [ps.Assignment(dst.center(i), f)
                   for i, f in enumerate(pulled)]
    assignments.append(ps.Assignment(rho.center, add(*pulled)))
    return ps.create_kernel(assignments, options=options), (src, dst, rho)


@pytest.mark.parametrize("layout", ["fzyx", "zyxf"])
def test_d3q19(layout, variant3d):
    kernel, (src_f, dst_f, rho_f) = d3q19(layout, variant3d)
    shape = (7, 6, 5)
    src = ps.create_array(src_f, shape + (19,))
    src[...] = rand(*shape, 19)
    dst = ps.create_array(dst_f, shape + (19,), fill=0.0)
    rho = ps.create_array(rho_f, shape, fill=0.0)
    kernel(src=src, dst=dst, rho=rho)
    inner = (slice(1, -1),) * 3
    ref_dst = np.zeros_like(dst)
    ref_rho = np.zeros(shape)
    acc = None
    for i, (dx, dy, dz) in enumerate(D3Q19_PULL):
        pulled = src[1 + dx:shape[0] - 1 + dx, 1 + dy:shape[1] - 1 + dy,
                     1 + dz:shape[2] - 1 + dz, i]
        ref_dst[inner + (i,)] = pulled
        acc = pulled if acc is None else acc + pulled
    ref_rho[inner] = acc
    assert np.array_equal(dst, ref_dst)
    assert np.array_equal(rho, ref_rho)


# -- sparse -------------------------------------------------------------
def test_sparse_boundary(variant):
    u, v, g = ps.fields("u, v, g: float64[2D]")
    value = ps.TypedSymbol("value", "float64")
    entries = np.array([(1, 2, 0), (3, 0, 1), (0, 4, 2), (5, 1, 3)],
                       dtype=[("x", np.int64), ("y", np.int64),
                              ("dir", np.int64)])
    index = ps.Field.create_from_numpy_array("list", entries)
    kernel = ps.create_kernel(
        [ps.Assignment(u.center, value),
         ps.Assignment(v.center, 2.0 * value - g[1, 0])],
        index_fields=[index], coordinate_names=("x", "y"), options=variant)
    shape = (7, 6)
    gv = rand(*shape)
    uv, vv = np.zeros(shape), np.zeros(shape)
    kernel(u=uv, v=vv, g=gv, list=entries, value=0.75)
    ref_u, ref_v = np.zeros(shape), np.zeros(shape)
    for x, y, _ in entries:
        ref_u[x, y] = 0.75
        ref_v[x, y] = 2.0 * 0.75 - gv[x + 1, y]
    assert np.array_equal(uv, ref_u)
    assert np.array_equal(vv, ref_v)


# -- redblack (slices with steps, fma) ------------------------------------
def exact_fma(a, b, c):
    out = np.empty(np.broadcast(a, b, c).shape)
    for idx in np.ndindex(out.shape):
        out[idx] = float(Fraction(float(np.broadcast_to(a, out.shape)[idx])) *
                         Fraction(float(b[idx])) + Fraction(float(c[idx])))
    return out


def test_redblack(variant):
    u, f = ps.fields("u, f: float64[2D]")
    h2 = ps.TypedSymbol("h2", "float64")
    c = add(add(u[-1, 0], u[1, 0]), add(u[0, -1], u[0, 1]))
    update = ps.Assignment(u.center, mul(ps.fma(h2, f.center, c), 0.25))
    red_odd = ps.create_kernel([update], iteration_slice=ps.make_slice[1:-1:2, 1:-1:2],
                               options=variant)
    red_even = ps.create_kernel([update], iteration_slice=ps.make_slice[2:-1:2, 2:-1:2],
                                options=variant)
    shape = (10, 9)
    uu, ff = rand(*shape), rand(*shape)
    ref = uu.copy()
    for start in (1, 2):
        s = (slice(start, -1, 2), slice(start, -1, 2))
        xs, ys = np.meshgrid(np.arange(shape[0])[s[0]],
                             np.arange(shape[1])[s[1]], indexing="ij")
        cc = (ref[xs - 1, ys] + ref[xs + 1, ys]) + (ref[xs, ys - 1] +
                                                    ref[xs, ys + 1])
        ref[xs, ys] = exact_fma(0.5, ff[xs, ys], cc) * 0.25
    red_odd(u=uu, f=ff, h2=0.5)
    red_even(u=uu, f=ff, h2=0.5)
    assert np.array_equal(uu, ref)


# -- coordinate (casts, math, integer division, select) -------------------
_libm = ctypes.CDLL(ctypes.util.find_library("m"))
for _name in ("sinf", "cosf"):
    getattr(_libm, _name).restype = ctypes.c_float
    getattr(_libm, _name).argtypes = [ctypes.c_float]


def test_coordinate(variant):
    f = ps.fields("f: float32[2D]")
    mask = ps.fields("mask: int32[2D]")
    h = ps.TypedSymbol("h", "float32")
    ny = ps.TypedSymbol("ny", "int64")
    xf, yf = ps.cast(ps.x_, "float32"), ps.cast(ps.y_, "float32")
    value = mul(sp.sin(mul(xf, h)), sp.cos(mul(yf, h)))
    lower = sp.Piecewise((1, sp.StrictLessThan(ps.y_, ps.int_div(ny, 2))),
                         (0, True))
    kernel = ps.create_kernel([ps.Assignment(f.center, value),
                               ps.Assignment(mask.center, lower)],
                              ghost_layers=0, options=variant)
    shape = (9, 7)
    fv = np.zeros(shape, np.float32)
    mv = np.full(shape, 5, np.int32)
    kernel(f=fv, mask=mv, h=np.float32(0.3), ny=7)
    h32 = np.float32(0.3)
    ref = np.zeros(shape, np.float32)
    for x in range(shape[0]):
        for y in range(shape[1]):
            sx = np.float32(_libm.sinf(np.float32(x) * h32))
            cy = np.float32(_libm.cosf(np.float32(y) * h32))
            ref[x, y] = sx * cy
    ref_mask = np.zeros(shape, np.int32)
    ref_mask[:, :7 // 2] = 1
    assert np.array_equal(mv, ref_mask)
    assert np.array_equal(fv, ref)
