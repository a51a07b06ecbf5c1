//===- Passes.td - Conversions out of the ps dialect -------*- tablegen -*-===//

#ifndef STENCIL_CONVERSION_PASSES_TD
#define STENCIL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertPsToScf : Pass<"convert-ps-to-scf", "::mlir::ModuleOp"> {
  let summary = "Lower ps kernels to loop nests over strided memrefs";
  let description = [{
    Materializes typed ps kernels for the CPU. Each `ps.kernel` becomes a
    `func.func` whose fields are strided memrefs (spatial then index
    dimensions; a unit stride where the layout guarantees one, the rest
    dynamic, and a dynamic offset). A dense `ps.iterate` becomes an `scf.for`
    nest, outermost loop over the slowest dimension, with bounds from the
    slice and the field's extents; a `ps.iterate_sparse` becomes one loop over
    the index list whose coordinates are loaded per entry. Field accesses
    become `memref.load`/`memref.store` at the point plus the offset, and the
    scalar operations become `arith` and `math` operations with C semantics
    (signed integers, `fmin`/`fmax` as `minnumf`/`maxnumf`).

    The input must be typed (run `ps-typify`) and should be analysed
    (`ps-analyze`): the lowering trusts that accesses stay within the fields.

    ```mlir
    // Before
    ps.kernel @scale(%f: !ps.field<?xf64>, %w: f64) {
      ps.iterate (%x : i64) in %f ghost 1 : !ps.field<?xf64> {
        %v = ps.load %f[-1] : !ps.field<?xf64>
        %r = ps.mul %v, %w : f64
        ps.store %r, %f[0] : !ps.field<?xf64>
      }
    }
    // After
    func.func @scale(%f: memref<?xf64, strided<[1], offset: ?>>, %w: f64) {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %n = memref.dim %f, %c0 : memref<?xf64, strided<[1], offset: ?>>
      %ub = arith.subi %n, %c1 : index
      scf.for %i = %c1 to %ub step %c1 {
        %im1 = arith.subi %i, %c1 : index
        %v = memref.load %f[%im1] : memref<?xf64, strided<[1], offset: ?>>
        %r = arith.mulf %v, %w : f64
        memref.store %r, %f[%i] : memref<?xf64, strided<[1], offset: ?>>
      }
      return
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

#endif // STENCIL_CONVERSION_PASSES_TD
