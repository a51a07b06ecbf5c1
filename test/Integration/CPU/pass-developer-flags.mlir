// What a pass developer reaches for, in ps-run and ps-compile: a --help of
// the tools' own options (LLVM's under --help-hidden), MLIR's pass-manager
// flags, a lowering pipeline of one's own, where time went, and
// diagnostics without an IR dump unless asked for.
// RUN: ps-run --help | FileCheck %s --check-prefix=HELP
// RUN: ps-compile --help | FileCheck %s --check-prefix=HELP
// RUN: ps-run --help | wc -l | FileCheck %s --check-prefix=SHORT
// RUN: ps-run --help-hidden | FileCheck %s --check-prefix=HIDDEN
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum --mlir-print-ir-after=convert-ps-to-scf 2>&1 | FileCheck %s --check-prefix=PRINT
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum --mlir-timing 2>&1 | FileCheck %s --check-prefix=TIMING
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum --time 2>&1 | FileCheck %s --check-prefix=TIME
// RUN: ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --checksum --pass-pipeline='builtin.module(ps-lower-to-llvm-pipeline{vectorize=sse4.2})' | FileCheck %s --check-prefix=SUMS
// RUN: ps-compile %examples/jacobi2d.mlir --emit=llvm -o - --pass-pipeline='builtin.module(ps-lower-to-llvm-pipeline{vectorize=sse4.2})' | FileCheck %s --check-prefix=VECTOR
// RUN: not ps-run %examples/jacobi2d.mlir --kernel jacobi2d --shape 6x5 --pass-pipeline='builtin.module(nosuch)' 2>&1 | FileCheck %s --check-prefix=BADPIPE
// RUN: not ps-run %s --kernel mix --shape 4 2>&1 | FileCheck %s --check-prefix=DIAG --implicit-check-not="see current operation"
// RUN: not ps-compile %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=DIAG --implicit-check-not="see current operation"
// RUN: not ps-run %s --kernel mix --shape 4 --print-op-on-diagnostic 2>&1 | FileCheck %s --check-prefix=DUMP

ps.kernel @mix(%f: !ps.field<?xf64>, %g: !ps.field<?xf32>) {
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
    %a = ps.load %f[0] : !ps.field<?xf64>
    %b = ps.load %g[0] : !ps.field<?xf32>
    %c = ps.add %a, %b : (f64, f32) -> f64
    ps.store %c, %f[0] : !ps.field<?xf64>
  }
}

// HELP: Code generation (the options of ps-lower-to-llvm-pipeline):
// HELP: --vectorize=
// HELP: Pass development
// HELP: --pass-pipeline=
// HELP: --print-op-on-diagnostic
// HELP: Tool options:
// HELP-NOT: --x86-
// HELP-NOT: --amdgpu-
// SHORT: {{^[0-9]{2}$}}
// HIDDEN: --mlir-print-ir-after-all
// HIDDEN: --mlir-timing
// PRINT: // -----// IR Dump After ConvertPsToScf (convert-ps-to-scf) //----- //
// PRINT: func.func @jacobi2d(
// TIMING: ... Execution time report ...
// TIMING: ConvertPsToScf
// TIME: ps-run: time: parse {{[0-9.]+}} ms, passes {{[0-9.]+}} ms, LLVM {{[0-9.]+}} ms
// TIME: ps-run: time: call {{[0-9.]+}} ms
// SUMS: src: 30 values, sum 0.5
// SUMS-NEXT: dst: 30 values, sum 4.375
// VECTOR: <2 x double>
// BADPIPE: error: --pass-pipeline 'builtin.module(nosuch)' does not parse: {{.*}}'nosuch' does not refer to a registered pass or pass pipeline
// DIAG: pass-developer-flags.mlir:23:10: error: 'ps.add' op operand and result types must agree
// DUMP: note: see current operation: %2 = "ps.add"
