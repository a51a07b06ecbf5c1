// An entry folder the process may not read (mode 000) cannot be verified,
// moved aside or replaced: the process says so and uses a copy it compiles
// itself, every call; it never claims to have rebuilt the entry and never
// fails. Root ignores file modes, so this runs as nobody then.
// REQUIRES: file-modes
// RUN: rm -rf %t && mkdir -p %t/cache && chmod 777 %t/cache
// RUN: %as_unprivileged ps-cache-worker %t/cache 0 %examples/jacobi2d.mlir | FileCheck %s --check-prefix=FILL
// RUN: chmod 000 %t/cache/entries/*
// RUN: %as_unprivileged ps-cache-worker %t/cache 0 %examples/jacobi2d.mlir > %t/locked 2>&1
// RUN: FileCheck %s --check-prefix=LOCKED < %t/locked
// RUN: %as_unprivileged ps-cache-worker %t/cache 0 %examples/jacobi2d.mlir > %t/again 2>&1
// RUN: FileCheck %s --check-prefix=LOCKED < %t/again
// RUN: chmod 755 %t/cache/entries/*
// RUN: %as_unprivileged ps-cache-worker %t/cache 0 %examples/jacobi2d.mlir | FileCheck %s --check-prefix=HIT

// FILL: jacobi2d.mlir: compiled, results identical
// LOCKED: warning: cache entry {{[0-9a-f]+}} is unusable (cannot read {{.*}}meta.json: Permission denied) and cannot be moved aside; this process compiles its own copy
// LOCKED-NOT: moved aside and rebuilt
// LOCKED: jacobi2d.mlir: compiled in memory, results identical
// HIT: jacobi2d.mlir: disk hit, results identical
