#!/usr/bin/python3
"""Plots stencil-bench results: MLUP/s per kernel, code generation and
thread count, beside the hand-written C++ kernel and the bandwidth bounds
measured in the same run.

    /usr/bin/python3 bench/plot.py bench/results-cpu.json bench/results-cpu.png

Needs matplotlib from Debian (apt-get install python3-matplotlib).
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        results = json.load(f)
    bounds = {b["threads"]: b for b in results["bandwidth"]}
    kernels = []
    for k in results["kernels"]:
        if k["name"] not in kernels:
            kernels.append(k["name"])
    threads = sorted(bounds)
    codegens = []
    for k in results["kernels"]:
        if k["codegen"] not in codegens:
            codegens.append(k["codegen"])

    fig, axes = plt.subplots(1, len(threads), figsize=(6.5 * len(threads), 4.8),
                             sharey=True)
    if len(threads) == 1:
        axes = [axes]
    bars = len(codegens) + 1
    width = 0.8 / bars
    for ax, t in zip(axes, threads):
        for i, name in enumerate(kernels):
            rows = [k for k in results["kernels"]
                    if k["name"] == name and k["threads"] == t]
            cpp = sum(r["cpp_MLUPs"] for r in rows) / len(rows)
            for j, codegen in enumerate(codegens):
                r = next(r for r in rows if r["codegen"] == codegen)
                ax.bar(i + j * width, r["ps_MLUPs"], width,
                       color=plt.cm.tab10(j), label=f"ps {codegen}" if i == 0 else None)
            ax.bar(i + len(codegens) * width, cpp, width, color="0.6",
                   label="hand-written C++" if i == 0 else None)
        b = bounds[t]
        ax.axhline(b["bound_MLUPs_write_allocate"], color="k", linestyle="--",
                   label="bandwidth bound, 24 B/update (write-allocate)")
        ax.axhline(b["bound_MLUPs_no_write_allocate"], color="k", linestyle=":",
                   label="bandwidth bound, 16 B/update (streaming stores)")
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(kernels))])
        ax.set_xticklabels([n.split()[0] for n in kernels])
        ax.set_title(f"{t} thread{'s' if t > 1 else ''}")
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("MLUP/s")
    axes[0].legend(fontsize=7, loc="upper right")
    fig.suptitle("stencil-bench: generated kernels, hand-written C++ and the "
                 "memory-bandwidth bound (same run)")
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)
    print(f"wrote {sys.argv[2]}")


if __name__ == "__main__":
    main()
