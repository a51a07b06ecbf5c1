// What killed builds leave behind is counted by `show` and removed by
// `clean`: staging folders whose process is gone (or older than an hour),
// build markers of dead processes, and with --all the moved-aside entries
// and failure logs. What live processes hold (pid 1 here) stays.
// RUN: rm -rf %t && mkdir -p %t/cache/staging/old %t/cache/staging/dead %t/cache/staging/live %t/cache/building %t/cache/corrupt/x %t/cache/failures/y
// RUN: touch -d '2 hours ago' %t/cache/staging/old
// RUN: sh -c 'echo "$(hostname) $$"' > %t/cache/staging/dead/owner
// RUN: echo "$(hostname) 1" > %t/cache/staging/live/owner
// RUN: sh -c 'echo "$(hostname) $$"' > %t/cache/building/dead-builder
// RUN: echo "$(hostname) 1" > %t/cache/building/live-builder
// RUN: ps-cache --dir %t/cache show | FileCheck %s --check-prefix=SHOW
// RUN: ps-cache --dir %t/cache clean --stale --dry-run | FileCheck %s --check-prefix=DRY
// RUN: ps-cache --dir %t/cache clean --stale | FileCheck %s --check-prefix=STALE
// RUN: ps-cache --dir %t/cache show | FileCheck %s --check-prefix=AFTER
// RUN: ps-cache --dir %t/cache clean --all | FileCheck %s --check-prefix=ALL
// RUN: ps-cache --dir %t/cache show | FileCheck %s --check-prefix=LIVE
// RUN: test -d %t/cache/staging/live && test -f %t/cache/building/live-builder

// SHOW: 0 entries, 0.0 KiB in {{.*}}cache
// SHOW-NEXT: staging 3 (2 stale), corrupt 1, failures 1, building 2 (1 stale), keys 0, trash 0: {{[0-9.]+}} KiB
// DRY: 3 other files and folders would be removed
// STALE: 0 entries removed
// STALE-NEXT: 3 other files and folders removed
// AFTER: staging 1 (0 stale), corrupt 1, failures 1, building 1 (0 stale), keys 0, trash 0
// ALL: 2 other files and folders removed
// LIVE: staging 1 (0 stale), corrupt 0, failures 0, building 1 (0 stale), keys 0, trash 0
