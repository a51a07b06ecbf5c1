// ps-compile writes LLVM IR and assembly, for the host or another target.
// RUN: ps-compile %examples/heat3d.mlir --emit=llvm -o - | FileCheck %s --check-prefix=IR
// RUN: ps-compile %examples/heat3d.mlir --emit=asm --triple=aarch64-linux-gnu --cpu=neoverse-v1 -o - | FileCheck %s --check-prefix=ARM
// RUN: ps-compile %examples/heat3d.mlir --emit=asm --triple=x86_64-linux-gnu --cpu=skylake-avx512 -o - | FileCheck %s --check-prefix=X86
// RUN: not ps-compile %examples/heat3d.mlir --triple=nonsense-unknown-none -o %t 2>&1 | FileCheck %s --check-prefix=BAD
// --contract fuses heat3d's `c + alpha * (s - 6 c)` into fused multiply-adds.
// RUN: ps-compile %examples/heat3d.mlir --emit=llvm --contract -o - | FileCheck %s --check-prefix=FMA

// IR: define void @heat3d(
// IR: define void @_mlir_ciface_heat3d(
// IR-NOT: @llvm.fma
// FMA: define void @heat3d(
// FMA: @llvm.fma.{{v[0-9]+f64|f64}}(
// ARM: heat3d:
// ARM: fmul {{[zvd][0-9]+}}
// X86: heat3d:
// X86: vmulpd {{%[yz]mm}}
// BAD: ps-compile: unknown target 'nonsense-unknown-none'
