// ps-run --tune times the candidate variants on the run's shapes (in 3 to
// 12 interleaved rounds, until the fastest is apart from the rest), runs the
// fastest and records the choice in the kernel cache; a later run with the
// same shapes takes the record without timing (also without --tune, through
// --cache), other shapes are timed again. Every variant computes the same
// bits as the plain run.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ps-run %examples/heat3d.mlir --kernel heat3d --shape 24x20x16 --scalar alpha=0.1 --checksum > %t/plain
// RUN: PS_CACHE_DIR=%t/cache ps-run %examples/heat3d.mlir --kernel heat3d --shape 24x20x16 --scalar alpha=0.1 --checksum --tune > %t/first 2> %t/first.err
// RUN: PS_CACHE_DIR=%t/cache ps-run %examples/heat3d.mlir --kernel heat3d --shape 24x20x16 --scalar alpha=0.1 --checksum --tune > %t/second 2> %t/second.err
// RUN: PS_CACHE_DIR=%t/cache ps-run %examples/heat3d.mlir --kernel heat3d --shape 16x16x16 --scalar alpha=0.1 --checksum --tune 2>&1 >/dev/null | FileCheck %s --check-prefix=TIMED
// RUN: diff %t/plain %t/first && diff %t/plain %t/second
// RUN: FileCheck %s --check-prefix=TIMED < %t/first.err
// RUN: FileCheck %s --check-prefix=RECORD < %t/second.err
// RUN: cat %t/cache/tuning/*.json | FileCheck %s --check-prefix=JSON
// RUN: ls %t/cache/tuning | wc -l | FileCheck %s --check-prefix=TWO
// RUN: PS_CACHE_DIR=%t/cache ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 64x48 --checksum --tune 2>&1 >/dev/null | FileCheck %s --check-prefix=TWOD
// Through the cache, a run without --tune takes the record of these shapes
// (the same bits); other shapes, or no --cache, run the options as given.
// RUN: PS_CACHE_DIR=%t/cache ps-run %examples/heat3d.mlir --kernel heat3d --shape 24x20x16 --scalar alpha=0.1 --checksum --cache > %t/cached 2> %t/cached.err
// RUN: diff %t/plain %t/cached
// RUN: FileCheck %s --check-prefix=RECORD < %t/cached.err
// RUN: PS_CACHE_DIR=%t/cache ps-run %examples/heat3d.mlir --kernel heat3d --shape 24x20x17 --scalar alpha=0.1 --checksum --cache 2>&1 >/dev/null | count 0
// RUN: PS_CACHE_DIR=%t/cache ps-run %examples/heat3d.mlir --kernel heat3d --shape 24x20x16 --scalar alpha=0.1 --checksum 2>&1 >/dev/null | count 0
// Where the kernel was written is not part of the record's key: the same
// module with a location on an operation (as a Python program's carries)
// takes the record.
// RUN: sed 's|^\(    ps.store .*\)$|\1 loc("elsewhere.py":7:3)|' %examples/heat3d.mlir > %t/located.mlir
// RUN: grep -c 'loc("elsewhere.py":7:3)' %t/located.mlir | FileCheck %s --check-prefix=ONE
// RUN: PS_CACHE_DIR=%t/cache ps-run %t/located.mlir --kernel heat3d --shape 24x20x16 --scalar alpha=0.1 --checksum --cache > %t/located 2> %t/located.err
// RUN: diff %t/plain %t/located
// RUN: FileCheck %s --check-prefix=RECORD < %t/located.err

// The copies the tuner times on are allocated like any other memory: one
// that cannot be is an error, not a crash (2 GiB of fields, then 2 more).
// RUN: not bash -c 'ulimit -v 3400000; PS_CACHE_DIR=%t/big ps-run %examples/heat3d.mlir --kernel heat3d --shape 512x512x512 --scalar alpha=0.1 --checksum --tune' 2>&1 | FileCheck %s --check-prefix=NOMEM
// NOMEM: ps-run: tune: cannot allocate 1073741824 bytes for a copy of a field to time on

// TIMED: ps-run: tuned: {{as-given|auto-no-prefetch|auto-no-streaming|auto-u1|auto-reuse|auto-blk|simd|simd-u4|simd-nt|simd-blk|simd-jam2|simd-jam-planes|llvm}} ({{.*}}), {{([3-9]|1[0-2]) rounds|12 rounds, no candidate apart from the rest}}, as-given {{[0-9.]+}} ms, auto-no-prefetch {{[0-9.]+}} ms, auto-no-streaming {{[0-9.]+}} ms, auto-u1 {{[0-9.]+}} ms, auto-reuse {{[0-9.]+}} ms, auto-blk {{[0-9.]+}} ms, simd {{[0-9.]+}} ms, simd-u4 {{[0-9.]+}} ms, simd-nt {{[0-9.]+}} ms, simd-blk {{[0-9.]+}} ms, simd-jam2 {{[0-9.]+}} ms, simd-jam-planes {{[0-9.]+}} ms, llvm {{[0-9.]+}} ms{{$}}
// RECORD: ps-run: tuned: {{[a-z0-9-]+}} ({{.*}}), from the record of an earlier tuning
// JSON: "choice":
// JSON: "rounds": {{([3-9]|1[0-2])}},
// JSON: "seconds_per_call": {
// JSON: "llvm":
// JSON: "simd-jam-planes":
// JSON: "simd-jam2":
// JSON: "settled": {{true|false}}
// TWO: 2
// ONE: 1
// Blocking and jamming are 3D transforms: a 2D kernel is timed without them.
// TWOD: ps-run: tuned: {{.*}} rounds{{.*}}, as-given {{[0-9.]+}} ms, auto-no-prefetch {{[0-9.]+}} ms, auto-no-streaming {{[0-9.]+}} ms, auto-u1 {{[0-9.]+}} ms, auto-reuse {{[0-9.]+}} ms, simd {{[0-9.]+}} ms, simd-u4 {{[0-9.]+}} ms, simd-nt {{[0-9.]+}} ms, llvm {{[0-9.]+}} ms{{$}}
