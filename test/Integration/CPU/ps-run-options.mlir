// ps-run refuses options that would do nothing or change a value silently:
// a --print of no field, --entries for a kernel without an index list, and a
// float scalar that the parameter's type rounds to infinity (the run-time's
// argument check, for every caller).
// RUN: ps-run %s --kernel scale --shape 4 --scalar h=2 --checksum | FileCheck %s
// RUN: not ps-run %s --kernel scale --shape 4 --scalar h=2 --print nosuch 2>&1 | FileCheck %s --check-prefix=PRINT
// RUN: not ps-run %s --kernel scale --shape 4 --scalar h=2 --entries "1" 2>&1 | FileCheck %s --check-prefix=ENTRIES
// RUN: not ps-run %s --kernel scale --shape 4 --scalar h=1e40 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not ps-run %s --kernel half --shape 4 --scalar h=65520 2>&1 | FileCheck %s --check-prefix=HALF
// RUN: ps-run %s --kernel half --shape 4 --scalar h=65504 --checksum | FileCheck %s --check-prefix=HALF-OK

// CHECK: f: 4 values, sum 0.5
// PRINT: ps-run: --print nosuch: kernel 'scale' has no field of that name (its fields: f)
// ENTRIES: ps-run: --entries: kernel 'scale' has no sparse iteration space to take an index list
// RANGE: ps-run: argument 'h': 1e+40 is out of the range of the parameter type f32
// HALF: ps-run: argument 'h': 65520 is out of the range of the parameter type f16
// HALF-OK: g: 4 values

ps.kernel @scale(%f: !ps.field<?xf32> {ps.name = "f"}, %h: f32 {ps.name = "h"}) {
  ps.iterate (%x) in %f : !ps.field<?xf32> {
    %v = ps.load %f[0] : !ps.field<?xf32>
    %r = ps.mul %v, %h : f32
    ps.store %r, %f[0] : !ps.field<?xf32>
  }
  ps.return
}

ps.kernel @half(%g: !ps.field<?xf16> {ps.name = "g"}, %h: f16 {ps.name = "h"}) {
  ps.iterate (%x) in %g : !ps.field<?xf16> {
    ps.store %h, %g[0] : !ps.field<?xf16>
  }
  ps.return
}
