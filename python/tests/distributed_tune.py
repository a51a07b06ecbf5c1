"""Run under mpirun by test_distributed.py: Decomposition.tune on the
blocks of a 3D heat kernel (ranks with blocks of different shapes), then
STEPS steps, gathered and compared on rank 0, bit for bit, with the same
steps of the untuned program on one global block. Prints on rank 0 whether
every rank runs rank 0's choice and whether every rank took it from a
record."""

import sys

import numpy as np
from mpi4py import MPI

import psmlir as ps
from psmlir.distributed import Decomposition

steps = int(sys.argv[1])
shape = (40, 24, 30)

u, out = ps.fields("u, out: float64[3D]")
alpha = ps.TypedSymbol("alpha", "float64")
laplace = sum(u[d] for d in [(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0),
                             (0, 0, 1), (0, 0, -1)]) - 6 * u.center
kernel = ps.create_kernel(
    ps.Assignment(out.center, u.center + alpha * laplace)).compile()
reference = ps.create_kernel(
    ps.Assignment(out.center, u.center + alpha * laplace)).compile()


def initial(x, y, z):
    return ((7 * x + 13 * y + 17 * z) % 23 - 11) / 8.0


comm = MPI.COMM_WORLD
decomposition = Decomposition(comm, shape, periodic=(True, True, True))
src = decomposition.field(ghost_layers=1)
dst = decomposition.field(ghost_layers=1)
decomposition.fill(src, initial)
decomposition.fill(dst, initial)
tuned = decomposition.tune(kernel, u=src, out=dst, alpha=0.125)
# What each rank runs, against rank 0's choice.
same = comm.allreduce(kernel.variant_options == tuned["options"],
                      op=MPI.LAND)
recorded = comm.allreduce(bool(tuned["from_record"]), op=MPI.LAND)
for _ in range(steps):
    decomposition.step(kernel, exchange=["u"], u=src, out=dst, alpha=0.125)
    src, dst = dst, src
result = decomposition.gather(src)

if comm.Get_rank() == 0:
    index = np.indices(shape)
    one = np.pad(initial(*index), 1, mode="wrap")
    other = np.pad(initial(*index), 1, mode="wrap")
    for _ in range(steps):
        one = np.pad(one[1:-1, 1:-1, 1:-1], 1, mode="wrap")
        reference(u=one, out=other, alpha=0.125)
        one, other = other, one
    interior = one[1:-1, 1:-1, 1:-1]
    print(f"tuned on {comm.Get_size()} ranks: "
          f"{'one choice' if same else 'DIFFERENT choices'}, "
          f"{'from records' if recorded else 'timed'}, "
          f"{'identical' if np.array_equal(result, interior) else 'DIFFERENT'}"
          " to one block")
