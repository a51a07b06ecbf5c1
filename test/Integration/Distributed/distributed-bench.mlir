// distributed-bench (bench/README.md) on 1 and 2 ranks, small blocks, few
// rounds: it reports the exchange and step times of heat 3D and D3Q19, and
// with --tuned 1 the tuned copy's choice and step beside the default's.
// REQUIRES: mpi
// RUN: rm -rf %t.cache
// RUN: env PS_CACHE_DIR=%t.cache timeout 300 mpirun --allow-run-as-root --oversubscribe -np 1 distributed-bench --size 16 --rounds 3 | FileCheck %s --check-prefix=ONE
// RUN: env PS_CACHE_DIR=%t.cache timeout 300 mpirun --allow-run-as-root --oversubscribe -np 2 distributed-bench --size 16 --rounds 3 --tuned 1 | FileCheck %s --check-prefix=TUNED
// ONE: ranks 1 (1x1x1), 16^3 points per rank
// ONE-NEXT: heat3d exchange {{ *[0-9.]+}} ms step {{ *[0-9.]+}} ms overlapped {{ *[0-9.]+}} ms {{ *[0-9.]+}} MLUP/s per rank exchange {{ *[0-9.]+}}% of the step
// ONE-NEXT: d3q19_stream exchange
// TUNED: ranks 2 (2x1x1), 16^3 points per rank
// TUNED-NEXT: heat3d exchange
// TUNED-NEXT: heat3d tuned: {{[a-z0-9-]+}}, step {{ *[0-9.]+}} ms, {{[0-9.]+}}x the default's step
// TUNED-NEXT: d3q19_stream exchange
// TUNED-NEXT: d3q19_stream tuned: {{[a-z0-9-]+}}, step
