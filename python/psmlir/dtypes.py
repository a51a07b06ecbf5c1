"""Scalar types: NumPy names (pystencils' spelling) and the dialect's."""

import numpy as np

# NumPy dtype name -> ps type, and the C name of each.
_PS_TYPES = {
    "float64": "f64", "float32": "f32", "float16": "f16",
    "int64": "i64", "int32": "i32", "int16": "i16", "int8": "i8",
    "bool": "i1",
}
_ALIASES = {
    "double": "float64", "float": "float32", "half": "float16",
    "int": "int64", "f64": "float64", "f32": "float32", "f16": "float16",
    "i64": "int64", "i32": "int32", "i16": "int16", "i8": "int8",
    "i1": "bool", "bool_": "bool",
}


def canonical_dtype(dtype):
    """The NumPy name ('float64', 'int32', ...) of a dtype, a NumPy type or
    a name; a TypeError for a type no kernel takes."""
    if isinstance(dtype, str):
        name = _ALIASES.get(dtype.strip(), dtype.strip())
    else:
        try:
            name = np.dtype(dtype).name
        except TypeError:
            raise TypeError(f"{dtype!r} is not a data type") from None
    if name not in _PS_TYPES:
        raise TypeError(
            f"data type {dtype!r} is not one a kernel takes; expected one of "
            + ", ".join(_PS_TYPES))
    return name


def ps_type(dtype):
    """The dialect's spelling (f64, i32, i1) of a dtype."""
    return _PS_TYPES[canonical_dtype(dtype)]


def is_float(dtype):
    return canonical_dtype(dtype).startswith("float")
