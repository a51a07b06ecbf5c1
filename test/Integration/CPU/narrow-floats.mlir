// Conversions to f16 and bf16 call the compiler run-time (__truncdfhf2,
// __truncdfbf2, __truncsfbf2, ...): the JIT resolves them, shared libraries
// link them in, and a plain C program loads such a library. Every variant
// computes the correctly rounded values (checked against NumPy's float16 and
// an exact round-to-nearest-even to bf16, from f64 directly and through f32).
// RUN: ps-run %s --kernel narrow --shape 6 | FileCheck %s
// RUN: ps-run %s --kernel narrow --shape 6 --vectorize=sse4.2 | FileCheck %s
// RUN: ps-run %s --kernel narrow --shape 6 --vectorize=sse4.2 --lanes=4 --remainder=scalar | FileCheck %s
// RUN: rm -rf %t && mkdir -p %t
// RUN: PS_CACHE_DIR=%t/cache ps-run --cache %s --kernel narrow --shape 6 | FileCheck %s
// RUN: PS_CACHE_DIR=%t/cache ps-run --cache %s --kernel narrow --shape 6 --vectorize=sse4.2 | FileCheck %s
// RUN: ps-compile %s --emit=shared -o %t/narrow.so
// RUN: clang-22 -std=c11 %S/Inputs/dlopen-kernels.c -ldl -o %t/loader
// RUN: %t/loader %t/narrow.so | FileCheck %s --check-prefix=LOADED

ps.kernel @narrow(%src: !ps.field<?xf64> {ps.name = "src"},
                  %h: !ps.field<?xf16> {ps.name = "h"},
                  %b: !ps.field<?xbf16> {ps.name = "b"},
                  %back: !ps.field<?xf64> {ps.name = "back"}) {
  ps.iterate (%x) in %src ghost 0 : !ps.field<?xf64> {
    %u = ps.load %src[0] : !ps.field<?xf64>
    %tenth = ps.constant 0.1 : f64
    %v = ps.mul %u, %tenth : f64
    %f = ps.cast %v : f64 to f32
    %vh = ps.cast %v : f64 to f16
    %vb = ps.cast %v : f64 to bf16
    %fb = ps.cast %f : f32 to bf16
    %fh = ps.cast %f : f32 to f16
    ps.store %vh, %h[0] : !ps.field<?xf16>
    ps.store %vb, %b[0] : !ps.field<?xbf16>
    %wh = ps.cast %vh : f16 to f64
    %wb = ps.cast %vb : bf16 to f64
    %wfb = ps.cast %fb : bf16 to f64
    %wfh = ps.cast %fh : f16 to f64
    %s1 = ps.add %wh, %wb : f64
    %s2 = ps.add %wfb, %wfh : f64
    %s = ps.add %s1, %s2 : f64
    ps.store %s, %back[0] : !ps.field<?xf64>
  }
  ps.return
}

// CHECK: h[0] = -0.199951171875
// CHECK-NEXT: h[1] = 0.1500244140625
// CHECK-NEXT: h[2] = 0.07501220703125
// CHECK-NEXT: h[3] = 0
// CHECK-NEXT: h[4] = -0.07501220703125
// CHECK-NEXT: h[5] = -0.1500244140625
// CHECK-NEXT: b[0] = -0.2001953125
// CHECK-NEXT: b[1] = 0.150390625
// CHECK-NEXT: b[2] = 0.0751953125
// CHECK-NEXT: b[3] = 0
// CHECK-NEXT: b[4] = -0.0751953125
// CHECK-NEXT: b[5] = -0.150390625
// CHECK-NEXT: back[0] = -0.80029296875
// CHECK-NEXT: back[1] = 0.600830078125
// CHECK-NEXT: back[2] = 0.3004150390625
// CHECK-NEXT: back[3] = 0
// CHECK-NEXT: back[4] = -0.3004150390625
// CHECK-NEXT: back[5] = -0.600830078125
// LOADED: loaded, descriptions present
