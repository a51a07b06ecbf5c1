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
                 index_names=None):
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
                     self.index_names)

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
            members = array.dtype.names
            types = {array.dtype.fields[m][0] for m in members}
            if len(types) != 1:
                raise TypeError(f"index array '{name}': its members have "
                                f"different types {sorted(map(str, types))};"
                                " kernels take one integer type")
            return Field(name, types.pop(), 1, (len(members),), "c",
                         (array.shape[0], len(members)), alignment, members)
        spatial = array.ndim - index_dimensions
        layout = _layout_of_strides(name, array, spatial)
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
        if self.layout != "fzyx":
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
        return (self.name, self.dtype, self.spatial_dimensions,
                self.index_shape, self.layout, self.shape, self.alignment,
                self.index_names)

    def __hash__(self):
        return hash(self.key())

    def __eq__(self, other):
        return isinstance(other, Field) and self.key() == other.key()

    class Access(sp.Symbol):
        """A read or write of a field at constant offsets and components."""

        def __new__(cls, field, offsets, index=()):
            offsets = tuple(int(o) for o in offsets)
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
            return Field.Access(self.field, self.offsets, index)

        def get_shifted(self, *shift):
            return Field.Access(self.field, [o + s for o, s in
                                             zip(self.offsets, shift)],
                                self.index)

    def _component(self, i):
        """The component number of `i`, a number or a member name."""
        if isinstance(i, str):
            if i not in self.index_names:
                raise ValueError(f"field '{self.name}' has no component "
                                 f"{i!r}; it has {list(self.index_names)}")
            return self.index_names.index(i)
        i = int(i)
        return i


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
    raise ValueError(f"array '{name}': strides {array.strides} match none of "
                     "the layouts c (numpy), fzyx, zyxf")
