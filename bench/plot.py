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
    kernels = []
    for k in results["kernels"]:
        if k["name"] not in kernels:
            kernels.append(k["name"])
    threads = sorted({k["threads"] for k in results["kernels"]})
    codegens = []
    for k in results["kernels"]:
        if k["codegen"] not in codegens:
            codegens.append(k["codegen"])

    fig, axes = plt.subplots(1, len(threads), figsize=(8 * len(threads), 5.2),
                             sharey=True)
    if len(threads) == 1:
        axes = [axes]
    bars = len(codegens) + 2
    width = 0.8 / bars
    for ax, t in zip(axes, threads):
        labelled = set()
        for i, name in enumerate(kernels):
            rows = [k for k in results["kernels"]
                    if k["name"] == name and k["threads"] == t]
            for j, codegen in enumerate(codegens):
                r = next((r for r in rows if r["codegen"] == codegen), None)
                if r is None:  # blocked variants exist for 3D kernels only
                    continue
                # tab10's grey (7) is kept for the C++ bars.
                ax.bar(i + j * width, r["ps_MLUPs"], width,
                       color=plt.cm.tab10(j if j < 7 else j + 1),
                       label=f"ps {codegen}" if codegen not in labelled else None)
                labelled.add(codegen)
            # The C++ kernels, strict and contracted, timed beside each variant.
            for k, (contract, label, shade) in enumerate(
                    [(False, "C++ -ffp-contract=off", "0.75"),
                     (True, "C++ -ffp-contract=fast", "0.45")]):
                timed = [r["cpp_MLUPs"] for r in rows
                         if r.get("contract", False) == contract]
                if timed:
                    ax.bar(i + (len(codegens) + k) * width,
                           sorted(timed)[len(timed) // 2], width, color=shade,
                           label=label if i == 0 else None)
            # The kernel's bound: a copy of its array, timed in the same
            # rounds (24 B per update with write-allocate, 16 without).
            copies = sorted(r["bound_MLUPs_copy_same_run"] for r in rows)
            bound = copies[len(copies) // 2]
            left, right = i - width / 2, i + (bars - 0.5) * width
            ax.hlines(bound, left, right, colors="k", linestyles="--",
                      label="bound: copy, 24 B/update (write-allocate)"
                      if i == 0 else None)
            ax.hlines(bound * 1.5, left, right, colors="k", linestyles=":",
                      label="bound: 16 B/update (streaming stores)"
                      if i == 0 else None)
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
