// RUN: not ps-opt %s -convert-ps-to-gpu=scheme=diagonal 2>&1 | FileCheck %s --check-prefix=SCHEME
// RUN: not ps-opt %s -convert-ps-to-gpu=block-size=64,32 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not ps-opt %s -convert-ps-to-gpu=block-size=0 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not ps-opt %s -convert-ps-to-gpu=block-size=8,8,8,2 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not ps-opt %s -convert-ps-to-gpu="scheme=blockwise block-size=32,2" 2>&1 | FileCheck %s --check-prefix=BLOCKWISE
// RUN: ps-opt %s -split-input-file -verify-diagnostics -convert-ps-to-gpu

// SCHEME: for the --scheme option: Cannot find option named 'diagonal'!
// SIZE: error: convert-ps-to-gpu: block-size must have 1 to 3 positive entries with at most 1024 threads in all
// BLOCKWISE: error: convert-ps-to-gpu: the blockwise scheme takes one block size (threads along the contiguous dimension)

// expected-error@+1 {{parameter 'w' is untyped: run ps-typify before lowering}}
ps.kernel @untyped(%w: !ps.untyped, %f: !ps.field<?xf64>) {
  ps.iterate (%x : i64) in %f ghost 0 : !ps.field<?xf64> {
    ps.store %w, %f[0] : !ps.untyped, !ps.field<?xf64>
  }
  ps.return
}
