//===- Passes.td - Passes of the ps dialect ----------------*- tablegen -*-===//

#ifndef STENCIL_TRANSFORMS_PASSES_TD
#define STENCIL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def PsAnalyze : Pass<"ps-analyze", "::mlir::ps::KernelOp"> {
  let summary = "Check that a kernel's iteration points are independent";
  let description = [{
    The analysis stage of pystencils (its KernelAnalysis) as a pass. Within
    each iteration space it rejects:
    - loop-carried dependences: a field written at one offset and read or
      written at another offset that another point of the space reaches (an
      in-place Gauss-Seidel update); on a lattice with steps the offsets
      conflict only if they differ by a multiple of the step in every
      dimension, so a red-black update over slices with step 2 passes;
    - a location written twice by the same point (outside of the exclusive
      branches of an `scf.if`);
    - accesses that reach past the ghost layers or the slice of a dense
      space into memory outside the field;
    - a reduction result that one point reduces into twice.
    A reduction (`ps.reduce`) is no dependence: the points combine into the
    result in any order. Every diagnostic points at the offending access.
    The IR is unchanged.

    Example: rejected, `%u` is written at `[0, 0]` and read at `[-1, 0]`.

    ```mlir
    ps.iterate (%x, %y) in %u ghost 1 : !ps.field<?x?xf64> {
      %w = ps.load %u[-1, 0] : !ps.field<?x?xf64>
      ps.store %w, %u[0, 0] : !ps.field<?x?xf64>
    }
    ```
  }];
}

def PsTypify : Pass<"ps-typify", "::mlir::ps::KernelOp"> {
  let summary = "Assign types to untyped values under strict C typing";
  let description = [{
    pystencils' Typifier as a pass. Untyped kernel parameters (symbols) get
    the default type, untyped counters the index type; untyped constants take
    the type their context needs, or the default type where nothing fixes
    it. Every operation must then have operands of one type: there is no
    implicit cast at all, not even f32 to f64 or i32 to i64, and a mismatch is
    an error at the expression that mixes them. Float literals never become
    integers. After the pass no `!ps.untyped` is left.

    Before:
    ```mlir
    ps.kernel @k(%f: !ps.field<?xf32>, %s: !ps.untyped) {
      ps.iterate (%x) in %f ghost 0 : !ps.field<?xf32> {
        %c = ps.constant 2.0 : !ps.untyped
        %v = ps.load %f[0] : !ps.field<?xf32>
        %r = ps.mul %v, %c : (f32, !ps.untyped) -> !ps.untyped
        ps.store %r, %f[0] : !ps.untyped, !ps.field<?xf32>
      }
    }
    ```
    After: `%c = ps.constant 2.0 : f32`, `%r = ps.mul %v, %c : f32`, and
    the symbol `%s` becomes an `f64`.
  }];
  let options = [
    Option<"defaultType", "default-type", "std::string", /*default=*/"\"f64\"",
           "Type of untyped symbols and of constants without context">,
    Option<"indexType", "index-type", "std::string", /*default=*/"\"i64\"",
           "Type of the counters (an integer type)">,
  ];
}

def PsEliminateConstants : Pass<"ps-eliminate-constants", "::mlir::ps::KernelOp"> {
  let summary = "Fold constant expressions and share common ones";
  let description = [{
    As pystencils' EliminateConstants: folds every expression over constants
    that can be folded exactly (see the folding rules of the dialect), and
    moves each remaining constant expression, once, to the top of the
    kernel, so that equal constant subexpressions are computed once and not
    per point.

    ```mlir
    // Before: per point, 2.0 * 0.5 and sqrt(2.0) twice.
    %a = ps.constant 2.0 : f64
    %h = ps.constant 0.5 : f64
    %p = ps.mul %a, %h : f64
    %s1 = ps.exp %a : f64
    %s2 = ps.exp %a : f64
    // After, at the top of the kernel:
    %p = ps.constant 1.0 : f64
    %s = ps.exp %a : f64   // one exp, used by both
    ```
  }];
}

def PsHoistInvariants : Pass<"ps-hoist-invariants", "::mlir::ps::KernelOp"> {
  let summary = "Move what depends on no counter and no field out of iteration spaces";
  let description = [{
    Loop-invariant code motion for iteration spaces: a side-effect free
    operation whose operands come from outside the space (kernel parameters,
    constants, other hoisted values) moves in front of the space, so it is
    computed once per kernel call and not once per point. Field reads are
    never hoisted, and integer division stays where it is (it may trap).

    ```mlir
    // Before
    ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> {
      %w2 = ps.mul %w, %w : f64
      ...
    }
    // After
    %w2 = ps.mul %w, %w : f64
    ps.iterate (%x) in %f ghost 0 : !ps.field<?xf64> { ... }
    ```
  }];
}

def PsContract : Pass<"ps-contract", "::mlir::ps::KernelOp"> {
  let summary = "Fuse multiplications into the additions that use them";
  let description = [{
    Floating-point contraction, as C compilers do under `-ffp-contract=fast`
    and as pystencils kernels get from `gcc -O3 -march=native`: an addition
    or subtraction of a product becomes one fused multiply-add, rounded once
    instead of twice. A fused multiply-add does the work of two instructions
    in one on every instruction set ps-vectorize targets, which is what
    compute-bound stencils (many weighted neighbours) need; in exchange the
    results may differ from the strict C order in the last bit, so the pass
    is opt-in (`contract=true` of `ps-lower-to-llvm-pipeline`).

    Only typed floating-point operations are fused, and only products with
    no other use (a product used twice would be computed twice). Negations
    are exact, so both forms of subtraction fuse too:

    ```mlir
    // Before
    %p = ps.mul %w, %u : f64
    %s = ps.add %acc, %p : f64
    %q = ps.mul %a, %b : f64
    %d = ps.sub %q, %c : f64
    // After
    %s = ps.fma %w, %u, %acc : f64
    %n = ps.neg %c : f64
    %d = ps.fma %a, %b, %n : f64
    ```

    Run it after `ps-typify`: untyped operations are left alone.
  }];
}

def TestPsAccesses : Pass<"test-ps-accesses", "::mlir::ps::KernelOp"> {
  let summary = "Print the field accesses found by the access analysis";
  let description = [{
    A test pass: for each iteration space, prints one remark per field
    access with its field, offsets, components and kind (read or write).
  }];
}

#endif // STENCIL_TRANSFORMS_PASSES_TD
