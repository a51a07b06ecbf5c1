"""Distributed runs: a kernel written for one block, on the blocks of a
Cartesian decomposition over MPI ranks (mpi4py, Debian's python3-mpi4py).

    from mpi4py import MPI
    import psmlir as ps
    from psmlir.distributed import Decomposition

    decomposition = Decomposition(MPI.COMM_WORLD, (1024, 1024),
                                  periodic=(True, True))
    src = decomposition.field(ghost_layers=1)
    dst = decomposition.field(ghost_layers=1)
    decomposition.fill(src, lambda x, y: np.sin(0.01 * x) * y)
    decomposition.tune(kernel, src=src, dst=dst)   # optional, collective
    for step in range(100):
        decomposition.step(kernel, exchange=["src"], src=src, dst=dst)
        src, dst = dst, src
    result = decomposition.gather(src)        # on rank 0, None elsewhere

The C++ library (docs/Distributed.md) does the same with ps pack kernels;
here NumPy slices pack the layers and mpi4py's nonblocking calls move them.
Arrays are NumPy arrays in C order (psmlir's default layout), ghost layers
included; index dimensions (components) come last.
"""

import itertools

import numpy as np

try:
    from mpi4py import MPI
except ImportError as error:  # pragma: no cover - setup.sh installs it
    raise ImportError("psmlir.distributed needs mpi4py "
                      "(apt-get install python3-mpi4py)") from error


def _split(extent, count, index):
    """The first point and the extent of part `index` of `count`."""
    base, rest = divmod(extent, count)
    return index * base + min(index, rest), base + (1 if index < rest else 0)


class Decomposition:
    """The global interior `shape` split over the ranks of `comm`
    (MPI_Dims_create, MPI_Cart_create), periodic or fixed per dimension."""

    def __init__(self, comm, shape, periodic=None, dims=None):
        rank = len(shape)
        periodic = tuple(periodic) if periodic is not None else (False,) * rank
        if not 1 <= rank <= 3 or len(periodic) != rank:
            raise ValueError(f"a decomposition has 1 to 3 dimensions and one "
                             f"periodic flag each, got shape {tuple(shape)} "
                             f"and periodic {periodic}")
        size = comm.Get_size()
        dims = list(dims) if dims else [0] * rank
        fixed = int(np.prod([d for d in dims if d > 0] or [1]))
        if len(dims) != rank or size % fixed or \
                (all(d > 0 for d in dims) and fixed != size):
            raise ValueError(f"a process grid of {dims} does not fit "
                             f"{size} ranks")
        dims = MPI.Compute_dims(size, dims)
        for d in range(rank):
            if shape[d] < dims[d]:
                raise ValueError(f"dimension {d} has {shape[d]} points for "
                                 f"{dims[d]} ranks")
        self.shape, self.periodic, self.dims = tuple(shape), periodic, dims
        self.comm = comm.Create_cart(dims, periods=list(periodic),
                                     reorder=False)
        self.rank = self.comm.Get_rank()
        self.coords = self.comm.Get_coords(self.rank)
        self.offset, self.local_shape = self.block(self.coords)

    def block(self, coords):
        """The first global point and the extents of the rank at `coords`."""
        parts = [_split(self.shape[d], self.dims[d], coords[d])
                 for d in range(len(self.shape))]
        return tuple(p[0] for p in parts), tuple(p[1] for p in parts)

    def neighbour(self, direction):
        """The rank in `direction` (entries -1, 0, 1), or None past a fixed
        boundary."""
        at = list(self.coords)
        for d, step in enumerate(direction):
            at[d] += step
            if not 0 <= at[d] < self.dims[d]:
                if not self.periodic[d]:
                    return None
                at[d] %= self.dims[d]
        return self.comm.Get_cart_rank(at)

    def field(self, ghost_layers=1, dtype=np.float64, index_shape=()):
        """This rank's block of a field, ghost layers included, zeros."""
        for d, extent in enumerate(self.local_shape):
            if extent < ghost_layers:
                raise ValueError(f"rank {self.rank} owns {extent} points in "
                                 f"dimension {d}, fewer than the "
                                 f"{ghost_layers} ghost layers")
        array = np.zeros(tuple(n + 2 * ghost_layers for n in self.local_shape)
                         + tuple(index_shape), dtype=dtype)
        return _Block(array, ghost_layers)

    def fill(self, block, function):
        """Sets `block` (ghost layers included) to `function(*coordinates)`
        of the global coordinate arrays (wrapped into the domain in periodic
        dimensions), broadcast over the index dimensions."""
        g = block.ghost_layers
        axes = []
        for d, n in enumerate(self.local_shape):
            coords = np.arange(self.offset[d] - g, self.offset[d] + n + g)
            if self.periodic[d]:
                coords %= self.shape[d]
            axes.append(coords)
        grids = np.meshgrid(*axes, indexing="ij")
        values = np.asarray(function(*grids), dtype=block.array.dtype)
        extra = block.array.ndim - len(self.shape)
        block.array[...] = values.reshape(values.shape + (1,) * extra)

    def exchange(self, block, directions=None):
        """Sends the layers next to each side with a neighbour and receives
        theirs into the ghost layers: faces, edges and corners, or the given
        `directions`."""
        self.finish_exchange(self.begin_exchange(block, directions))

    def begin_exchange(self, block, directions=None):
        """Posts the transfers of exchange(); finish_exchange() completes
        them. Work in between must read no ghost layer."""
        g, rank = block.ghost_layers, len(self.shape)
        if directions is None:
            directions = [d for d in itertools.product((-1, 0, 1),
                                                       repeat=rank) if any(d)]

        def tag(direction):
            return sum((v + 1) * 3 ** i for i, v in enumerate(direction))
        requests, receives = [], []
        for direction in directions:
            neighbour = self.neighbour(direction)
            if neighbour is None or g == 0:
                continue
            send, recv = [], []
            for d, v in enumerate(direction):
                n = self.local_shape[d]
                send.append({-1: slice(g, 2 * g), 0: slice(g, g + n),
                             1: slice(n, n + g)}[v])
                recv.append({-1: slice(0, g), 0: slice(g, g + n),
                             1: slice(n + g, n + 2 * g)}[v])
            buffer = np.empty_like(block.array[tuple(recv)])
            opposite = tuple(-v for v in direction)
            requests.append(self.comm.Irecv(buffer, source=neighbour,
                                            tag=tag(opposite)))
            receives.append((tuple(recv), buffer))
            outgoing = np.ascontiguousarray(block.array[tuple(send)])
            requests.append(self.comm.Isend(outgoing, dest=neighbour,
                                            tag=tag(direction)))
            receives.append((None, outgoing))  # kept alive until the wait
        return block, requests, receives

    def finish_exchange(self, pending):
        block, requests, receives = pending
        MPI.Request.Waitall(requests)
        for region, buffer in receives:
            if region is not None:
                block.array[region] = buffer

    def step(self, program, exchange=(), overlap=False, ghost_layers=1,
             **arguments):
        """Exchanges the ghost layers of the blocks named in `exchange`,
        then calls `program` on this rank's blocks (blocks by name, scalars
        as they are). With `overlap`, the points that read no ghost layer
        are updated while the layers travel, then the shell of the block:
        the program is called on views of the blocks (the kernel must
        iterate the interior with `ghost_layers` layers and take strided
        views)."""
        if not overlap:
            for name in exchange:
                self.exchange(arguments[name])
            self._call(program, arguments, None)
            return
        pending = [self.begin_exchange(arguments[name]) for name in exchange]
        g, local = ghost_layers, self.local_shape
        inner = [(2 * g, n) for n in local]
        self._call(program, arguments, inner, g)
        for each in pending:
            self.finish_exchange(each)
        # The shell: per dimension a low and a high slab, spanning the inner
        # range in the dimensions before it and everything after.
        for d, n in enumerate(local):
            for side in ((g, min(2 * g, n + g)), (max(n, 2 * g), n + g)):
                box = [inner[e] if e < d else side if e == d
                       else (g, local[e] + g) for e in range(len(local))]
                self._call(program, arguments, box, g)

    def tune(self, program, **arguments):
        """Finds the fastest variant of `program` for this rank's blocks
        (collective): every rank times the candidates on copies of its own
        blocks at the same time (program.tune), so that the ranks share the
        node's memory bandwidth as their steps will, and every rank then
        runs rank 0's choice. Each rank's timing is recorded in the kernel
        cache, so a later run on the same shapes and host takes the choice
        without timing. Returns rank 0's result (program.tune's dict) on
        every rank; an error on any rank is an error on every rank."""
        views = {name: value.array if isinstance(value, _Block) else value
                 for name, value in arguments.items()}
        self.comm.Barrier()
        result = self._collectively(lambda: program.tune(**views), "tuning")
        root = self.comm.bcast(result, root=0)
        # Collective on every rank, also where the choice is rank 0's.
        self._collectively(
            lambda: root["options"] == result["options"] or
            program._run_variant(root["options"], root["choice"]),
            "compiling rank 0's choice")
        return root

    def _collectively(self, action, what):
        """action() on every rank; raises its error on the ranks where it
        failed and a RuntimeError on the others, so that no rank waits for
        one that gave up."""
        try:
            value, failure = action(), None
        except Exception as error:  # re-raised below, on this rank
            value, failure = None, error
        if self.comm.allreduce(failure is not None, op=MPI.LOR):
            if failure is not None:
                raise failure
            raise RuntimeError(f"{what} failed on another rank")
        return value

    @staticmethod
    def _call(program, arguments, box, g=0):
        """Calls `program` on the blocks, or on their views that make it
        update the points `box` ([a, b) per dimension) only."""
        if box is not None and any(b <= a for a, b in box):
            return
        views = {}
        for name, value in arguments.items():
            if isinstance(value, _Block):
                value = value.array if box is None else value.array[
                    tuple(slice(a - g, b + g) for a, b in box)]
            views[name] = value
        program(**views)

    def gather(self, block, root=0):
        """The global interior on `root` (None elsewhere)."""
        g = block.ghost_layers
        interior = np.ascontiguousarray(
            block.array[tuple(slice(g, g + n) for n in self.local_shape)])
        blocks = self.comm.gather(interior, root=root)
        if self.rank != root:
            return None
        index_shape = block.array.shape[len(self.shape):]
        result = np.empty(self.shape + index_shape, dtype=block.array.dtype)
        for rank, data in enumerate(blocks):
            offset, extent = self.block(self.comm.Get_coords(rank))
            result[tuple(slice(o, o + n) for o, n in zip(offset, extent))] = data
        return result


class _Block:
    """A rank's block of a field: a NumPy array with ghost layers."""

    def __init__(self, array, ghost_layers):
        self.array, self.ghost_layers = array, ghost_layers
