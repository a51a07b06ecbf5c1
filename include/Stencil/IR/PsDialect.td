//===- PsDialect.td - The ps stencil dialect ---------------*- tablegen -*-===//
//
// The Ps IR of the pystencils code generation backend as an MLIR dialect.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_IR_PSDIALECT_TD
#define STENCIL_IR_PSDIALECT_TD

include "mlir/IR/OpBase.td"

def Ps_Dialect : Dialect {
  let name = "ps";
  let cppNamespace = "::mlir::ps";
  let summary = "Stencil kernels over fields and iteration spaces";
  let description = [{
    The `ps` dialect models the intermediate representation of the pystencils
    code generation backend: kernels (`ps.kernel`) whose parameters are fields
    (`!ps.field`, typed n-d buffers given by a base pointer, a shape and
    strides) and scalar symbols, iteration spaces (`ps.iterate` over the
    interior of the fields or a slice of it, `ps.iterate_sparse` over an index
    list), field accesses at constant offsets relative to the iteration point,
    and C-like scalar arithmetic.

    Values may be untyped (`!ps.untyped`) as a front end produces them;
    `ps-typify` assigns default types and infers the types of constants from
    their context under strict C typing rules with no implicit casts.
  }];
  let useDefaultTypePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let hasRegionArgAttrVerify = 1;
  let hasOperationAttrVerify = 1;
  // The attributes the lowering passes exchange on the operations they make
  // (convert-ps-to-scf sets them; ps-block, ps-vectorize, ps-parallelize,
  // convert-ps-to-gpu and ps-mark-noalias read them), declared here so that
  // every pass and embedder names and checks them the same way.
  let discardableAttrs = (ins
    // On each scf.for made from an iteration space: the spatial dimension it
    // runs over (the entry loop of a sparse space has 0).
    "::mlir::IntegerAttr":$dim,
    // On the entry loop made from a sparse iteration space.
    "::mlir::UnitAttr":$sparse,
    // On the func.func made from a ps.kernel; survives the lowering to LLVM.
    "::mlir::UnitAttr":$kernel,
    // On each scf.for of a nest whose space reduces: the operator (`add`,
    // `mul`, `min`, `max`) of each value it carries, which are the partial
    // reductions (ps-vectorize and ps-parallelize reassociate them).
    "::mlir::ArrayAttr":$reductions,
    // On the scf.if whose then-branch is a blocked copy of a nest that
    // ps-vectorize's cost model chose: ps-parallelize adds to its condition
    // that the copy has a block for every thread.
    "::mlir::UnitAttr":$blocks_per_thread
  );
  let extraClassDeclaration = [{
    /// Name of the kernel parameter attribute giving the byte alignment that
    /// a caller must guarantee for a field's base pointer.
    static constexpr ::llvm::StringLiteral getAlignmentAttrName() {
      return ::llvm::StringLiteral("ps.alignment");
    }
    /// Name of the kernel parameter attribute stating that a field's memory
    /// is contiguous (its strides are those of its layout, without padding).
    static constexpr ::llvm::StringLiteral getContiguousAttrName() {
      return ::llvm::StringLiteral("ps.contiguous");
    }
    /// Name of the kernel parameter attribute giving the parameter's name,
    /// by which a run-time takes its argument.
    static constexpr ::llvm::StringLiteral getNameAttrName() {
      return ::llvm::StringLiteral("ps.name");
    }

  private:
    void registerTypes();

  public:
  }];
}

#endif // STENCIL_IR_PSDIALECT_TD
