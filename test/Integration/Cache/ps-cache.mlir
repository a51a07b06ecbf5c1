// The ps-cache command line on a cache filled by ps-cache-worker.
// RUN: rm -rf %t && mkdir -p %t
// RUN: ps-cache-worker %t/cache 0 %examples/jacobi2d.mlir %examples/heat3d.mlir | FileCheck %s --check-prefix=FILL
// RUN: ps-cache --dir %t/cache show | FileCheck %s --check-prefix=SHOW
// RUN: ps-cache --dir %t/cache grep "ps\.kernel @heat[0-9]d" | FileCheck %s --check-prefix=GREP
// RUN: ps-cache grep "ps\.kernel @heat[0-9]d" --dir=%t/cache | FileCheck %s --check-prefix=GREP
// RUN: not ps-cache grep "[" --dir %t/cache 2>&1 | FileCheck %s --check-prefix=BADREGEX
// RUN: ps-cache show --dir %t/cache | FileCheck %s --check-prefix=SHOW
// RUN: ps-cache --dir %t/cache verify | FileCheck %s --check-prefix=VERIFY
// RUN: ps-cache --dir %t/cache show | grep heat3d | cut -c1-16 > %t/sig
// RUN: ps-cache --dir %t/cache checkout $(cat %t/sig) %t/out | FileCheck %s --check-prefix=CHECKOUT
// RUN: test -f %t/out/kernels.so && test -f %t/out/meta.json && test -f %t/out/build.log
// RUN: ps-cache --dir %t/cache clean --max-size 0 --dry-run | FileCheck %s --check-prefix=DRY
// RUN: ps-cache --dir %t/cache show | FileCheck %s --check-prefix=SHOW
// RUN: printf 'corrupted' > %t/cache/entries/$(cat %t/sig)*/kernels.so
// RUN: not ps-cache --dir %t/cache verify | FileCheck %s --check-prefix=CORRUPT
// RUN: ps-cache --dir %t/cache clean --older-than 1 | FileCheck %s --check-prefix=YOUNG
// RUN: ps-cache --dir %t/cache clean --all | FileCheck %s --check-prefix=ALL
// RUN: ps-cache --dir %t/cache show | FileCheck %s --check-prefix=EMPTY
// RUN: PS_CACHE_DIR=%t/env PS_CACHE_DISABLE=1 ps-cache config | FileCheck %s --check-prefix=CONFIG
// RUN: ps-cache version | FileCheck %s --check-prefix=VERSION
// RUN: not ps-cache frobnicate 2>&1 | FileCheck %s --check-prefix=USAGE
// RUN: not ps-cache 2>&1 | FileCheck %s --check-prefix=NOCOMMAND
// RUN: ps-cache --help | FileCheck %s --check-prefix=HELP
// RUN: ps-cache clean --help | FileCheck %s --check-prefix=CLEANHELP

// FILL: jacobi2d.mlir: compiled, results identical
// FILL: heat3d.mlir: compiled, results identical
// SHOW-DAG: {{[0-9a-f]+}} {{.*}} KiB  {{[0-9-]+ [0-9:]+}}  jacobi2d
// SHOW-DAG: {{[0-9a-f]+}} {{.*}} KiB  {{[0-9-]+ [0-9:]+}}  heat3d
// SHOW: 2 entries
// SHOW-NEXT: staging 0 (0 stale), corrupt 0, failures 0, building 0 (0 stale), keys 2, trash 0: {{.*}} KiB
// GREP: {{[0-9a-f]+}}:{{[0-9]+}}: ps.kernel @heat3d(
// VERIFY: 2 entries, 0 corrupt
// CHECKOUT-DAG: {{.*}}/out/kernels.so
// CHECKOUT-DAG: {{.*}}/out/meta.json
// DRY: would remove
// DRY: would remove
// DRY: 2 entries would be removed
// CORRUPT: kernels.so has 9 bytes, expected
// CORRUPT: 2 entries, 1 corrupt
// YOUNG: 0 entries removed
// ALL: 2 entries removed
// ALL-NEXT: 2 other files and folders removed
// EMPTY: 0 entries
// EMPTY-NEXT: staging 0 (0 stale), corrupt 0, failures 0, building 0 (0 stale), keys 0, trash 0: 0.0 KiB
// CONFIG: cache_dir = {{.*}}/env   (from $PS_CACHE_DIR)
// CONFIG: disk = off   (from $PS_CACHE_DISABLE)
// VERSION: ps-cache 0.1.0, LLVM 22.{{.*}}, cache entry format 2
// USAGE: ps-cache: Unknown subcommand 'frobnicate'.
// NOCOMMAND: ps-cache: give a command: show, clean, grep, checkout, verify, config or version (ps-cache --help)
// BADREGEX: ps-cache grep: bad regular expression '[': brackets ([ ]) not balanced
// HELP: SUBCOMMANDS:
// HELP: clean    - Remove entries, and what killed builds left behind
// HELP: ps-cache options:
// HELP: --dir=<folder>
// HELP-NOT: --x86
// CLEANHELP: SUBCOMMAND 'clean'
// CLEANHELP: --all
// CLEANHELP: --stale
