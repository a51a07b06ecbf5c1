"""Field descriptions as pystencils writes them: fields("src, dst:
float64[2D]"), components f(19), fixed extents [8, 8], arrays by name."""

import re

from .field import Field


_SPEC = re.compile(r"^\s*(?P<names>[^:]+?)\s*(:\s*(?P<dtype>[a-z0-9_]*)\s*"
                   r"(\[(?P<dims>[^\]]*)\])?)?\s*$")


def fields(description=None, index_dimensions=0, layout="numpy",
           alignment=0, **arrays):
    """Fields from a description, as pystencils' `fields`:

    fields("src, dst: float64[2D]")       two 2D fields
    fields("f(19): float64[3D]")          19 components per point
    fields("f: [2D]", f=array)            extents and type of an array
    fields("g: float32[8, 8]")            fixed extents
    """
    if description is None:
        if not arrays:
            raise ValueError("fields() needs a description or arrays")
        description = ", ".join(arrays)
    result = []
    for group in _split_groups(description):
        match = _SPEC.match(group)
        if not match:
            raise ValueError(f"cannot read the field description {group!r}")
        dtype = match.group("dtype") or "float64"
        dims = match.group("dims")
        for item in _split_names(match.group("names")):
            name, components = _name_and_components(item)
            if name in arrays:
                array = arrays[name]
                index = len(components) or index_dimensions
                field = Field.create_from_numpy_array(name, array, index,
                                                      alignment)
            else:
                spatial, shape = _dimensions(group, dims)
                if shape is not None:
                    shape = tuple(shape) + components
                field = Field(name, dtype, spatial, components, layout,
                              shape, alignment)
            result.append(field)
    return result[0] if len(result) == 1 else result


def _split_groups(description):
    # "a, b: float64[2D]; c: float32[3D]" -> groups; a comma after ']'
    # also separates groups.
    parts, depth, start = [], 0, 0
    for i, c in enumerate(description):
        if c in "[(":
            depth += 1
        elif c in "])":
            depth -= 1
        elif depth == 0 and (c == ";" or (
                c == "," and description[start:i].rstrip().endswith("]"))):
            parts.append(description[start:i])
            start = i + 1
    parts.append(description[start:])
    return [p for p in parts if p.strip()]


def _split_names(names):
    out, depth, cur = [], 0, ""
    for c in names:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
    out.append(cur.strip())
    return [n for n in out if n]


def _name_and_components(item):
    m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)\s*(\(([\d,\s]+)\))?", item)
    if not m:
        raise ValueError(f"cannot read the field name {item!r}")
    comps = tuple(int(c) for c in m.group(3).split(",") if c.strip()) \
        if m.group(3) else ()
    return m.group(1), comps


def _dimensions(group, dims):
    if dims is None:
        return 2, None
    dims = dims.strip()
    m = re.fullmatch(r"(\d)D", dims, re.IGNORECASE)
    if m:
        return int(m.group(1)), None
    try:
        shape = [int(d) for d in dims.split(",")]
    except ValueError:
        raise ValueError(f"cannot read the dimensions [{dims}] of {group!r}; "
                         "expected [2D] or fixed extents [8, 8]") from None
    return len(shape), shape
