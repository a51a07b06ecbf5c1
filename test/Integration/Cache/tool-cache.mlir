// ps-run and ps-compile reach the kernel cache with --cache, configured as
// the C++ API is ($PS_CACHE_DIR, $PS_CACHE_DISABLE). A second run is a disk
// hit with the same results; an LLVM option that changes code
// (-force-vector-width) makes another entry; invalid or foreign options are
// refused before any lookup; a relative $PS_CACHE_DIR stores where it says.
// RUN: rm -rf %t && mkdir -p %t
// RUN: PS_CACHE_DIR=%t/cache ps-run --cache --cache-report %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum > %t/first 2> %t/first.err
// RUN: PS_CACHE_DIR=%t/cache ps-run --cache --cache-report %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum > %t/second 2> %t/second.err
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum > %t/jit
// RUN: diff %t/first %t/jit && diff %t/second %t/jit
// RUN: FileCheck %s --check-prefix=SUMS < %t/first
// RUN: FileCheck %s --check-prefix=COMPILED < %t/first.err
// RUN: FileCheck %s --check-prefix=HIT < %t/second.err
// RUN: PS_CACHE_DIR=%t/cache ps-run --cache --cache-report -force-vector-width=1 %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum 2>&1 >/dev/null | FileCheck %s --check-prefix=COMPILED
// RUN: PS_CACHE_DIR=%t/cache ps-run --cache --cache-report -force-vector-width 1 %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum 2>&1 >/dev/null | FileCheck %s --check-prefix=HIT
// RUN: ps-cache --dir %t/cache show | FileCheck %s --check-prefix=TWO
// RUN: not env PS_CACHE_DIR=%t/cache ps-run --cache --vectorize=sse4.2 --jam=0 %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 2>&1 | FileCheck %s --check-prefix=JAM
// RUN: not env PS_CACHE_DIR=%t/cache ps-run --cache --triple=aarch64-linux-gnu %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 2>&1 | FileCheck %s --check-prefix=FOREIGN
// RUN: not env PS_CACHE_DISABLE=1 ps-run --cache --triple=aarch64-linux-gnu %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 2>&1 | FileCheck %s --check-prefix=FOREIGN
// RUN: cd %t && PS_CACHE_DIR=relcache ps-run --cache --cache-report %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum 2>&1 >/dev/null | FileCheck %s --check-prefix=COMPILED --implicit-check-not=warning
// RUN: ps-cache --dir %t/relcache show | FileCheck %s --check-prefix=ONE
// RUN: PS_CACHE_DISABLE=1 ps-run --cache --cache-report %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum 2>&1 >/dev/null | FileCheck %s --check-prefix=MEMORY

// ps-compile --cache copies the entry's library (the same options as the
// ps-run above: a disk hit); docs/Cache.md shows these commands and writes the header of its kernels.
// RUN: PS_CACHE_DIR=%t/cache ps-compile --cache --cache-report %examples/jacobi2d.mlir --emit=shared -o %t/jacobi.so --header %t/jacobi.h 2>&1 | FileCheck %s --check-prefix=COMPILE-HIT
// RUN: llvm-readelf --dyn-syms %t/jacobi.so | FileCheck %s --check-prefix=SYMBOLS
// RUN: FileCheck %s --check-prefix=HEADER < %t/jacobi.h
// RUN: not env PS_CACHE_DIR=%t/cache ps-compile --cache %examples/jacobi2d.mlir --emit=obj -o %t/jacobi.o 2>&1 | FileCheck %s --check-prefix=NOT-SHARED
// RUN: not env PS_CACHE_DISABLE=1 ps-compile --cache %examples/jacobi2d.mlir --emit=shared -o %t/off.so 2>&1 | FileCheck %s --check-prefix=DISK-OFF

// SUMS: src: 30 values, sum 0.5
// SUMS-NEXT: dst: 30 values, sum 4.375
// COMPILED: ps-run: cache: compiled
// HIT: ps-run: cache: disk hit
// TWO: 2 entries
// JAM: ps-run: ps-lower-to-llvm-pipeline: jam 0 is not between 1 and 8
// FOREIGN: ps-run: triple 'aarch64-linux-gnu' is not this machine's ({{.*}}): its kernels cannot be loaded here; use ps-compile to cross-compile
// ONE: 1 entries, {{.*}} in {{.*}}/relcache
// MEMORY: ps-run: cache: compiled in memory
// COMPILE-HIT: ps-compile: cache: disk hit
// SYMBOLS-DAG: _ps_packed_jacobi2d
// SYMBOLS-DAG: _ps_build_tag
// HEADER: static inline void ps_jacobi2d(double *src,
// NOT-SHARED: ps-compile: --cache serves shared libraries for this machine: give --emit=shared
// DISK-OFF: ps-compile: the kernel cache in {{.*}} holds no entry for this module (disk off)
