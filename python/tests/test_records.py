"""Index lists of records (NumPy structured arrays), constant tables and
offsets and components computed per entry: lattice Boltzmann boundaries
(bounce-back, a moving wall) as lbmpy writes them, on every CPU variant,
checked value for value against NumPy."""

import numpy as np
import pytest

import psmlir as ps

# D2Q9: 0 rest, 1 E, 2 N, 3 W, 4 S, 5 NE, 6 NW, 7 SW, 8 SE.
STENCIL = [(0, 0), (1, 0), (0, 1), (-1, 0), (0, -1),
           (1, 1), (-1, 1), (-1, -1), (1, -1)]
INVERSE = [STENCIL.index((-dx, -dy)) for dx, dy in STENCIL]
WEIGHTS = [4 / 9] + [1 / 9] * 4 + [1 / 36] * 4
cx = ps.Table("cx", [c[0] for c in STENCIL], "int32")
cy = ps.Table("cy", [c[1] for c in STENCIL], "int32")
inv = ps.Table("inv", INVERSE, "int32")
w = ps.Table("w", WEIGHTS)

SHAPE = (9, 7)  # with one ghost layer; walls at y = 0 and y = 6


def wall_links(dtype):
    """The boundary links of a channel: every fluid cell (x, y) and
    direction d whose neighbour (x, y) + c_d is a wall cell."""
    links = []
    for x in range(1, SHAPE[0] - 1):
        for y in range(1, SHAPE[1] - 1):
            for d, (dx, dy) in enumerate(STENCIL):
                if y + dy in (0, SHAPE[1] - 1):
                    links.append((x, y, d))
    entries = np.zeros(len(links), dtype=dtype)
    for name, column in zip(("x", "y", "dir"), zip(*links)):
        entries[name] = column
    return entries


def bounce_back_reference(f, entries, push=lambda e, d: 0.0):
    """f[x](inv(d)) = f[x + c_d](d) - push(entry, d), entry by entry."""
    out = f.copy()
    for e in entries:
        x, y, d = int(e["x"]), int(e["y"]), int(e["dir"])
        dx, dy = STENCIL[d]
        out[x, y, INVERSE[d]] = f[x + dx, y + dy, d] - push(e, d)
    return out


def lattice():
    return np.random.default_rng(5).random(SHAPE + (9,))


def bounce_back_kernel(index, variant, **config):
    f = ps.fields("f(9): float64[2D]")
    d = index[0]("dir")
    update = ps.Assignment(f[0, 0](inv[d]), f[cx[d], cy[d]](d))
    return ps.create_kernel([update], index_fields=[index],
                            coordinate_names=("x", "y"), options=variant,
                            **config)


# Records of one integer type (all components of the list), and with the
# direction of another type (a record field beside the (x, y) list).
@pytest.mark.parametrize("dtype,member_ir", [
    (np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int32)],
              align=True), "ps.load_record %links(2)"),
    (np.dtype([("x", np.int64), ("y", np.int64), ("dir", np.int16)],
              align=True), "%links_dir: !ps.field<"),
], ids=["int32-records", "int64-coordinates-int16-direction"])
def test_bounce_back_over_records(variant, dtype, member_ir):
    entries = wall_links(dtype)
    index = ps.Field.create_from_numpy_array("links", entries)
    kernel = bounce_back_kernel(index, variant, disjoint=True)
    assert member_ir in kernel.program
    assert "ps.lookup" in kernel.program
    f = lattice()
    want = bounce_back_reference(f, entries)
    kernel(f=f, links=entries)
    assert np.array_equal(f, want)


def test_moving_wall_with_float_members(variant):
    dtype = np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int32),
                      ("ux", np.float64), ("uy", np.float64)], align=True)
    entries = wall_links(dtype)
    rng = np.random.default_rng(9)
    entries["ux"] = rng.uniform(-0.1, 0.1, len(entries))
    entries["uy"] = rng.uniform(-0.1, 0.1, len(entries))
    index = ps.Field.create_from_numpy_array("links", entries)
    f = ps.fields("f(9): float64[2D]")
    rho = ps.TypedSymbol("rho", "float64")
    d = index[0]("dir")
    cu = ps.add(ps.mul(ps.cast(cx[d], "float64"), index[0]("ux")),
                ps.mul(ps.cast(cy[d], "float64"), index[0]("uy")))
    push = ps.mul(ps.mul(ps.mul(6.0, w[d]), rho), cu)
    update = ps.Assignment(f[0, 0](inv[d]),
                           ps.sub(f[cx[d], cy[d]](d), push))
    kernel = ps.create_kernel([update], index_fields=[index],
                              coordinate_names=("x", "y"), disjoint=True,
                              options=variant)
    assert "%links_ux: !ps.field<" in kernel.program
    lat = lattice()

    def reference_push(e, d):
        dx, dy = STENCIL[d]
        return 6.0 * WEIGHTS[d] * 1.25 * (float(dx) * e["ux"] +
                                          float(dy) * e["uy"])
    want = bounce_back_reference(lat, entries, reference_push)
    kernel(f=lat, links=entries, rho=1.25)
    assert np.array_equal(lat, want)


def test_bounce_back_needs_disjoint():
    dtype = np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int32)])
    index = ps.Field.create_from_numpy_array("links", wall_links(dtype))
    with pytest.raises(ps.KernelError, match=r"loop-carried dependence.*"
                       r"disjoint=True"):
        bounce_back_kernel(index, {}).compile()


def test_direction_outside_the_table():
    dtype = np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int32)])
    entries = wall_links(dtype)
    index = ps.Field.create_from_numpy_array("links", entries)
    kernel = bounce_back_kernel(index, {}, disjoint=True)
    entries["dir"][3] = 9
    f = lattice()
    before = f.copy()
    with pytest.raises(ValueError, match=r"argument 'links': entry 3 has 9 "
                       r"in member \[2\], which the kernel uses as a "
                       r"component or table index: it must lie in \[0, 8\]"):
        kernel(f=f, links=entries)
    assert np.array_equal(f, before)


def test_packed_record_that_no_view_fits():
    dtype = np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int32),
                      ("ux", np.float64)])
    with pytest.raises(TypeError, match=r"index array 'links': member 'ux' "
                       r"\(float64\) lies at byte 12 of 20-byte records.*"
                       r"align=True"):
        ps.Field.create_from_numpy_array("links", np.zeros(4, dtype))


def test_packed_record_whose_strides_work_out():
    # Packed, int16 'dir' at byte 8 of 12-byte records: a view in
    # elements of both types, as an int64 'x' of 18-byte records is not.
    dtype = np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int16),
                      ("tag", np.int16)])
    entries = wall_links(dtype)
    index = ps.Field.create_from_numpy_array("links", entries)
    f = lattice()
    want = bounce_back_reference(f, entries)
    bounce_back_kernel(index, {}, disjoint=True)(f=f, links=entries)
    assert np.array_equal(f, want)
    packed = np.dtype([("x", np.int64), ("y", np.int64), ("dir", np.int16)])
    with pytest.raises(TypeError, match=r"member 'x' \(int64\) lies at "
                       r"byte 0 of 18-byte records"):
        ps.Field.create_from_numpy_array("links", np.zeros(2, packed))


# A record is only read, and only that of the current entry.
@pytest.mark.parametrize("assignment,message", [
    (lambda index, f: ps.Assignment(index[0]("dir"), f[0, 0](0)),
     r"index lists and their records are read-only"),
    (lambda index, f: ps.Assignment(f[0, 0](0), index[1]("dir")),
     r"reads the record of the current entry only"),
], ids=["store-to-record", "other-entry"])
def test_records_are_read_at_the_current_entry_only(assignment, message):
    dtype = np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int32)])
    index = ps.Field.create_from_numpy_array("links", np.zeros(2, dtype))
    f = ps.fields("f(9): float64[2D]")
    with pytest.raises(ps.KernelError, match=message):
        ps.create_kernel([assignment(index, f)], index_fields=[index],
                         coordinate_names=("x", "y"))


def test_tables():
    assert cx[3] == -1 and w[0] == ps.Table("w", WEIGHTS).values[0]
    assert ps.Table("t", [1, 2]).dtype == "int64"
    assert ps.Table("t", [1, 2.5]).dtype == "float64"
    with pytest.raises(TypeError, match=r"table 't' of int32: value 2.5 is "
                       "not an integer"):
        ps.Table("t", [1, 2.5], "int32")
    with pytest.raises(IndexError, match=r"index 9 is out of range"):
        cx[9]


def test_disjoint_only_for_sparse_kernels():
    f = ps.fields("f: float64[2D]")
    with pytest.raises(ps.KernelError, match="applies to sparse kernels"):
        ps.create_kernel([ps.Assignment(f.center, 1.0)], disjoint=True)


def test_d3q19_bounce_back_with_the_direction_in_a_subexpression(variant3d):
    import sympy as sp
    stencil = [(0, 0, 0), (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0),
               (0, 0, 1), (0, 0, -1)] + \
        [(a, b, 0) for a in (1, -1) for b in (1, -1)] + \
        [(a, 0, b) for a in (1, -1) for b in (1, -1)] + \
        [(0, a, b) for a in (1, -1) for b in (1, -1)]
    c = [ps.Table(n, [v[i] for v in stencil])
         for i, n in enumerate(("cx", "cy", "cz"))]
    opposite = ps.Table("inv", [stencil.index(tuple(-v for v in s))
                                for s in stencil])
    links = [(x, y, z, d) for x in range(1, 4) for y in range(1, 3)
             for z in range(1, 4) for d, s in enumerate(stencil)
             if y + s[1] in (0, 3)]
    entries = np.array(links, dtype=[("x", np.int64), ("y", np.int64),
                                     ("z", np.int64), ("dir", np.int64)])
    index = ps.Field.create_from_numpy_array("idx", entries)
    f = ps.fields("f(19): float64[3D]")
    d = sp.Symbol("d")
    kernel = ps.create_kernel(
        [ps.Assignment(d, index[0]("dir")),
         ps.Assignment(f[0, 0, 0](opposite[d]),
                       f[c[0][d], c[1][d], c[2][d]](d))],
        index_fields=[index], disjoint=True, options=variant3d)
    a = np.random.default_rng(2).random((5, 4, 5, 19))
    want = a.copy()
    for x, y, z, k in entries:
        s = stencil[k]
        want[x, y, z, opposite.values[k]] = a[x + s[0], y + s[1], z + s[2], k]
    kernel(f=a, idx=entries)
    assert np.array_equal(a, want)


def test_offsets_computed_per_point_in_a_dense_kernel_need_ghost_layers():
    g, h = ps.fields("g, h: float64[2D]")
    n = ps.TypedSymbol("n", "int32")
    shift = ps.Table("shift", [-1, 0, 1], "int32")
    with pytest.raises(ps.KernelError, match=r"an offset computed per point "
                       r"has no reach the front end knows; give "
                       r"ghost_layers"):
        ps.create_kernel([ps.Assignment(g.center, h[shift[n], 0])])
    with pytest.raises(TypeError, match=r"field 'g': offset 0.5\d* is not an "
                       r"integer"):
        g[0.5, 0]


def test_the_call_takes_records_of_the_kernel_type():
    aligned = np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int32),
                        ("ux", np.float64)], align=True)
    entries = wall_links(aligned)
    index = ps.Field.create_from_numpy_array("links", entries)
    f = ps.fields("f(9): float64[2D]")
    kernel = ps.create_kernel([ps.Assignment(f[0, 0](0), index[0]("ux"))],
                              index_fields=[index],
                              coordinate_names=("x", "y"))
    other = np.dtype([("x", np.int32), ("y", np.int32), ("dir", np.int32),
                      ("ux", np.float32)])
    with pytest.raises(TypeError, match=r"argument 'links': index array "
                       r"type .* expected"):
        kernel(f=lattice(), links=wall_links(other))
    # One value per cell: several links share a cell.
    entries["ux"] = (entries["x"] + 16 * entries["y"]) / 8
    lat = lattice()
    kernel(f=lat, links=entries)
    assert np.array_equal(lat[entries["x"], entries["y"], 0], entries["ux"])
