"""Fields and their accesses, in pystencils' terms.

A field has spatial dimensions (x first) and index (component) dimensions,
an element type, a layout and optionally fixed extents. `f[1, 0]` is the
access one point east of the current one, `f(3)` component 3 at the
current point, `f[1, 0](3)` both, `f.center` the current point.
"""

import re

import numpy as np
import sympy as sp

from .dtypes import canonical_dtype, ps_type

# pystencils layout names -> the dialect's.
_LAYOUTS = {
    "numpy": "c", "c": "c", "reverse_numpy": "fzyx", "f": "fzyx",
    "fzyx": "fzyx", "soa": "fzyx", "zyxf": "zyxf", "aos": "zyxf",
}


def layout_name(layout):
    """The dialect's layout (fzyx, zyxf, c) of a pystencils layout name."""
    key = str(layout).lower()
    if key not in _LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of "
                         + ", ".join(sorted(_LAYOUTS)))
    return _LAYOUTS[key]


def memory_order(layout, spatial, index):
    """The dimensions of a field from the slowest to the fastest in memory
    (spatial dimensions first in the numbering, then index dimensions)."""
    xs = list(range(spatial))
    fs = list(range(spatial, spatial + index))
    name = layout_name(layout)
    if name == "c":
        return xs + fs
    if name == "fzyx":
        return fs + xs[::-1]
    return xs[::-1] + fs  # zyxf


class Field:
    """A field parameter of a kernel (pystencils' Field)."""

    def __init__(self, name, dtype="float64", spatial_dimensions=2,
                 index_shape=(), layout="numpy", shape=None, alignment=0,
                 index_names=None, strides=None, records=None):
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"field name {name!r} is not an identifier")
        if not 1 <= spatial_dimensions <= 3:
            raise ValueError(f"field '{name}': {spatial_dimensions} spatial "
                             "dimensions; kernels take 1 to 3")
        self.name = name
        self.dtype = canonical_dtype(dtype)
        self.spatial_dimensions = spatial_dimensions
        self.index_shape = tuple(int(i) for i in index_shape)
        self.layout = layout_name(layout)
        self.shape = tuple(shape) if shape is not None else None
        if self.shape is not None and len(self.shape) != self.ndim:
            raise ValueError(f"field '{name}': shape {self.shape} has "
                             f"{len(self.shape)} extents, expected {self.ndim}")
        if alignment and (alignment & (alignment - 1)):
            raise ValueError(f"field '{name}': alignment {alignment} is not "
                             "a power of two")
        self.alignment = int(alignment)
        # Names of components (structured index arrays: 'x', 'y', 'dir').
        self.index_names = tuple(index_names) if index_names else ()
        # Strides in elements, '?' where the caller's array gives them:
        # views of a structured array (instead of a layout).
        self.strides = tuple(strides) if strides is not None else None
        # An index list of records: the NumPy dtype and, per member that
        # is no component, the 1-D field viewing it (`records`).
        self.records = records

    # -- pystencils' API ------------------------------------------------
    @property
    def ndim(self):
        return self.spatial_dimensions + len(self.index_shape)

    @property
    def index_dimensions(self):
        return len(self.index_shape)

    @property
    def has_fixed_shape(self):
        return self.shape is not None

    @property
    def spatial_shape(self):
        return self.shape[:self.spatial_dimensions] if self.shape else None

    @property
    def center(self):
        return Field.Access(self, (0,) * self.spatial_dimensions)

    @property
    def center_vector(self):
        if len(self.index_shape) != 1:
            raise ValueError(f"field '{self.name}': center_vector needs one "
                             "index dimension")
        return sp.Matrix([self.center(i) for i in range(self.index_shape[0])])

    def __getitem__(self, offsets):
        if not isinstance(offsets, tuple):
            offsets = (offsets,)
        return Field.Access(self, offsets)

    def __call__(self, *index):
        return self.center(*index)

    def neighbor(self, coord_id, offset):
        offsets = [0] * self.spatial_dimensions
        offsets[coord_id] = offset
        return Field.Access(self, offsets)

    def with_alignment(self, alignment):
        """A copy whose base pointer the caller promises to align."""
        return Field(self.name, self.dtype, self.spatial_dimensions,
                     self.index_shape, self.layout, self.shape, alignment,
                     self.index_names, self.strides, self.records)

    @staticmethod
    def create_generic(name, spatial_dimensions, dtype="float64",
                       index_dimensions=0, layout="numpy", index_shape=None):
        if index_shape is None and index_dimensions:
            raise ValueError(f"field '{name}': give index_shape (the number "
                             "of components); kernels need it fixed")
        return Field(name, dtype, spatial_dimensions, index_shape or (),
                     layout)

    @staticmethod
    def create_fixed_size(name, shape, index_dimensions=0, dtype="float64",
                          layout="numpy"):
        spatial = len(shape) - index_dimensions
        return Field(name, dtype, spatial, shape[spatial:], layout, shape)

    @staticmethod
    def create_from_numpy_array(name, array, index_dimensions=0,
                                alignment=0):
        """A field with the extents, element type and layout of `array`.
        A structured array (an index list for sparse kernels) becomes a
        1D field with one component per member."""
        array = np.asarray(array)
        if array.dtype.names:
            return _index_list(name, array, alignment)
        spatial = array.ndim - index_dimensions
        layout = _layout_of_strides(name, array, spatial)
        if layout is None:
            # A view such as a[:, ::2]: strides given by the caller's array,
            # which ps-vectorize gathers.
            return Field(name, array.dtype, spatial, array.shape[spatial:],
                         "fzyx", array.shape, alignment,
                         strides=("?",) * array.ndim)
        return Field(name, array.dtype, spatial, array.shape[spatial:],
                     layout, array.shape, alignment)

    # -- the dialect ----------------------------------------------------
    def ir_type(self):
        """The field type in the ps dialect."""
        extents = self.shape[:self.spatial_dimensions] if self.shape else \
            ("?",) * self.spatial_dimensions
        text = "x".join(str(e) for e in extents) + "x" + ps_type(self.dtype)
        if self.index_shape:
            text += ", components [" + ", ".join(map(str, self.index_shape)) \
                + "]"
        if self.strides is not None:
            text += ", strides [" + ", ".join(map(str, self.strides)) + "]"
        elif self.layout != "fzyx":
            text += f", layout {self.layout}"
        return f"!ps.field<{text}>"

    def numpy_strides(self, shape):
        """Strides in elements of a dense array of `shape` in this layout."""
        order = memory_order(self.layout, self.spatial_dimensions,
                             len(self.index_shape))
        strides = [0] * len(shape)
        running = 1
        for dim in reversed(order):
            strides[dim] = running
            running *= shape[dim]
        return strides

    def __repr__(self):
        return self.name

    def key(self):
        """Everything that makes two fields the same parameter."""
        records = self.records.dtype if self.records else None
        return (self.name, self.dtype, self.spatial_dimensions,
                self.index_shape, self.layout, self.shape, self.alignment,
                self.index_names, self.strides, records)

    def __hash__(self):
        return hash(self.key())

    def __eq__(self, other):
        return isinstance(other, Field) and self.key() == other.key()

    class Access(sp.Symbol):
        """A read or write of a field at offsets and components: numbers,
        or integer expressions of the entry's data (record members, table
        lookups) that the kernel computes for each point (ps.load and
        ps.store with offsets that are values)."""

        def __new__(cls, field, offsets, index=()):
            offsets = tuple(_index_value(field, o, "offset") for o in offsets)
            if len(offsets) != field.spatial_dimensions:
                raise ValueError(
                    f"field '{field.name}' has {field.spatial_dimensions} "
                    f"spatial dimensions, the access gives {len(offsets)} "
                    "offsets")
            index = tuple(field._component(i) for i in index)
            name = f"{field.name}[{','.join(map(str, offsets))}]"
            if index:
                name += f"({','.join(map(str, index))})"
            obj = sp.Symbol.__xnew__(cls, name)
            obj.field = field
            obj.offsets = offsets
            obj.index = index
            return obj

        def __getnewargs__(self):
            return (self.field, self.offsets, self.index)

        def _hashable_content(self):
            # The whole field: SymPy's caches must not take an access to
            # one field for an access to another of the same name.
            return super()._hashable_content() + (
                self.field.key(), self.offsets, self.index)

        def __call__(self, *index):
            if self.index:
                raise ValueError(f"{self} already names a component")
            member = self.field.record_field(index)
            if member is not None:
                return Field.Access(member, self.offsets)
            return Field.Access(self.field, self.offsets, index)

        def get_shifted(self, *shift):
            return Field.Access(self.field, [o + s for o, s in
                                             zip(self.offsets, shift)],
                                self.index)

    def _component(self, i):
        """The component number of `i`, a number or a member name, or an
        integer expression (a component chosen per point)."""
        if isinstance(i, str):
            if i not in self.index_names:
                members = list(self.index_names)
                if self.records:
                    members += list(self.records.fields)
                raise ValueError(f"field '{self.name}' has no component "
                                 f"{i!r}; it has {members}")
            return self.index_names.index(i)
        return _index_value(self, i, "component")

    def record_field(self, index):
        """The 1-D field of record member `index` (one name) of an index
        list, if it is a member outside the list's components."""
        if self.records and len(index) == 1 and isinstance(index[0], str):
            return self.records.fields.get(index[0])
        return None


class Records:
    """The record type of an index list (a NumPy structured dtype) and the
    1-D fields that view its members outside the list's components: the
    kernel reads them with ps.load_record, the call passes views of the
    one structured array the user gives."""

    def __init__(self, dtype, fields):
        self.dtype = dtype
        self.fields = fields  # member -> Field (name '<list>_<member>')


def _index_value(field, value, what):
    """An offset or component: an int, or a SymPy integer expression."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    try:
        value = sp.sympify(value, strict=True)
    except (sp.SympifyError, TypeError):
        raise TypeError(f"field '{field.name}': {what} {value!r} is not an "
                        "integer or an expression") from None
    if value.is_Integer:
        return int(value)
    if value.is_Number:
        raise TypeError(f"field '{field.name}': {what} {value} is not an "
                        "integer")
    return value


def _index_list(name, array, alignment):
    """The field of a structured array of records (an index list): its
    first members of one integer type, contiguous, are the components
    (the coordinates first); every other member is a record field, a
    strided 1-D view of the same array."""
    if array.ndim != 1:
        raise ValueError(f"index array '{name}': an index array is "
                         f"one-dimensional, got {array.ndim} dimensions")
    dtype = array.dtype
    members = dtype.names
    base, start = _member(name, dtype, members[0])
    if base.kind != "i":
        raise TypeError(f"index array '{name}': its first member "
                        f"'{members[0]}' is {base}; the coordinates come "
                        "first, as integers")
    k = 1
    while k < len(members) and _member(name, dtype, members[k]) == \
            (base, start + k * base.itemsize):
        k += 1
    _check_view(name, dtype, members[0], base, start)
    n = array.shape[0]
    fields = {}
    for m in members[k:]:
        member_type, offset = _member(name, dtype, m)
        _check_view(name, dtype, m, member_type, offset)
        fields[m] = Field(f"{name}_{m}", member_type, 1, (), "c", (n,),
                          strides=("?",))
    dense = not fields and start == 0 and dtype.itemsize == k * base.itemsize
    strides = None if dense else ("?", 1)
    return Field(name, base, 1, (k,), "c", (n, k), alignment, members[:k],
                 strides, Records(dtype, fields))


def _member(name, dtype, member):
    """(type, byte offset) of a member of a structured dtype."""
    member_type, offset = dtype.fields[member][:2]
    if member_type.names or member_type.subdtype:
        raise TypeError(f"index array '{name}': member '{member}' is "
                        f"{member_type}; records hold scalars")
    return np.dtype(canonical_dtype(member_type)), offset


def _check_view(name, dtype, member, member_type, offset):
    """A member is a strided view in elements of its type only if its byte
    offset and the record size are multiples of its size."""
    size = member_type.itemsize
    if offset % size or dtype.itemsize % size:
        raise TypeError(
            f"index array '{name}': member '{member}' ({member_type}) lies "
            f"at byte {offset} of {dtype.itemsize}-byte records; a member "
            f"whose byte offset or the record size is not a multiple of its "
            f"size ({size}) cannot be a strided view of the array: make the "
            "dtype with align=True (np.dtype([...], align=True))")


def _layout_of_strides(name, array, spatial):
    """The layout of a NumPy array's strides among fzyx, zyxf and c."""
    shape = array.shape
    index = array.ndim - spatial
    if array.ndim == 0:
        raise ValueError(f"array '{name}' has no dimensions")
    for layout in ("c", "fzyx", "zyxf"):
        order = memory_order(layout, spatial, index)
        strides = [s // array.itemsize for s in array.strides]
        dims = [d for d in order if shape[d] > 1]
        if all(strides[a] >= strides[b] * shape[b]
               for a, b in zip(dims, dims[1:])) and \
                (not dims or strides[dims[-1]] == 1):
            return layout
    if all(st > 0 and st % array.itemsize == 0 for st in array.strides):
        return None
    raise ValueError(f"array '{name}': strides {array.strides} match none of "
                     "the layouts c (numpy), fzyx, zyxf, and are not positive "
                     "multiples of its element size")
