"""NumPy arrays in a field's layout (pystencils'
create_numpy_array_with_layout)."""

import numpy as np

from .field import memory_order


def create_array(field, shape, fill=None, alignment=None):
    """A NumPy array for `field` with the given full shape (spatial, then
    index extents), in the field's layout and aligned as it promises
    (pystencils' create_numpy_array_with_layout)."""
    shape = tuple(shape)
    dtype = np.dtype(field.dtype)
    align = alignment if alignment is not None else max(field.alignment, 64)
    order = memory_order(field.layout, field.spatial_dimensions,
                         len(field.index_shape))
    storage_shape = [shape[d] for d in order]
    count = int(np.prod(storage_shape)) if storage_shape else 1
    raw = np.zeros(count * dtype.itemsize + align, dtype=np.uint8)
    offset = (-raw.ctypes.data) % align
    flat = raw[offset:offset + count * dtype.itemsize].view(dtype)
    stored = flat.reshape(storage_shape)
    inverse = [order.index(d) for d in range(len(shape))]
    array = stored.transpose(inverse)
    if fill is not None:
        array[...] = fill
    return array
