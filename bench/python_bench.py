#!/usr/bin/python3
"""Speed of the Python front end (bench/README.md has the figures):

1. cold: a new process makes the 2D Jacobi with create_kernel and compiles
   it with an empty kernel cache (the time from `import psmlir` done to the
   compiled kernel, and the import itself);
2. call: the overhead of calling a tiny kernel (a 1x1 field) from Python;
3. cached: a second process, the cache warm on disk, from `import psmlir`
   done to the first result;
4. run: a sweep of the 2D Jacobi on 4096 x 4096 doubles called from Python
   (SIMD for the host, 2 threads), in MLUP/s, beside the same sweep as a
   NumPy expression.

Medians of several runs; --json writes them to a file.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import time
t0 = time.perf_counter()
import numpy as np
import psmlir as ps
t1 = time.perf_counter()
src, dst = ps.fields("src, dst: float64[2D]")
update = ps.Assignment(dst.center,
                       (src[1, 0] + src[-1, 0] + src[0, 1] + src[0, -1]) / 4)
kernel = ps.create_kernel([update]).compile()
t2 = time.perf_counter()
a = np.ones((64, 64)); b = np.zeros_like(a)
kernel(src=a, dst=b)
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t1, kernel.cache_outcome)
"""


def child(cache):
    env = dict(os.environ, PS_CACHE_DIR=cache)
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), " ".join(out[3:])


def call_overhead(repeats):
    import numpy as np
    import psmlir as ps
    f = ps.fields("f: float64[2D]")
    kernel = ps.create_kernel([ps.Assignment(f.center, 1.0)]).compile()
    a = np.zeros((1, 1))
    kernel(f=a)
    times = []
    for _ in range(repeats):
        n = 20000
        t = time.perf_counter()
        for _ in range(n):
            kernel(f=a)
        times.append((time.perf_counter() - t) / n)
    return statistics.median(times)


def run_speed(repeats, n=4096):
    import numpy as np
    import psmlir as ps
    src, dst = ps.fields("src, dst: float64[2D]")
    update = ps.Assignment(dst.center, ps.mul(ps.add(
        ps.add(src[-1, 0], src[1, 0]), ps.add(src[0, -1], src[0, 1])), 0.25))
    kernel = ps.create_kernel(update, cpu_vectorize_info=True,
                              cpu_openmp=2).compile()
    a = np.random.default_rng(0).random((n, n))
    b = np.zeros_like(a)
    points = (n - 2) ** 2

    def best(f):
        f()
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            f()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    def numpy_sweep():
        b[1:-1, 1:-1] = ((a[:-2, 1:-1] + a[2:, 1:-1]) +
                         (a[1:-1, :-2] + a[1:-1, 2:])) * 0.25
    ps_time = best(lambda: kernel(src=a, dst=b))
    np_time = best(numpy_sweep)
    return points / ps_time / 1e6, points / np_time / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args()
    cold, imports, cached = [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            imp, build, _, outcome = child(cache)
            assert outcome == "compiled", outcome
            cold.append(build)
            imports.append(imp)
            _, _, first, outcome = child(cache)
            if outcome != "disk hit":
                sys.exit(f"python_bench: the second process got '{outcome}',"
                         " not a disk hit (was the extension rebuilt between "
                         "the two processes? the build id is in the "
                         "signature)")
            cached.append(first)
    call = call_overhead(args.runs)
    ps_mlups, np_mlups = run_speed(args.runs)
    results = {
        "import_ms": 1e3 * statistics.median(imports),
        "cold_create_and_compile_ms": 1e3 * statistics.median(cold),
        "call_overhead_us": 1e6 * call,
        "cached_first_result_ms": 1e3 * statistics.median(cached),
        "jacobi_4096_mlups": ps_mlups,
        "numpy_4096_mlups": np_mlups,
        "runs": args.runs,
    }
    print(f"import psmlir (numpy, sympy, the extension): "
          f"{results['import_ms']:.0f} ms")
    print(f"cold create_kernel + compile, 2D Jacobi:     "
          f"{results['cold_create_and_compile_ms']:.0f} ms  (goal < 300)")
    print(f"call overhead, tiny kernel:                  "
          f"{results['call_overhead_us']:.2f} us  (goal < 10)")
    print(f"second process, cache on disk, first result: "
          f"{results['cached_first_result_ms']:.1f} ms  (goal < 20)")
    print(f"2D Jacobi 4096^2 from Python, SIMD, 2 threads: "
          f"{ps_mlups:.0f} MLUP/s (NumPy expression: {np_mlups:.0f})")
    print(f"medians of {args.runs} runs")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
