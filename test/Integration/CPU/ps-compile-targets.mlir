// ps-compile writes LLVM IR and assembly, for the host or another target.
// RUN: ps-compile %examples/heat3d.mlir --emit=llvm -o - | FileCheck %s --check-prefix=IR
// RUN: ps-compile %examples/heat3d.mlir --emit=asm --triple=aarch64-linux-gnu --cpu=neoverse-v1 -o - | FileCheck %s --check-prefix=ARM
// RUN: ps-compile %examples/heat3d.mlir --emit=asm --triple=x86_64-linux-gnu --cpu=skylake-avx512 -o - | FileCheck %s --check-prefix=X86
// RUN: not ps-compile %examples/heat3d.mlir --triple=nonsense-unknown-none -o %t 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not ps-compile %examples/heat3d.mlir --emit=obj --triple=aarch64-linux-gnu --cpu=znver4 -o %t 2>&1 | FileCheck %s --check-prefix=BAD-CPU
// RUN: not ps-compile %examples/heat3d.mlir --emit=obj --cpu=znver99 -o %t 2>&1 | FileCheck %s --check-prefix=BAD-HOST-CPU
// RUN: not ps-compile %examples/heat3d.mlir --emit=obj --triple=aarch64-linux-gnu --features=+sve,+nope -o %t 2>&1 | FileCheck %s --check-prefix=BAD-FEATURE
// A CPU or a feature that the target does not know is named before LLVM
// warns about it (once per function) and ends the process.
// BAD-CPU: heat3d.mlir:0:0: error: ps-attach-target: cpu 'znver4' is not a CPU of aarch64-linux-gnu (llc -mtriple=aarch64-linux-gnu -mcpu=help lists them)
// BAD-CPU-NOT: not a recognized processor
// BAD-HOST-CPU: error: ps-attach-target: cpu 'znver99' is not a CPU of
// BAD-HOST-CPU-NOT: LLVM ERROR
// BAD-FEATURE: error: ps-attach-target: feature '+nope' is not +name or -name of a feature of aarch64-linux-gnu (llc -mtriple=aarch64-linux-gnu -mattr=help lists them)
// A shared library links this machine's run-time libraries: another
// architecture's is refused with what to do instead. The default linker is
// GNU ld (ld.bfd), ld.lld-22 links the same library; a linker that is not
// installed is named.
// RUN: not ps-compile %examples/heat3d.mlir --emit=shared --triple=aarch64-linux-gnu -o %t.so 2>&1 | FileCheck %s --check-prefix=CROSS-SHARED
// RUN: ps-compile %examples/heat3d.mlir --emit=shared -o %t.bfd.so
// RUN: ps-compile %examples/heat3d.mlir --emit=shared --linker=ld.lld-22 -o %t.lld.so
// RUN: llvm-readelf --dyn-syms %t.bfd.so | FileCheck %s --check-prefix=LINKED
// RUN: llvm-readelf --dyn-syms %t.lld.so | FileCheck %s --check-prefix=LINKED
// RUN: not ps-compile %examples/heat3d.mlir --emit=shared --linker=no-such-ld -o %t.none.so 2>&1 | FileCheck %s --check-prefix=NO-LINKER
// CROSS-SHARED: ps-compile: --emit=shared links for this machine only; for triple 'aarch64-linux-gnu' give --emit=obj and link with that target's toolchain
// LINKED-DAG: _mlir_ciface_heat3d
// LINKED-DAG: _ps_packed_heat3d
// LINKED-DAG: _ps_kernel_descriptions
// NO-LINKER: ps-compile: cannot find the linker 'no-such-ld'
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
// BAD: heat3d.mlir:0:0: error: ps-attach-target: unknown target 'nonsense-unknown-none'
