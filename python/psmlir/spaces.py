"""Iteration spaces: ghost layers, slices and sparse spaces as the ps
dialect writes them."""

from .errors import located


def sparse_space(index_fields, rank, config, location, field_values, names):
    if len(index_fields) != 1:
        raise located(location, "a sparse kernel takes one index field")
    index = index_fields[0]
    if index.spatial_dimensions != 1 or len(index.index_shape) != 1:
        raise located(location, f"index field '{index.name}' must be 1D "
                      "with one index dimension (a structured array or an "
                      "(n, k) integer array)")
    wanted = config.coordinate_names[:rank]
    if index.index_names and tuple(index.index_names[:rank]) != wanted:
        raise located(location, f"index field '{index.name}': its first "
                      f"members are {list(index.index_names[:rank])}, but the "
                      f"coordinates {list(wanted)} must come first (the "
                      "dialect reads the coordinates from the first "
                      "components)")
    ssa, type_ = field_values[index]
    disjoint = " disjoint" if config.disjoint else ""
    return f"ps.iterate_sparse ({names}) in {ssa}{disjoint} : {type_}"


def dense_space(config, accesses, rank, location):
    if config.iteration_slice is not None:
        slices = config.iteration_slice
        if not isinstance(slices, tuple):
            slices = (slices,)
        if len(slices) != rank:
            raise located(location, f"iteration_slice has {len(slices)} "
                          f"entries for a {rank}-dimensional kernel")
        parts = []
        for d, s in enumerate(slices):
            if isinstance(s, int):
                if s < 0:
                    raise located(location, f"iteration_slice: index {s} in "
                                  f"dimension {d} is negative; give a "
                                  "start counted from the lower end")
                s = slice(s, s + 1, 1)
            if not isinstance(s, slice):
                raise located(location, f"iteration_slice: {s!r} in "
                              f"dimension {d} is not a slice")
            start = 0 if s.start is None else s.start
            stop = 0 if s.stop is None else s.stop
            step = 1 if s.step is None else s.step
            if start < 0:
                raise located(location, f"iteration_slice: start {start} in "
                              f"dimension {d} is negative; kernels count "
                              "starts from the lower end")
            if step < 1:
                raise located(location, f"iteration_slice: step {step} in "
                              f"dimension {d}; steps must be positive")
            text = f"{start}:{stop if stop != 0 else ''}"
            if step != 1:
                text += f":{step}"
            parts.append(text)
        return "slice [" + ", ".join(parts) + "]"
    ghost = config.ghost_layers
    if ghost is None:
        for acc, where in accesses:
            if not all(isinstance(o, int) for o in acc.offsets):
                raise located(where, f"{acc}: an offset computed per point "
                              "has no reach the front end knows; give "
                              "ghost_layers (ps-analyze checks them)")
        reach = [abs(o) for acc, _ in accesses for o in acc.offsets]
        return f"ghost {max(reach, default=0)}"
    if isinstance(ghost, int):
        return f"ghost {ghost}"
    ghost = tuple(ghost)
    if len(ghost) != rank:
        raise located(location, f"ghost_layers has {len(ghost)} entries for "
                      f"a {rank}-dimensional kernel")
    parts = []
    for d, g in enumerate(ghost):
        lo, hi = (g, g) if isinstance(g, int) else tuple(g)
        if lo < 0 or hi < 0:
            raise located(location, f"ghost_layers: negative width in "
                          f"dimension {d}")
        parts.append(f"{lo}:{-hi if hi else ''}")
    return "slice [" + ", ".join(parts) + "]"
