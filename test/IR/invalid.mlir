// RUN: ps-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// !ps.field
//===----------------------------------------------------------------------===//

// expected-error@+1 {{a field has 1 to 3 spatial dimensions, got 0}}
func.func private @f(!ps.field<f64>)

// -----

// expected-error@+1 {{a field has 1 to 3 spatial dimensions, got 4}}
func.func private @f(!ps.field<2x2x2x2xf64>)

// -----

// expected-error@+1 {{spatial extents must be positive or '?', got 0}}
func.func private @f(!ps.field<0x4xf64>)

// -----

// expected-error@+1 {{field element type must be an integer (i8 to i64) or a float (f16, bf16, f32, f64), got 'i1'}}
func.func private @f(!ps.field<?xi1>)

// -----

// expected-error@+1 {{field element type must be an integer (i8 to i64) or a float (f16, bf16, f32, f64), got 'index'}}
func.func private @f(!ps.field<?xindex>)

// -----

// expected-error@+1 {{component extents must be positive, got 0}}
func.func private @f(!ps.field<?xf64, components [0]>)

// -----

// expected-error@+1 {{expected 2 strides (spatial and index dimensions), got 1}}
func.func private @f(!ps.field<?x?xf64, strides [1]>)

// -----

// expected-error@+1 {{strides must be positive or '?', got 0}}
func.func private @f(!ps.field<?x?xf64, strides [0, 1]>)

// -----

// expected-error@+1 {{ghost-layer width must not be negative, got -1}}
func.func private @f(!ps.field<?xf64, ghost -1>)

// -----

// expected-error@+1 {{ghost layers of width 2 leave no interior in an extent of 4}}
func.func private @f(!ps.field<4xf64, ghost 2>)

// -----

// expected-error@+1 {{extents, strides and ghost widths are limited to 1099511627776}}
func.func private @f(!ps.field<?xf64, ghost 9223372036854775807>)

// -----

// Each extent is within bounds, their product of bytes is not.
// expected-error@+1 {{a field of static extents 1099511627776x1099511627776x4 of 'f64' has more bytes than 64-bit offsets can address}}
func.func private @f(!ps.field<1099511627776x1099511627776x4xf64>)

// -----

// Dynamic extents do not count; 2^40 x 2^19 x 8 bytes fits.
func.func private @fits(!ps.field<1099511627776x?x524288xf64>)

// -----

// expected-error@+1 {{'ghost' is given twice}}
func.func private @f(!ps.field<?xf64, ghost 1, ghost 2>)

// -----

// expected-error@+1 {{unknown layout 'xyz', expected fzyx, zyxf or c (or give `strides [...]`)}}
func.func private @f(!ps.field<?xf64, layout xyz>)

// -----

// expected-error@+1 {{unknown field type parameter 'halo', expected components, layout, strides or ghost}}
func.func private @f(!ps.field<?xf64, halo 1>)

// -----

// expected-error@+1 {{a field has either a named layout or explicit strides, not both}}
func.func private @f(!ps.field<?xf64, layout c, strides [1]>)

//===----------------------------------------------------------------------===//
// ps.kernel and its parameter attributes
//===----------------------------------------------------------------------===//

// -----

// expected-error@+1 {{'ps.kernel' op a kernel has no results: its effect is what it stores to fields}}
ps.kernel @k() -> f64 {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 'm' must be a field, a reduction result or a scalar, got 'memref<4xf64>'}}
ps.kernel @k(%m: memref<4xf64>) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 'f': 'ps.alignment' must be a positive power of two of type i64}}
ps.kernel @k(%f: !ps.field<?xf64> {ps.alignment = 48 : i64}) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 'f': 'ps.alignment' must be a positive power of two of type i64}}
ps.kernel @k(%f: !ps.field<?xf64> {ps.alignment = -9223372036854775808 : i64}) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 'f': 'ps.alignment' must be a positive power of two of type i64}}
ps.kernel @k(%f: !ps.field<?xf64> {ps.alignment = 1267650600228229401496703205376 : i128}) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 's': 'ps.alignment' applies to fields only}}
ps.kernel @k(%s: f64 {ps.alignment = 64 : i64}) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 'f': 'ps.contiguous' is a unit attribute}}
ps.kernel @k(%f: !ps.field<?xf64> {ps.contiguous = 1 : i64}) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 's': 'ps.contiguous' applies to fields only}}
ps.kernel @k(%s: f64 {ps.contiguous}) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 'f': unknown attribute 'ps.aligned', expected ps.alignment, ps.contiguous or ps.name}}
ps.kernel @k(%f: !ps.field<?xf64> {ps.aligned = 64 : i64}) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameter 'arg0': 'ps.name' must be a non-empty string}}
ps.kernel @k(%f: !ps.field<?xf64> {ps.name = 3 : i64}) {
  ps.return
}

// -----

// expected-error@+1 {{'ps.kernel' op parameters #0 and #1 are both named 'u': callers pass arguments by name}}
ps.kernel @k(%f: !ps.field<?xf64> {ps.name = "u"}, %g: !ps.field<?xf64> {ps.name = "u"}) {
  ps.return
}

// -----

// expected-error@+1 {{'func.func' op 'ps.alignment' is an attribute of ps.kernel parameters only}}
func.func @f(%a: memref<4xf64> {ps.alignment = 64 : i64}) {
  return
}

//===----------------------------------------------------------------------===//
// ps.iterate and ps.iterate_sparse
//===----------------------------------------------------------------------===//

// -----

ps.kernel @k(%f: !ps.field<?x?xf64>) {
  // expected-error@+1 {{'ps.iterate' op expected a slice per spatial dimension of the field (2), got 1}}
  ps.iterate (%x, %y) in %f slice [1:-1] : !ps.field<?x?xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>) {
  // expected-error@+1 {{'ps.iterate' op slice start must not be negative, got -1 in dimension 0}}
  ps.iterate (%x) in %f slice [-1:] : !ps.field<?xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>) {
  // expected-error@+1 {{'ps.iterate' op slice step must be positive, got 0 in dimension 0}}
  ps.iterate (%x) in %f slice [1:-1:0] : !ps.field<?xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>) {
  // expected-error@+1 {{'ps.iterate' op empty slice 5:3 in dimension 0}}
  ps.iterate (%x) in %f slice [5:3] : !ps.field<?xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<8xf64>) {
  // expected-error@+1 {{'ps.iterate' op slice stop 10 lies past the extent 8 of dimension 0}}
  ps.iterate (%x) in %f slice [0:10] : !ps.field<8xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<8xf64>) {
  // expected-error@+1 {{'ps.iterate' op empty slice in dimension 0: it runs from 6 to 5 of extent 8}}
  ps.iterate (%x) in %f slice [6:-3] : !ps.field<8xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>) {
  // expected-error@+1 {{'ps.iterate' op slice bounds and steps are limited to 1099511627776 in magnitude}}
  ps.iterate (%x) in %f slice [0:-9223372036854775808] : !ps.field<?xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>) {
  // expected-error@+1 {{a stop of 0 leaves nothing to iterate; leave the stop out to mean the end}}
  ps.iterate (%x) in %f slice [0:0] : !ps.field<?xf64> {
  }
}

// -----

ps.kernel @k(%f: f64) {
  // expected-error@+1 {{expected a !ps.field type, got 'f64'}}
  ps.iterate (%x) in %f ghost 0 : f64 {
  }
}

// -----

ps.kernel @k(%f: !ps.field<?x?xf64>) {
  // expected-error@+1 {{'ps.iterate' op expected 2 counters (one per spatial dimension), got 1}}
  ps.iterate (%x) in %f ghost 1 : !ps.field<?x?xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>) {
  // expected-error@+1 {{'ps.iterate' op counters must be of an integer type or untyped, got 'f64'}}
  ps.iterate (%x : f64) in %f ghost 1 : !ps.field<?xf64> {
  }
}

// -----

ps.kernel @k(%f: !ps.field<?x?xf64>) {
  // expected-error@+1 {{'ps.iterate' op all counters must have one type, got 'i64' and 'i32'}}
  "ps.iterate"(%f) <{starts = array<i64: 0, 0>, stops = array<i64: 0, 0>, steps = array<i64: 1, 1>}> ({
  ^bb0(%x: i64, %y: i32):
    ps.yield
  }) : (!ps.field<?x?xf64>) -> ()
}

// -----

func.func @f(%f: !ps.field<?xf64>) {
  // expected-error@+1 {{'ps.iterate' op expects parent op 'ps.kernel'}}
  ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
  }
  return
}

// -----

ps.kernel @k(%l: !ps.field<?x?xi64>) {
  // expected-error@+1 {{'ps.iterate_sparse' op the index list must be a one-dimensional field with one index dimension, got '!ps.field<?x?xi64>'}}
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?x?xi64> {
  }
}

// -----

ps.kernel @k(%l: !ps.field<?xf64, components [2]>) {
  // expected-error@+1 {{'ps.iterate_sparse' op index list entries must be integers, got 'f64'}}
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xf64, components [2]> {
  }
}

// -----

ps.kernel @k(%l: !ps.field<?xi64, components [4]>) {
  // expected-error@+1 {{'ps.iterate_sparse' op expected 1 to 3 counters, got 4}}
  ps.iterate_sparse (%a, %b, %c, %d) in %l : !ps.field<?xi64, components [4]> {
  }
}

// -----

ps.kernel @k(%l: !ps.field<?xi64, components [2]>) {
  // expected-error@+1 {{'ps.iterate_sparse' op index list entries have 2 components, too few for 3 coordinates}}
  ps.iterate_sparse (%x, %y, %z) in %l : !ps.field<?xi64, components [2]> {
  }
}

//===----------------------------------------------------------------------===//
// ps.load and ps.store
//===----------------------------------------------------------------------===//

// -----

ps.kernel @k(%f: !ps.field<?xf64>) {
  // expected-error@+1 {{'ps.load' op must be nested in an iteration space (ps.iterate or ps.iterate_sparse)}}
  %v = ps.load %f[0] : !ps.field<?xf64>
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64> {
    // expected-error@+1 {{'ps.load' op offsets are limited to 1099511627776 in magnitude, got -9223372036854775808}}
    %v = ps.load %f[-9223372036854775808] : !ps.field<?xf64>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %f ghost 1 : !ps.field<?x?xf64> {
    // expected-error@+1 {{'ps.load' op expected 2 offsets (one per spatial dimension), got 1}}
    %v = ps.load %f[0] : !ps.field<?x?xf64>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?x?xf64>, %g: !ps.field<?x?x?xf64>) {
  ps.iterate (%x, %y) in %f ghost 1 : !ps.field<?x?xf64> {
    // expected-error@+1 {{'ps.load' op accesses a field of 3 spatial dimensions in an iteration space of 2}}
    %v = ps.load %g[0, 0, 0] : !ps.field<?x?x?xf64>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64, components [19]>) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64, components [19]> {
    // expected-error@+1 {{'ps.load' op expected 1 component indices, got 0}}
    %v = ps.load %f[0] : !ps.field<?xf64, components [19]>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64, components [19]>) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64, components [19]> {
    // expected-error@+1 {{'ps.load' op component index 19 is out of range [0, 19)}}
    %v = ps.load %f[0](19) : !ps.field<?xf64, components [19]>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>, %s: f32) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64> {
    // expected-error@+1 {{'ps.store' op stored value has type 'f32' but the field holds 'f64' (strict C typing: no implicit casts; convert with ps.cast)}}
    ps.store %s, %f[0] : f32, !ps.field<?xf64>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>, %s: f64) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64> {
    // expected-error@+1 {{expected a !ps.field type, got 'f64'}}
    ps.store %s, %f[0] : f64
  }
}

//===----------------------------------------------------------------------===//
// ps.constant and ps.cast
//===----------------------------------------------------------------------===//

// -----

// expected-error@+1 {{bool constants are typed: use ': i1'}}
%c = ps.constant true : !ps.untyped

// -----

// expected-error@+1 {{integer literal does not fit in 64 bits}}
%c = ps.constant 18446744073709551616 : !ps.untyped

// -----

// expected-error@+1 {{float literal cannot have integer type 'i32'}}
%c = ps.constant 2.5 : i32

// -----

// expected-error@+1 {{i1 constants are 'true' or 'false'}}
%c = ps.constant 1 : i1

// -----

// expected-error@+1 {{'true' and 'false' have type i1}}
%c = ps.constant true : i32

// -----

// expected-error@+1 {{'true' and 'false' have type i1}}
%c = ps.constant false : f32

// -----

// expected-error@+1 {{integer literal does not fit in 'i8'}}
%c = ps.constant 300 : i8

// -----

// expected-error@+1 {{expected a bool, integer, float or !ps.untyped constant type, got 'index'}}
%c = ps.constant 3 : index

// -----

// expected-error@+1 {{'ps.constant' op an untyped constant holds an f64 or i64 literal, got one of type 'f32'}}
%c = "ps.constant"() <{value = 1.0 : f32}> : () -> !ps.untyped

// -----

// expected-error@+1 {{'ps.constant' op value type 'f32' differs from result type 'f64'}}
%c = "ps.constant"() <{value = 1.0 : f32}> : () -> f64

// -----

%c = ps.constant 1.0 : f64
// expected-error@+1 {{'ps.cast' op the target type of a cast must be a concrete type}}
%d = ps.cast %c : f64 to !ps.untyped

//===----------------------------------------------------------------------===//
// Elementwise operations
//===----------------------------------------------------------------------===//

// -----

%a = ps.constant 1.0 : f32
%b = ps.constant 1.0 : f64
// expected-error@+1 {{'ps.add' op operand and result types must agree (strict C typing: no implicit casts), got 'f32' and 'f64'; convert with ps.cast}}
%c = ps.add %a, %b : (f32, f64) -> !ps.untyped

// -----

%a = ps.constant 1 : i32
// expected-error@+1 {{'ps.neg' op operand and result types must agree (strict C typing: no implicit casts), got 'i32' and 'i64'; convert with ps.cast}}
%c = ps.neg %a : (i32) -> i64

// -----

%a = ps.constant 1.0 : f32
%b = ps.constant 1.0 : f64
// expected-error@+1 {{'ps.cmp' op operand and result types must agree (strict C typing: no implicit casts), got 'f32' and 'f64'; convert with ps.cast}}
%c = ps.cmp lt, %a, %b : (f32, f64)

// -----

%a = ps.constant 1.0 : f32
// expected-error@+1 {{unknown comparison predicate 'less', expected eq, ne, lt, le, gt or ge}}
%c = ps.cmp less, %a, %a : f32

// -----

%a = ps.constant 1.0 : f32
// expected-error@+1 {{expected 2 operand types, got 1}}
%c = ps.add %a, %a : (f32) -> f32

// -----

%a = ps.constant 4 : i32
// expected-error@+1 {{'ps.sqrt' op operand #0 must be floating-point or untyped, but got 'i32'}}
%c = ps.sqrt %a : i32

// -----

%a = ps.constant 4.0 : f32
// expected-error@+1 {{'ps.rem' op operand #0 must be integer or untyped, but got 'f32'}}
%c = ps.rem %a, %a : f32

// -----

%a = ps.constant 1 : i32
// expected-error@+1 {{'ps.select' op operand #0 must be 1-bit signless integer, but got 'i32'}}
%c = "ps.select"(%a, %a, %a) : (i32, i32, i32) -> i32

// -----

// expected-error@+1 {{expected at least 1 operands}}
%c = ps.select : f32

//===----------------------------------------------------------------------===//
// Attributes the lowering exchanges (ps.dim, ps.sparse, ps.kernel)
//===----------------------------------------------------------------------===//

// -----

// expected-error@+1 {{'func.func' op 'ps.dim' must be a spatial dimension (an i64 in [0, 3))}}
func.func @f() attributes {ps.dim = 3 : i64} {
  return
}

// -----

// expected-error@+1 {{'func.func' op 'ps.dim' must be a spatial dimension (an i64 in [0, 3))}}
func.func @f() attributes {ps.dim = "x"} {
  return
}

// -----

// expected-error@+1 {{'func.func' op 'ps.sparse' is a unit attribute}}
func.func @f() attributes {ps.sparse = 1 : i64} {
  return
}

// -----

// expected-error@+1 {{'func.func' op 'ps.kernel' is a unit attribute}}
func.func @f() attributes {ps.kernel = "k"} {
  return
}

// -----

// expected-error@+1 {{'func.func' op 'ps.blocks_per_thread' is a unit attribute}}
func.func @f() attributes {ps.blocks_per_thread = true} {
  return
}

// -----

// expected-error@+1 {{'func.func' op unknown attribute 'ps.dimension', expected ps.dim, ps.sparse, ps.kernel, ps.reductions or ps.blocks_per_thread}}
func.func @f() attributes {ps.dimension = 0 : i64} {
  return
}

// -----

// A parameter without a name is called arg<N>: an explicit name may not
// take it.
// expected-error@+1 {{'ps.kernel' op parameters #0 and #1 are both named 'arg1': callers pass arguments by name}}
ps.kernel @k(%u: !ps.field<?xf64> {ps.name = "arg1"}, %1: f64) {
  ps.return
}

//===----------------------------------------------------------------------===//
// Reductions: !ps.reduction, ps.reduce, ps.reductions
//===----------------------------------------------------------------------===//

// -----

// expected-error@+1 {{a reduction result is an integer (i8 to i64) or an f32 or f64, got 'i1'}}
ps.kernel @k(%r: !ps.reduction<max, i1>) {
  ps.return
}

// -----

// expected-error@+1 {{a reduction result is an integer (i8 to i64) or an f32 or f64, got 'f16'}}
ps.kernel @k(%r: !ps.reduction<add, f16>) {
  ps.return
}

// -----

// expected-error@+2 {{expected ::mlir::ps::ReductionKind to be one of: add, mul, min, max}}
// expected-error@+1 {{failed to parse Ps_ReductionType parameter 'kind'}}
ps.kernel @k(%r: !ps.reduction<sum, f64>) {
  ps.return
}

// -----

ps.kernel @k(%u: !ps.field<?xf64>, %r: !ps.reduction<add, f32>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    // expected-error@+1 {{'ps.reduce' op reduced value has type 'f64' but the result holds 'f32' (strict C typing: no implicit casts; convert with ps.cast)}}
    ps.reduce %v, %r : f64, !ps.reduction<add, f32>
  }
  ps.return
}

// -----

ps.kernel @k(%u: !ps.field<?xf64>, %r: !ps.reduction<add, f64>) {
  %c = ps.constant 1.0 : f64
  // expected-error@+1 {{'ps.reduce' op expects parent op to be one of 'ps.iterate, ps.iterate_sparse'}}
  ps.reduce %c, %r : !ps.reduction<add, f64>
  ps.return
}

// -----

ps.kernel @k(%u: !ps.field<?xf64>, %r: !ps.reduction<add, f64>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    %c = ps.cmp gt, %v, %v : f64
    scf.if %c {
      // expected-error@+1 {{'ps.reduce' op expects parent op to be one of 'ps.iterate, ps.iterate_sparse'}}
      ps.reduce %v, %r : !ps.reduction<add, f64>
    }
  }
  ps.return
}

// -----

// A result is never read: a point would see the order of the others.
ps.kernel @k(%r: !ps.reduction<min, i64>) {
  // expected-error@+1 {{'builtin.unrealized_conversion_cast' op uses the reduction result 'r', which only ps.reduce may use}}
  %v = builtin.unrealized_conversion_cast %r : !ps.reduction<min, i64> to i64
  ps.return
}

// -----

ps.kernel @k(%u: !ps.field<?xf64>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    %r = builtin.unrealized_conversion_cast %v : f64 to !ps.reduction<add, f64>
    // expected-error@+1 {{'ps.reduce' op reduces into a value that is not a parameter of the kernel}}
    ps.reduce %v, %r : !ps.reduction<add, f64>
  }
  ps.return
}

// -----

ps.kernel @k(%u: !ps.field<?xf64>) {
  ps.iterate (%x) in %u : !ps.field<?xf64> {
    %v = ps.load %u[0] : !ps.field<?xf64>
    // expected-error@+1 {{expected a !ps.reduction type, got '!ps.field<?xf64>'}}
    ps.reduce %v, %u : !ps.field<?xf64>
  }
  ps.return
}

// -----

func.func @f(%lb: index, %ub: index, %init: f64) -> f64 {
  // expected-error@+1 {{'scf.for' op 'ps.reductions' must name the reduction operator (add, mul, min or max) of each result}}
  %0 = scf.for %i = %lb to %ub step %lb iter_args(%a = %init) -> (f64) {
    scf.yield %a : f64
  } {ps.reductions = ["sum"]}
  return %0 : f64
}

// -----

func.func @f(%lb: index, %ub: index, %init: f64) -> f64 {
  // expected-error@+1 {{'scf.for' op 'ps.reductions' must name the reduction operator (add, mul, min or max) of each result}}
  %0 = scf.for %i = %lb to %ub step %lb iter_args(%a = %init) -> (f64) {
    scf.yield %a : f64
  } {ps.reductions = ["add", "max"]}
  return %0 : f64
}

// -----

//===----------------------------------------------------------------------===//
// Dynamic access indices, ps.load_record and ps.lookup
//===----------------------------------------------------------------------===//

ps.kernel @k(%f: !ps.field<?xf64, components [3]>, %d: f64) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64, components [3]> {
    // expected-error@+1 {{'ps.load' op operand #1 must be variadic of integer or untyped, but got 'f64'}}
    %v = ps.load %f[0](%d : f64) : !ps.field<?xf64, components [3]>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64, components [3]>) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64, components [3]> {
    // expected-error@+1 {{'ps.load' op component index -9223372036854775808 is out of range}}
    %v = ps.load %f[0](-9223372036854775808) : !ps.field<?xf64, components [3]>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?x?xf64>, %i: i32, %v: f64) {
  ps.iterate (%x, %y) in %f ghost 1 : !ps.field<?x?xf64> {
    // expected-error@+1 {{'ps.store' op expected 2 offsets (one per spatial dimension), got 1}}
    ps.store %v, %f[%i : i32] : !ps.field<?x?xf64>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64>, %l: !ps.field<?xi64, components [2]>) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64> {
    // expected-error@+1 {{'ps.load_record' op must be nested in a sparse iteration space (ps.iterate_sparse): only its entries have records}}
    %d = ps.load_record %l(1) : !ps.field<?xi64, components [2]>
  }
}

// -----

ps.kernel @k(%f: !ps.field<?x?xf64>, %l: !ps.field<?xi64, components [3]>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi64, components [3]> {
    // expected-error@+1 {{'ps.load_record' op reads a record of a one-dimensional field (the index list or a field as long as it), got '!ps.field<?x?xf64>'}}
    %v = ps.load_record %f : !ps.field<?x?xf64>
  }
}

// -----

ps.kernel @k(%l: !ps.field<?xi64, components [3]>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi64, components [3]> {
    // expected-error@+1 {{'ps.load_record' op expected 1 component indices, got 0}}
    %v = ps.load_record %l : !ps.field<?xi64, components [3]>
  }
}

// -----

ps.kernel @k(%l: !ps.field<?xi64, components [3]>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi64, components [3]> {
    // expected-error@+1 {{'ps.load_record' op component index 3 is out of range [0, 3)}}
    %v = ps.load_record %l(3) : !ps.field<?xi64, components [3]>
  }
}

// -----

ps.kernel @k(%l: !ps.field<?xi64, components [3]>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi64, components [3]> {
    %d = ps.load_record %l(2) : !ps.field<?xi64, components [3]>
    // expected-error@+1 {{'ps.lookup' op the table must be a non-empty one-dimensional constant, got 'tensor<2x2xi32>'}}
    %v = ps.lookup %d : i64 in dense<[[0, 1], [1, 0]]> : tensor<2x2xi32>
  }
}

// -----

ps.kernel @k(%l: !ps.field<?xi64, components [3]>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi64, components [3]> {
    %d = ps.load_record %l(2) : !ps.field<?xi64, components [3]>
    // expected-error@+1 {{'ps.lookup' op table elements must be integers or floats, got 'i1'}}
    %v = ps.lookup %d : i64 in dense<[true, false]> : tensor<2xi1>
  }
}

// -----

ps.kernel @k(%l: !ps.field<?xi64, components [3]>) {
  ps.iterate_sparse (%x, %y) in %l : !ps.field<?xi64, components [3]> {
    %d = ps.constant 1.0 : f64
    // expected-error@+1 {{'ps.lookup' op operand #0 must be integer or untyped, but got 'f64'}}
    %v = ps.lookup %d : f64 in dense<[0, 1]> : tensor<2xi32>
  }
}

// -----

// The generic form with more index values than places for them.
ps.kernel @k(%f: !ps.field<?xf64>, %i: i64) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64> {
    // expected-error@+1 {{expected 0 dynamic offset values}}
    %v = "ps.load"(%f, %i) <{offsets = array<i64: 1>, components = array<i64>, operandSegmentSizes = array<i32: 1, 1, 0>}> : (!ps.field<?xf64>, i64) -> f64
  }
}

// -----

ps.kernel @k(%f: !ps.field<?xf64, components [2]>, %i: i64) {
  ps.iterate (%x) in %f ghost 1 : !ps.field<?xf64, components [2]> {
    // expected-error@+1 {{expected 0 dynamic component values}}
    %v = "ps.load"(%f, %i) <{offsets = array<i64: 0>, components = array<i64: 1>, operandSegmentSizes = array<i32: 1, 0, 1>}> : (!ps.field<?xf64, components [2]>, i64) -> f64
  }
}
