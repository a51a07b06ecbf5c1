"""Run under mpirun by test_distributed.py: STEPS Jacobi sweeps of a psmlir
kernel on the blocks of a decomposition, gathered and compared on rank 0,
bit for bit, with the same sweeps on one global block whose periodic ghost
layers NumPy fills (np.pad, mode="wrap")."""

import sys

import numpy as np
from mpi4py import MPI

import psmlir as ps
from psmlir.distributed import Decomposition

periodic = sys.argv[1] == "periodic"
steps = int(sys.argv[2])
overlap = len(sys.argv) > 3 and sys.argv[3] == "overlap"
shape = (23, 17)

src_f, dst_f = ps.fields("src, dst: float64[2D]")
update = ps.Assignment(dst_f.center, (src_f[1, 0] + src_f[-1, 0]
                                      + src_f[0, 1] + src_f[0, -1]) / 4)
# Overlapping calls the kernel on views of the blocks: strided, unaligned.
kernel = ps.create_kernel(update).compile()


def initial(x, y):
    return ((7 * x + 13 * y) % 23 - 11) / 8.0


decomposition = Decomposition(MPI.COMM_WORLD, shape,
                              periodic=(periodic, periodic))
src = decomposition.field(ghost_layers=1)
dst = decomposition.field(ghost_layers=1)
decomposition.fill(src, initial)
decomposition.fill(dst, initial)
for _ in range(steps):
    decomposition.step(kernel, exchange=["src"], overlap=overlap, src=src,
                       dst=dst)
    src, dst = dst, src
result = decomposition.gather(src)

if decomposition.rank == 0:
    # One block: the same values, ghost layers included.
    x, y = np.meshgrid(np.arange(-1, shape[0] + 1), np.arange(-1, shape[1] + 1),
                       indexing="ij")
    if periodic:
        x, y = x % shape[0], y % shape[1]
    a, b = initial(x, y), initial(x, y)
    for _ in range(steps):
        if periodic:
            a = np.pad(a[1:-1, 1:-1], 1, mode="wrap")
        kernel(src=a, dst=b)
        a, b = b, a
    same = np.array_equal(a[1:-1, 1:-1], result)
    print(f"{decomposition.comm.Get_size()} ranks {decomposition.dims}, "
          f"{'periodic' if periodic else 'fixed'}"
          f"{', overlapped' if overlap else ''}: "
          f"{'identical to one block' if same else 'DIFFERENT'}")
