#!/usr/bin/python3
"""A first psmlir program: the steady temperature of a plate whose top edge
is held at 1 and the other edges at 0, by Jacobi sweeps.

Run it right after scripts/setup.sh:  /usr/bin/python3 examples/python/jacobi.py
"""

import numpy as np

import psmlir as ps

# Two 2D fields of doubles; the kernel writes dst from the four neighbours
# of each interior point of src (ghost layers: 1, from the largest offset).
src, dst = ps.fields("src, dst: float64[2D]")
update = ps.Assignment(dst.center,
                       (src[1, 0] + src[-1, 0] + src[0, 1] + src[0, -1]) / 4)
kernel = ps.create_kernel(update, cpu_vectorize_info=True).compile()
print("kernel:", kernel.name, "| cache:", kernel.cache_outcome in
      ("compiled", "disk hit", "memory hit"))

n = 32
a = np.zeros((n, n))
a[:, -1] = 1.0                 # the hot edge (y = n - 1)
b = a.copy()
for sweep in range(1, 2001):
    kernel(src=a, dst=b)
    a, b = b, a
    if sweep % 500 == 0:
        change = np.abs(a - b).max()
        print(f"sweep {sweep:4d}: largest change {change:.2e}, "
              f"centre {a[n // 2, n // 2]:.4f}")

# What the compiler made of it: the first lines of the typed ps IR.
print("\n".join(kernel.show_code("typed").splitlines()[1:3]))
