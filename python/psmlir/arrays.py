"""NumPy arrays in a field's layout (pystencils'
create_numpy_array_with_layout) and with aligned rows (pystencils'
aligned_empty and aligned_zeros)."""

import numpy as np

from .field import memory_order


def _aligned_storage(storage_shape, dtype, align, align_rows):
    """Zeroed storage of `storage_shape` (slowest dimension first) whose
    first element is `align`-byte aligned; with `align_rows` the fastest
    dimension is padded so that every row starts `align`-aligned too, and
    the result is a view of the padded storage."""
    dtype = np.dtype(dtype)
    if align <= 0 or align & (align - 1) or align % dtype.itemsize:
        raise ValueError(f"alignment {align} is not a power of two that is "
                         f"a multiple of {dtype.itemsize} bytes ({dtype})")
    padded = list(storage_shape)
    if align_rows and padded:
        per_line = align // dtype.itemsize
        padded[-1] = -(-padded[-1] // per_line) * per_line
    count = int(np.prod(padded)) if padded else 1
    raw = np.zeros(count * dtype.itemsize + align, dtype=np.uint8)
    offset = (-raw.ctypes.data) % align
    stored = raw[offset:offset + count * dtype.itemsize].view(dtype)
    stored = stored.reshape(padded)
    return stored[tuple(slice(0, n) for n in storage_shape)]


def create_array(field, shape, fill=None, alignment=None, align_rows=False):
    """A NumPy array for `field` with the given full shape (spatial, then
    index extents), in the field's layout and aligned as it promises
    (pystencils' create_numpy_array_with_layout). `align_rows` pads the
    fastest dimension so that every row starts on the alignment too (64
    bytes: a cache line), which streaming stores and prefetch need to run
    at full speed (bench/README.md)."""
    shape = tuple(shape)
    rank = field.spatial_dimensions + len(field.index_shape)
    if len(shape) != rank:
        index = f" and its index extents {tuple(field.index_shape)}" \
            if field.index_shape else ""
        raise ValueError(
            f"create_array: field '{field.name}' needs a shape of {rank} "
            f"extents ({field.spatial_dimensions} spatial{index}), not "
            f"{shape}")
    align = alignment if alignment is not None else max(field.alignment, 64)
    order = memory_order(field.layout, field.spatial_dimensions,
                         len(field.index_shape))
    stored = _aligned_storage([shape[d] for d in order], field.dtype, align,
                              align_rows)
    inverse = [order.index(d) for d in range(len(shape))]
    array = stored.transpose(inverse)
    if fill is not None:
        array[...] = fill
    return array


def aligned_zeros(shape, byte_alignment=True, dtype="float64", order="C",
                  align_inner_coordinate=True):
    """Zeros whose first element, and with `align_inner_coordinate` every
    row of the fastest dimension, start on `byte_alignment` bytes (True:
    64, a cache line); a view of padded storage (pystencils'
    aligned_zeros)."""
    align = 64 if byte_alignment is True else int(byte_alignment)
    shape = tuple(shape)
    if order not in ("C", "F"):
        raise ValueError(f"order {order!r} is not 'C' or 'F'")
    if order == "C":
        return _aligned_storage(shape, dtype, align, align_inner_coordinate)
    stored = _aligned_storage(shape[::-1], dtype, align,
                              align_inner_coordinate)
    return stored.transpose()


def aligned_empty(shape, byte_alignment=True, dtype="float64", order="C",
                  align_inner_coordinate=True):
    """aligned_zeros (pystencils' aligned_empty; the storage is zeroed)."""
    return aligned_zeros(shape, byte_alignment, dtype, order,
                         align_inner_coordinate)
