// DistributedKernel::tune on 3 ranks of heat3d, whose blocks have two
// shapes (22 and 21 points in x): every rank times the candidates on its own
// blocks at the same time, and every rank then runs rank 0's choice; the
// steps stay bit-identical to one block. A second run takes every rank's
// choice from the records of the first. Then the two records are rewritten
// to two different variants, so that ranks 1 and 2 read another choice than
// rank 0's: they still run rank 0's.
// REQUIRES: mpi
// RUN: rm -rf %t.cache
// RUN: env PS_CACHE_DIR=%t.cache timeout 120 mpirun --allow-run-as-root --oversubscribe -np 3 ps-distributed-worker %examples/heat3d.mlir heat3d 2 periodic u out --scalar alpha=0.125 --shape 64x48x40 --tune-blocks 1 | FileCheck %s --check-prefix=TIMED
// RUN: env PS_CACHE_DIR=%t.cache timeout 120 mpirun --allow-run-as-root --oversubscribe -np 3 ps-distributed-worker %examples/heat3d.mlir heat3d 2 periodic u out --scalar alpha=0.125 --shape 64x48x40 --tune-blocks 1 | FileCheck %s --check-prefix=RECORDED
// RUN: ls %t.cache/tuning/*.json | count 2
// RUN: sed -i 's/"options": ".*"/"options": "vectorize=none"/' $(ls %t.cache/tuning/*.json | head -1)
// RUN: sed -i 's/"options": ".*"/"options": "opt-level=2"/' $(ls %t.cache/tuning/*.json | tail -1)
// RUN: env PS_CACHE_DIR=%t.cache timeout 120 mpirun --allow-run-as-root --oversubscribe -np 3 ps-distributed-worker %examples/heat3d.mlir heat3d 2 periodic u out --scalar alpha=0.125 --shape 64x48x40 --tune-blocks 1 | FileCheck %s --check-prefix=RECORDED
// TIMED: tuned: every rank runs rank 0's choice, timed
// TIMED: heat3d on 3 ranks (3x1x1), periodic, 2 steps: identical to one block
// RECORDED: tuned: every rank runs rank 0's choice, every rank from a record
// RECORDED: heat3d on 3 ranks (3x1x1), periodic, 2 steps: identical to one block
