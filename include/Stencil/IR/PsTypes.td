//===- PsTypes.td - Types of the ps dialect ----------------*- tablegen -*-===//

#ifndef STENCIL_IR_PSTYPES_TD
#define STENCIL_IR_PSTYPES_TD

include "Stencil/IR/PsDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"
include "Stencil/IR/PsAttributes.td"

class Ps_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<Ps_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def Ps_UntypedType : Ps_Type<"Untyped", "untyped"> {
  let summary = "the type of a value whose type is not known yet";
  let description = [{
    A front end may build expressions before their types are known, as
    pystencils' freeze stage does: untyped symbols and constants, and the
    expressions built from them, have type `!ps.untyped`. The `ps-typify`
    pass replaces every `!ps.untyped` with a concrete type; no later pass
    accepts untyped values.

    ```mlir
    %c = ps.constant 2.0 : !ps.untyped
    %s = ps.add %x, %c : (f32, !ps.untyped) -> !ps.untyped
    ```
  }];
}

def Ps_FieldType : Ps_Type<"Field", "field"> {
  let summary = "a typed n-d buffer: base pointer, shape and strides";
  let description = [{
    A field is the kernel-side view of a buffer: a base pointer to elements of
    `elementType`, a shape and strides of one index type. Its dimensions are
    the spatial ones (x, y, z, in that order) followed by the index
    (component) dimensions of a multi-component field, which are always
    static. Spatial extents are static or dynamic (`?`).

    The layout fixes how the dimensions map to memory:
    - `fzyx` (default, structure of arrays): components slowest, x contiguous;
    - `zyxf` (array of structures): components fastest, then x;
    - `c`: row-major over all dimensions, the last one contiguous;
    - `strides [...]`: explicit strides in elements, one per dimension, each
      static or `?`.
    `ghost N` records the ghost-layer width, the default border that an
    iteration space over this field leaves out.

    A field lowers to a strided memref of rank spatial + index dimensions.

    ```mlir
    !ps.field<?x?xf64>
    !ps.field<?x?x?xf64, components [19], layout zyxf, ghost 1>
    !ps.field<64x64xf32, strides [?, 1]>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"int64_t", "spatial extents, ShapedType::kDynamic for ?">:$shape,
    "::mlir::Type":$elementType,
    ArrayRefParameter<"int64_t", "extents of the index dimensions">:$indexShape,
    "::mlir::ps::Layout":$layout,
    ArrayRefParameter<"int64_t", "explicit strides (layout `strided` only)">:$strides,
    "int64_t":$ghostLayers
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    TypeBuilderWithInferredContext<(ins
        "::llvm::ArrayRef<int64_t>":$shape, "::mlir::Type":$elementType,
        CArg<"::llvm::ArrayRef<int64_t>", "{}">:$indexShape,
        CArg<"::mlir::ps::Layout", "::mlir::ps::Layout::fzyx">:$layout,
        CArg<"::llvm::ArrayRef<int64_t>", "{}">:$strides,
        CArg<"int64_t", "0">:$ghostLayers), [{
      return $_get(elementType.getContext(), shape, elementType, indexShape,
                   layout, strides, ghostLayers);
    }]>
  ];
  let extraClassDeclaration = [{
    /// Number of spatial dimensions.
    unsigned getSpatialRank() const { return getShape().size(); }
    /// Number of index (component) dimensions.
    unsigned getIndexRank() const { return getIndexShape().size(); }
    /// Spatial plus index dimensions: the rank of the memref it lowers to.
    unsigned getRank() const { return getSpatialRank() + getIndexRank(); }
    /// All extents, spatial then index.
    ::llvm::SmallVector<int64_t> getFullShape() const;
    /// Dimensions ordered from the slowest to the fastest in memory, for the
    /// named layouts; empty for explicit strides.
    ::llvm::SmallVector<unsigned> getMemoryOrder() const;
    /// Strides in elements for every dimension, ShapedType::kDynamic where
    /// they are known only at run time.
    ::llvm::SmallVector<int64_t> getStaticStrides() const;
    /// The dimension with unit stride, if the type guarantees one.
    std::optional<unsigned> getContiguousDim() const;
    /// The spatial dimensions in the order a loop nest visits them, outermost
    /// first, so that the innermost loop runs along the fastest one: the
    /// memory order for named layouts; by decreasing static stride (dynamic
    /// strides counting as largest, then by decreasing dimension) for
    /// explicit strides.
    ::llvm::SmallVector<unsigned> getSpatialLoopOrder() const;
  }];
}

def Ps_ReductionType : Ps_Type<"Reduction", "reduction"> {
  let summary = "a scalar result that the points of a kernel reduce into";
  let description = [{
    A kernel parameter of this type is an output: a pointer to one element
    of `elementType`, which the kernel combines with `kind` (`add`, `mul`,
    `min`, `max`) and the values every point gives it with `ps.reduce`. The
    caller initializes it (with the operator's identity for a plain
    reduction, or with a running value to continue one); after the call it
    holds `initial kind v0 kind v1 ...`, as pystencils 2's reduction
    assignments write through their pointer. The order in which the points
    are combined is unspecified: vectors and threads reassociate.

    A reduction lowers to a 0-d memref (`memref<f64>`).

    ```mlir
    ps.kernel @norm(%u: !ps.field<?x?xf64>, %r: !ps.reduction<add, f64>) {
      ps.iterate (%x, %y) in %u : !ps.field<?x?xf64> {
        %v = ps.load %u[0, 0] : !ps.field<?x?xf64>
        %sq = ps.mul %v, %v : f64
        ps.reduce %sq, %r : !ps.reduction<add, f64>
      }
    }
    ```
  }];
  let parameters = (ins EnumParameter<Ps_ReductionKind>:$kind,
                        "::mlir::Type":$elementType);
  let assemblyFormat = "`<` $kind `,` $elementType `>`";
  let genVerifyDecl = 1;
  let builders = [
    TypeBuilderWithInferredContext<(ins "::mlir::ps::ReductionKind":$kind,
                                        "::mlir::Type":$elementType), [{
      return $_get(elementType.getContext(), kind, elementType);
    }]>
  ];
}

#endif // STENCIL_IR_PSTYPES_TD
