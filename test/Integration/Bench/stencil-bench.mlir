// stencil-bench (bench/README.md) at its small sizes, few rounds: the exit
// status says that every variant, the tuned one (--tuned) included,
// computes what the hand-written C++ does (strict variants bit for bit);
// the table and the JSON have their rows. The figures are not checked.
// RUN: rm -rf %t.cache
// RUN: env PS_CACHE_DIR=%t.cache stencil-bench --quick --repeats 3 --only heat3d --tuned --json %t.json | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: stencil-bench --quick --repeats 3 --only box27 --isa avx2 --unroll 4 --reuse --jam 2 --block-rows 16 --json %t.box.json | FileCheck %s --check-prefix=BOX
// An edge of 21 leaves 19 points per row: every variant's remainder runs.
// RUN: stencil-bench --quick --repeats 3 --only star19 --size-3d 21 --size-2d 30 --json %t.size.json | FileCheck %s --check-prefix=SIZE
// box27's default jams 3 rows (chooseJam): 19 rows leave one over.
// RUN: stencil-bench --quick --repeats 3 --only box27 --size-3d 21 --json %t.box21.json | FileCheck %s --check-prefix=JAM
// RUN: stencil-bench --quick --repeats 3 --only box27 --size-3d 21 --jam 3 --jam-planes 2 --unroll 1 --json %t.planes.json | FileCheck %s --check-prefix=PLANES
// RUN: FileCheck %s --check-prefix=PLANES-JSON < %t.planes.json
// Software prefetch for every vectorized variant, the default too.
// RUN: stencil-bench --quick --repeats 3 --only heat3d --size-3d 21 --prefetch 8192 --json %t.prefetch.json | FileCheck %s --check-prefix=PREFETCH
// RUN: FileCheck %s --check-prefix=PREFETCH-JSON < %t.prefetch.json
// RUN: not stencil-bench --size-3d 2>&1 | FileCheck %s --check-prefix=USAGE
// CHECK: 1 thread(s): FMA loop
// CHECK: heat3d 7-point 64^3 1 llvm {{.*}} yes
// CHECK: heat3d 7-point 64^3 1 default {{.*}} yes
// CHECK: heat3d 7-point 64^3 2 simd-nt-fma-blk
// CHECK: heat3d 7-point 64^3 1 tuned {{.*}} yes
// CHECK: heat3d 7-point 64^3 2 tuned {{.*}} yes
// CHECK: wrote
// JSON: "host_cpu":
// JSON: "codegen": "tuned"
// JSON-SAME: "options": "{{[a-z0-9-]+}}:
// BOX: box27 27-point 64^3 1 simd {{.*}} yes
// BOX: box27 27-point 64^3 2 simd-nt-blk {{.*}} yes
// SIZE: star19 19-point 21^3 1 default {{.*}} yes
// SIZE: star19 19-point 21^3 2 simd-nt-fma-blk
// USAGE: usage: stencil-bench {{.*}}[--jam-planes N] [--prefetch BYTES]{{.*}}[--size-3d N]
// PREFETCH: heat3d 7-point 21^3 1 default {{.*}} yes
// PREFETCH: heat3d 7-point 21^3 1 simd-nt {{.*}} yes
// PREFETCH: heat3d 7-point 21^3 2 simd-nt-fma-blk {{.*}} yes
// PREFETCH-JSON: "codegen": "default", "options": "{{.*}} prefetch=8192 {{.*}}vectorize=auto}"
// PREFETCH-JSON: "codegen": "llvm", "options": "{{.*}} prefetch=-1 {{.*}}vectorize=none}"
// Jammed planes (odd: 19 planes leave one over), bit for bit the C++.
// PLANES: box27 27-point 21^3 1 simd {{.*}} yes
// PLANES: box27 27-point 21^3 2 simd-nt-blk {{.*}} yes
// PLANES-JSON: "options": "{{.*}}jam=3 jam-planes=2 {{.*}}"
// JAM: box27 27-point 21^3 1 default {{.*}} yes
// JAM: box27 27-point 21^3 2 default {{.*}} yes
