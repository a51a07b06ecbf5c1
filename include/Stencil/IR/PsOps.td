//===- PsOps.td - Operations of the ps dialect -------------*- tablegen -*-===//

#ifndef STENCIL_IR_PSOPS_TD
#define STENCIL_IR_PSOPS_TD

include "Stencil/IR/PsDialect.td"
include "Stencil/IR/PsTypes.td"
include "Stencil/IR/PsAttributes.td"
include "Stencil/IR/PsInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/LoopLikeInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Ps_IntType : AnyTypeOf<[I8, I16, I32, I64], "integer">;
def Ps_FloatType : AnyTypeOf<[F16, BF16, F32, F64], "floating-point">;
def Ps_NumericLike : AnyTypeOf<[Ps_IntType, Ps_FloatType, Ps_UntypedType],
                               "integer, floating-point or untyped">;
def Ps_FloatLike : AnyTypeOf<[Ps_FloatType, Ps_UntypedType],
                             "floating-point or untyped">;
def Ps_IntLike : AnyTypeOf<[Ps_IntType, Ps_UntypedType], "integer or untyped">;
def Ps_BitsLike : AnyTypeOf<[I1, Ps_IntType, Ps_UntypedType],
                            "bool, integer or untyped">;
def Ps_ScalarLike : AnyTypeOf<[I1, Ps_IntType, Ps_FloatType, Ps_UntypedType],
                              "bool, integer, floating-point or untyped">;
def Ps_CounterType : AnyTypeOf<[Ps_IntType, Ps_UntypedType],
                               "integer or untyped">;

class Ps_Op<string mnemonic, list<Trait> traits = []>
    : Op<Ps_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

def Ps_KernelOp : Ps_Op<"kernel", [
    FunctionOpInterface, IsolatedFromAbove,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmBlockArgumentNames"]>,
    SingleBlockImplicitTerminator<"ReturnOp">]> {
  let summary = "a stencil kernel over fields and scalar symbols";
  let description = [{
    A kernel is a symbol with one block whose arguments are its parameters:
    fields (`!ps.field`) and scalar symbols (integers, floats, or
    `!ps.untyped` before typification). It returns nothing: its effect is
    what it stores to fields. Its body holds one or more iteration spaces,
    run one after another, and the scalar code before them.

    Parameters have names, which callers pass arguments by: the SSA name
    of the parameter (`%src` is parameter `src`), kept as `ps.name` (also
    when written explicitly, for names that are no SSA name); a parameter
    without one is `arg<N>`. The printer gives each parameter its name.

    Parameter attributes state what a caller must honour; a run-time checks
    them before a call:
    - `ps.alignment = N`: the field's base pointer is aligned to N bytes;
    - `ps.contiguous`: the field's strides are those of its layout.

    ```mlir
    ps.kernel @scale(%src: !ps.field<?x?xf64>,
                     %dst: !ps.field<?x?xf64> {ps.alignment = 64 : i64},
                     %w: f64) {
      ps.iterate (%x, %y) in %dst ghost 0 : !ps.field<?x?xf64> {
        %v = ps.load %src[0, 0] : !ps.field<?x?xf64>
        %r = ps.mul %v, %w : f64
        ps.store %r, %dst[0, 0] : !ps.field<?x?xf64>
      }
      ps.return
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<StrAttr>:$sym_visibility,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name,
                                 "::mlir::FunctionType":$type)>];
  let extraClassDeclaration = [{
    ::mlir::Region *getCallableRegion() { return &getBody(); }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    bool isDeclaration() { return false; }
    /// The name callers pass parameter `index` by: its `ps.name`, else
    /// `arg<index>`.
    std::string getParameterName(unsigned index);
  }];
}

def Ps_ReturnOp : Ps_Op<"return", [Pure, HasParent<"KernelOp">, Terminator,
                                   ReturnLike]> {
  let summary = "terminates a kernel";
  let description = [{
    Ends the body of a `ps.kernel`. It may be left out in the textual form.
  }];
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// Iteration spaces
//===----------------------------------------------------------------------===//

def Ps_IterateOp : Ps_Op<"iterate", [
    HasParent<"KernelOp">, RecursiveMemoryEffects,
    SingleBlockImplicitTerminator<"YieldOp">,
    DeclareOpInterfaceMethods<Ps_IterationSpaceOpInterface, ["getLatticeSteps"]>,
    DeclareOpInterfaceMethods<LoopLikeOpInterface>,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmBlockArgumentNames"]>]> {
  let summary = "a full (dense) iteration space over the interior of a field";
  let description = [{
    Runs its body once per point of a dense iteration space, in no particular
    order. The space is given per spatial dimension by a slice
    `start:stop:step` over the extents of `field` (the shape all fields of the
    kernel share): `start` counts from the lower end, a negative `stop` counts
    from the upper end as in Python and pystencils' slices (`-1` leaves out
    the last layer), a positive one is absolute, and a left-out `stop` means
    the end. `ghost N` is short for `N:-N` in every dimension; without either,
    the ghost-layer width of the field's type is used.

    The block arguments are the counters: the coordinates of the current
    point, of an integer type (the index type) or untyped until `ps-typify`.

    ```mlir
    // The interior of a 2D field with one ghost layer.
    ps.iterate (%x, %y) in %dst ghost 1 : !ps.field<?x?xf64> { ... }
    // Every second point in x, rows 1 to the second last in y.
    ps.iterate (%x, %y : i64) in %u slice [1:-1:2, 1:-1] : !ps.field<?x?xf64> { ... }
    ```
  }];
  let arguments = (ins Ps_FieldType:$field, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$stops, DenseI64ArrayAttr:$steps);
  let regions = (region SizedRegion<1>:$bodyRegion);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    /// Builds a space over `field` with the given per-dimension slice and
    /// counters of `counterType`; the body holds only the terminator.
    OpBuilder<(ins "::mlir::Value":$field, "::llvm::ArrayRef<int64_t>":$starts,
                   "::llvm::ArrayRef<int64_t>":$stops,
                   "::llvm::ArrayRef<int64_t>":$steps,
                   "::mlir::Type":$counterType)>
  ];
  let extraClassDeclaration = [{
    ::mlir::Block *getBody() { return &getBodyRegion().front(); }
    ::mlir::ps::FieldType getFieldType() {
      return ::llvm::cast<::mlir::ps::FieldType>(getField().getType());
    }
    /// The uniform ghost-layer width this slice is, if it is one.
    std::optional<int64_t> getUniformGhostLayers();
  }];
}

def Ps_IterateSparseOp : Ps_Op<"iterate_sparse", [
    HasParent<"KernelOp">, RecursiveMemoryEffects,
    SingleBlockImplicitTerminator<"YieldOp">,
    DeclareOpInterfaceMethods<Ps_IterationSpaceOpInterface, ["getLatticeSteps"]>,
    DeclareOpInterfaceMethods<LoopLikeOpInterface>,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmBlockArgumentNames"]>]> {
  let summary = "a sparse iteration space over the points of an index list";
  let description = [{
    Runs its body once per entry of an index list, a one-dimensional field
    whose entries hold the coordinates of a point in their first components
    (further components may hold other data). The counters are the
    coordinates read from the entry. Entries are visited in no particular
    order; a run-time checks that every coordinate lies within the fields.
    The body reads the other members of the current entry (a direction, a
    weight) with `ps.load_record`.

    Entries of a list may be neighbours, so ps-analyze rejects a kernel that
    reads a field it writes at another location. `disjoint` states that no
    location an entry writes is read or written by another entry, which the
    list guarantees and no analysis can see: lattice Boltzmann bounce-back
    writes `f[x + c_d](inv(d))` and reads `f[x](d)` for a fluid cell `x`
    whose neighbour `x + c_d` is a wall, and a wall cell is never another
    entry's fluid cell (lbmpy's boundary lists, as pystencils, rely on it).

    ```mlir
    ps.iterate_sparse (%x, %y) in %list : !ps.field<?xi64, components [2]> {
      ...
    }
    ps.iterate_sparse (%x, %y) in %list disjoint : !ps.field<?xi32, components [3]> {
      ...
    }
    ```
  }];
  let arguments = (ins Arg<Ps_FieldType, "the index list", [MemRead]>:$indexList,
                       UnitAttr:$disjoint);
  let regions = (region SizedRegion<1>:$bodyRegion);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Value":$indexList, "unsigned":$rank,
                   "::mlir::Type":$counterType)>
  ];
  let extraClassDeclaration = [{
    ::mlir::Block *getBody() { return &getBodyRegion().front(); }
    ::mlir::ps::FieldType getIndexListType() {
      return ::llvm::cast<::mlir::ps::FieldType>(getIndexList().getType());
    }
  }];
}

def Ps_YieldOp : Ps_Op<"yield", [Pure, Terminator, ReturnLike,
    ParentOneOf<["IterateOp", "IterateSparseOp"]>]> {
  let summary = "terminates the body of an iteration space";
  let description = [{
    Ends the body of `ps.iterate` and `ps.iterate_sparse`; it may be left out
    in the textual form.
  }];
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// Field accesses
//===----------------------------------------------------------------------===//

/// The indices of ps.load and ps.store: offsets and component indices, each
/// a constant or (`kDynamic` in the static list) an integer value of the
/// kernel, as memref.subview mixes static and dynamic offsets.
class Ps_AccessOp<string mnemonic, list<Trait> traits = []>
    : Ps_Op<mnemonic, !listconcat([AttrSizedOperandSegments], traits)> {
  let hasVerifier = 1;
  code accessClassDeclaration = [{
    /// The offsets, constants as attributes and dynamic ones as values.
    ::llvm::SmallVector<::mlir::OpFoldResult> getMixedOffsets() {
      return ::mlir::getMixedValues(getOffsets(), getDynamicOffsets(),
                                    getContext());
    }
    /// The component indices, constants as attributes and dynamic ones as
    /// values.
    ::llvm::SmallVector<::mlir::OpFoldResult> getMixedComponents() {
      return ::mlir::getMixedValues(getComponents(), getDynamicComponents(),
                                    getContext());
    }
    /// True if every offset and component index is a constant.
    bool hasStaticIndices() {
      return getDynamicOffsets().empty() && getDynamicComponents().empty();
    }
  }];
}

def Ps_LoadOp : Ps_AccessOp<"load", [
    TypesMatchWith<"result type is the field's element type", "field", "result",
                   "::llvm::cast<::mlir::ps::FieldType>($_self).getElementType()">]> {
  let summary = "reads a field at an offset from the current point";
  let description = [{
    Reads `field` at the current point of the enclosing iteration space
    shifted by `offsets` (one per spatial dimension), and for a
    multi-component field at the component given in parentheses (one index
    per index dimension).

    Offsets and component indices are constants, or integer values of the
    kernel written with their type (`%dx : i32`): values that depend on the
    point, such as a direction read from an index list's record and the
    direction vectors looked up in a table (`ps.lookup`). ps-analyze bounds
    every such index by the range of the table it comes from, or, where it
    is a record member itself, makes the run-time check every entry; an
    index it cannot bound is an error at the access.

    ```mlir
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64>
    %f5 = ps.load %pdf[0, 1, 0](5) : !ps.field<?x?x?xf64, components [19]>
    %fd = ps.load %pdf[%dx : i32, %dy : i32](%d : i32) : !ps.field<?x?xf64, components [9]>
    ```
  }];
  let arguments = (ins Arg<Ps_FieldType, "the field read", [MemRead]>:$field,
                       Variadic<Ps_CounterType>:$dynamicOffsets,
                       Variadic<Ps_CounterType>:$dynamicComponents,
                       DenseI64ArrayAttr:$offsets,
                       DenseI64ArrayAttr:$components);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $field `` custom<AccessIndices>($dynamicOffsets, type($dynamicOffsets),
                                    $offsets, $dynamicComponents,
                                    type($dynamicComponents), $components)
    attr-dict `:` qualified(type($field))
  }];
  let builders = [
    /// A load at constant offsets and components.
    OpBuilder<(ins "::mlir::Value":$field, "::llvm::ArrayRef<int64_t>":$offsets,
                   "::llvm::ArrayRef<int64_t>":$components)>,
    /// A load at mixed (constant or value) offsets and components.
    OpBuilder<(ins "::mlir::Value":$field,
                   "::llvm::ArrayRef<::mlir::OpFoldResult>":$offsets,
                   "::llvm::ArrayRef<::mlir::OpFoldResult>":$components)>
  ];
  let extraClassDeclaration = accessClassDeclaration;
}

def Ps_StoreOp : Ps_AccessOp<"store"> {
  let summary = "writes a field at an offset from the current point";
  let description = [{
    Writes `value` to `field` at the current point shifted by `offsets`, at
    the given component for a multi-component field. The value has the
    field's element type, or is untyped until `ps-typify` (the type list
    then names it first). Offsets and components may be values, as for
    `ps.load`.

    ```mlir
    ps.store %v, %dst[0, 0] : !ps.field<?x?xf64>
    ps.store %c, %dst[0, 0] : !ps.untyped, !ps.field<?x?xf64>
    ps.store %v, %pdf[0, 0](%inv : i32) : !ps.field<?x?xf64, components [9]>
    ```
  }];
  let arguments = (ins Ps_ScalarLike:$value,
                       Arg<Ps_FieldType, "the field written", [MemWrite]>:$field,
                       Variadic<Ps_CounterType>:$dynamicOffsets,
                       Variadic<Ps_CounterType>:$dynamicComponents,
                       DenseI64ArrayAttr:$offsets,
                       DenseI64ArrayAttr:$components);
  let assemblyFormat = [{
    $value `,` $field `` custom<AccessIndices>($dynamicOffsets,
                                               type($dynamicOffsets), $offsets,
                                               $dynamicComponents,
                                               type($dynamicComponents),
                                               $components)
    attr-dict `:` custom<StoreTypes>(type($value), type($field))
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Value":$value, "::mlir::Value":$field,
                   "::llvm::ArrayRef<int64_t>":$offsets,
                   "::llvm::ArrayRef<int64_t>":$components)>,
    OpBuilder<(ins "::mlir::Value":$value, "::mlir::Value":$field,
                   "::llvm::ArrayRef<::mlir::OpFoldResult>":$offsets,
                   "::llvm::ArrayRef<::mlir::OpFoldResult>":$components)>
  ];
  let extraClassDeclaration = accessClassDeclaration;
}

def Ps_LoadRecordOp : Ps_Op<"load_record", [
    TypesMatchWith<"result type is the field's element type", "field", "result",
                   "::llvm::cast<::mlir::ps::FieldType>($_self).getElementType()">]> {
  let summary = "reads a member of the current entry of a sparse space";
  let description = [{
    Reads, in the body of `ps.iterate_sparse`, the record of the current
    entry: component `(k)` of the index list (the members after the
    coordinates: a direction, a flag), or the current element of another
    one-dimensional field as long as the list, which holds members of
    another type (a weight, a value). pystencils' index fields of structs
    and NumPy structured arrays are such records: a front end passes the
    integer members as the list's components and each other member as a
    one-dimensional view (`a['w']`), and the run-time checks that such a
    field has an element for every entry.

    ```mlir
    ps.iterate_sparse (%x, %y) in %list : !ps.field<?xi32, components [3], layout c> {
      %dir = ps.load_record %list(2) : !ps.field<?xi32, components [3], layout c>
      %w = ps.load_record %weights : !ps.field<?xf64>
      ...
    }
    ```
  }];
  let arguments = (ins Arg<Ps_FieldType, "the record field read", [MemRead]>:$field,
                       DenseI64ArrayAttr:$components);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $field `` custom<RecordMember>($components) attr-dict `:`
    qualified(type($field))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::ps::FieldType getFieldType() {
      return ::llvm::cast<::mlir::ps::FieldType>(getField().getType());
    }
  }];
}

def Ps_ReduceOp : Ps_Op<"reduce", [
    ParentOneOf<["IterateOp", "IterateSparseOp"]>]> {
  let summary = "combines a value of the current point into a reduction result";
  let description = [{
    Combines `value` into the kernel's reduction result `target` with the
    operator of its type (`!ps.reduction<add, f64>`: a sum), as pystencils 2's
    reduction assignments (`r += v`). Every point of the enclosing iteration
    space contributes its value once; the order of the contributions is
    unspecified, so a reduction is no loop-carried dependence. The value has
    the result's element type, or is untyped until `ps-typify` (the type list
    then names it first). It sits directly in the body of an iteration space:
    a point that should not contribute gives the operator's identity
    (`ps.select`).

    ```mlir
    ps.reduce %sq, %r : !ps.reduction<add, f64>
    ps.reduce %c, %m : !ps.untyped, !ps.reduction<max, f32>
    ```
  }];
  let arguments = (ins Ps_ScalarLike:$value,
                       Arg<Ps_ReductionType, "the result combined into",
                           [MemRead, MemWrite]>:$target);
  let assemblyFormat = [{
    $value `,` $target attr-dict `:` custom<ReduceTypes>(type($value),
                                                         type($target))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::ps::ReductionType getTargetType() {
      return ::llvm::cast<::mlir::ps::ReductionType>(getTarget().getType());
    }
    ::mlir::ps::ReductionKind getKind() { return getTargetType().getKind(); }
  }];
}

//===----------------------------------------------------------------------===//
// Constants and casts
//===----------------------------------------------------------------------===//

def Ps_ConstantOp : Ps_Op<"constant", [ConstantLike, Pure]> {
  let summary = "a typed or untyped constant";
  let description = [{
    A constant of a scalar type, or an untyped number whose type `ps-typify`
    infers from the context it is used in (`2` becomes `2.0 : f32` when added
    to an `f32`). A float literal is never given an integer type.

    ```mlir
    %a = ps.constant 0.25 : f64
    %b = ps.constant 4 : i32
    %c = ps.constant 2.0 : !ps.untyped
    %t = ps.constant true : i1
    ```
  }];
  let arguments = (ins TypedAttrInterface:$value);
  let results = (outs Ps_ScalarLike:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
  let builders = [
    OpBuilder<(ins "::mlir::TypedAttr":$value, "::mlir::Type":$type), [{
      build($_builder, $_state, type, value);
    }]>
  ];
  let extraClassDeclaration = [{
    /// True for an untyped number, whose type is still to be inferred.
    bool isUntyped() { return ::llvm::isa<UntypedType>(getType()); }
  }];
}

def Ps_CastOp : Ps_Op<"cast", [Pure]> {
  let summary = "an explicit conversion between scalar types";
  let description = [{
    Converts between integer, floating-point and bool types with C's
    semantics (float to integer truncates toward zero). Strict typing allows
    no implicit conversion, so every change of type is a `ps.cast`.

    ```mlir
    %f = ps.cast %i : i64 to f64
    ```
  }];
  let arguments = (ins Ps_ScalarLike:$input);
  let results = (outs Ps_ScalarLike:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Ps_LookupOp : Ps_Op<"lookup", [Pure,
    DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "reads an element of a small constant table";
  let description = [{
    Yields element `index` of a one-dimensional constant table, as
    pystencils and lbmpy look up a stencil's direction vectors, inverse
    directions and weights in constant arrays (`c_x[d]`, `inv_dir[d]`,
    `w[d]`). The result has the table's element type. The index must lie in
    the table: ps-analyze proves it from the ranges of the index's sources,
    or has the run-time check a record member used as index directly.
    Lookups into integer tables give offsets and component indices whose
    range ps-analyze knows: the table's smallest to largest element.

    ```mlir
    %dx = ps.lookup %d : i32 in dense<[0, 1, 0, -1, 0, 1, -1, -1, 1]> : tensor<9xi32>
    %w = ps.lookup %d : i32 in dense<[0.5, 0.25, 0.25]> : tensor<3xf64>
    ```
  }];
  let arguments = (ins Ps_IntLike:$index, ElementsAttr:$table);
  let results = (outs Ps_ScalarLike:$result);
  let assemblyFormat = "$index `:` type($index) `in` $table attr-dict";
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// Number of elements of the table.
    int64_t getTableSize() { return getTable().getNumElements(); }
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise scalar operations
//===----------------------------------------------------------------------===//

/// An operation whose operands (after `numBoolOperands` leading i1 operands)
/// and result (unless it is a bool) must have one type, where any of them may
/// still be untyped. The type list prints as `: T` when all types agree and
/// as `: (T1, T2) -> T3` otherwise.
class Ps_ElementwiseOp<string mnemonic, list<Trait> traits = [],
                       int numBoolOperands = 0, bit boolResult = 0>
    : Ps_Op<mnemonic, !listconcat([Pure], traits)> {
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  code elementwiseConfig =
      "/*numBoolOperands=*/" # numBoolOperands #
      ", /*boolResult=*/" # !if(boolResult, "true", "false");
  let extraClassDefinition = [{
    ::mlir::ParseResult $cppClass::parse(::mlir::OpAsmParser &parser,
                                         ::mlir::OperationState &result) {
      return ::mlir::ps::detail::parseElementwiseOp(parser, result, }]
      # elementwiseConfig # [{);
    }
    void $cppClass::print(::mlir::OpAsmPrinter &p) {
      ::mlir::ps::detail::printElementwiseOp(p, getOperation(), }]
      # elementwiseConfig # [{);
    }
    ::llvm::LogicalResult $cppClass::verify() {
      return ::mlir::ps::detail::verifyElementwiseOp(getOperation(), }]
      # elementwiseConfig # [{);
    }
  }];
}

class Ps_BinaryOp<string mnemonic, Type operandType, string cSemantics,
                  list<Trait> traits = []>
    : Ps_ElementwiseOp<mnemonic, traits> {
  let summary = cSemantics;
  let description = "Computes " # cSemantics # [{ for two operands of one
    type. The result has that type.

    ```mlir
    %r = ps.}] # mnemonic # [{ %a, %b : f64
    ```
  }];
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs operandType:$result);
  let hasFolder = 1;
}

/// Binary arithmetic that fast-math may reassociate or simplify further.
class Ps_ArithOp<string mnemonic, Type operandType, string cSemantics,
                 list<Trait> traits = []>
    : Ps_BinaryOp<mnemonic, operandType, cSemantics, traits> {
  let arguments = (ins operandType:$lhs, operandType:$rhs, UnitAttr:$fastmath);
}

class Ps_UnaryOp<string mnemonic, Type operandType, string cSemantics,
                 list<Trait> traits = []>
    : Ps_ElementwiseOp<mnemonic, traits> {
  let summary = cSemantics;
  let description = "Computes " # cSemantics # [{ of its operand.

    ```mlir
    %r = ps.}] # mnemonic # [{ %a : f64
    ```
  }];
  let arguments = (ins operandType:$operand);
  let results = (outs operandType:$result);
  let hasFolder = 1;
}

/// A function of the C library (exp, sin, ...): never folded, since libm
/// does not round them correctly and a fold could differ from the
/// generated code.
class Ps_MathFunctionOp<string mnemonic, string cSemantics>
    : Ps_UnaryOp<mnemonic, Ps_FloatLike, cSemantics> {
  let hasFolder = 0;
}

def Ps_AddOp : Ps_ArithOp<"add", Ps_NumericLike, "the sum (C `+`)", [Commutative]> {
  let hasCanonicalizer = 1;
}
def Ps_SubOp : Ps_ArithOp<"sub", Ps_NumericLike, "the difference (C `-`)"> {
  let hasCanonicalizer = 1;
}
def Ps_MulOp : Ps_ArithOp<"mul", Ps_NumericLike, "the product (C `*`)", [Commutative]> {
  let hasCanonicalizer = 1;
}
def Ps_DivOp : Ps_ArithOp<"div", Ps_NumericLike,
    "the quotient (C `/`, truncating for integers)",
    [DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let arguments = (ins Ps_NumericLike:$lhs, Ps_NumericLike:$rhs, UnitAttr:$fastmath);
}
def Ps_RemOp : Ps_BinaryOp<"rem", Ps_IntLike, "the integer remainder (C `%`)",
    [DeclareOpInterfaceMethods<ConditionallySpeculatable>]>;
def Ps_MinOp : Ps_BinaryOp<"min", Ps_NumericLike,
    "the minimum (C `fmin` for floats: a NaN operand yields the other)",
    [Commutative]>;
def Ps_MaxOp : Ps_BinaryOp<"max", Ps_NumericLike,
    "the maximum (C `fmax` for floats: a NaN operand yields the other)",
    [Commutative]>;
def Ps_PowOp : Ps_BinaryOp<"pow", Ps_FloatLike, "the power (C `pow`)"> {
  let hasFolder = 0;
}
def Ps_Atan2Op : Ps_BinaryOp<"atan2", Ps_FloatLike,
    "the arc tangent of lhs / rhs in the quadrant of (rhs, lhs) (C `atan2`)"> {
  let hasFolder = 0;
}
def Ps_AndOp : Ps_BinaryOp<"and", Ps_BitsLike,
    "the logical (bool) or bitwise (integer) and", [Commutative]>;
def Ps_OrOp : Ps_BinaryOp<"or", Ps_BitsLike,
    "the logical (bool) or bitwise (integer) or", [Commutative]>;
def Ps_XorOp : Ps_BinaryOp<"xor", Ps_BitsLike,
    "the logical (bool) or bitwise (integer) exclusive or", [Commutative]>;

def Ps_NegOp : Ps_UnaryOp<"neg", Ps_NumericLike, "the negation (C unary `-`)"> {
  let hasCanonicalizer = 1;
}
def Ps_AbsOp : Ps_UnaryOp<"abs", Ps_NumericLike, "the absolute value">;
def Ps_SqrtOp : Ps_UnaryOp<"sqrt", Ps_FloatLike, "the square root">;
def Ps_ExpOp : Ps_MathFunctionOp<"exp", "the exponential">;
def Ps_LogOp : Ps_MathFunctionOp<"log", "the natural logarithm">;
def Ps_SinOp : Ps_MathFunctionOp<"sin", "the sine">;
def Ps_CosOp : Ps_MathFunctionOp<"cos", "the cosine">;
def Ps_TanOp : Ps_MathFunctionOp<"tan", "the tangent">;
def Ps_AsinOp : Ps_MathFunctionOp<"asin", "the arc sine">;
def Ps_AcosOp : Ps_MathFunctionOp<"acos", "the arc cosine">;
def Ps_AtanOp : Ps_MathFunctionOp<"atan", "the arc tangent">;
def Ps_SinhOp : Ps_MathFunctionOp<"sinh", "the hyperbolic sine">;
def Ps_CoshOp : Ps_MathFunctionOp<"cosh", "the hyperbolic cosine">;
def Ps_TanhOp : Ps_MathFunctionOp<"tanh", "the hyperbolic tangent">;
def Ps_FloorOp : Ps_UnaryOp<"floor", Ps_FloatLike, "the largest integral value not greater">;
def Ps_CeilOp : Ps_UnaryOp<"ceil", Ps_FloatLike, "the smallest integral value not less">;
def Ps_NotOp : Ps_UnaryOp<"not", I1, "the logical negation (C `!`)">;

def Ps_FmaOp : Ps_ElementwiseOp<"fma"> {
  let summary = "the fused multiply-add a * b + c, rounded once";
  let description = [{
    ```mlir
    %r = ps.fma %a, %b, %c : f64
    ```
  }];
  let arguments = (ins Ps_FloatLike:$a, Ps_FloatLike:$b, Ps_FloatLike:$c);
  let results = (outs Ps_FloatLike:$result);
  let hasFolder = 1;
}

def Ps_SelectOp : Ps_ElementwiseOp<"select", [], /*numBoolOperands=*/1> {
  let summary = "chooses between two values (C `?:`)";
  let description = [{
    Yields `trueValue` if `condition` holds and `falseValue` otherwise; both
    are evaluated. For conditional code with effects use `scf.if`.

    ```mlir
    %r = ps.select %c, %a, %b : f64
    ```
  }];
  let arguments = (ins I1:$condition, Ps_ScalarLike:$trueValue,
                       Ps_ScalarLike:$falseValue);
  let results = (outs Ps_ScalarLike:$result);
  let hasFolder = 1;
}

def Ps_CmpOp : Ps_Op<"cmp", [Pure]> {
  let summary = "compares two values of one type (C `==`, `!=`, `<`, ...)";
  let description = [{
    Compares two operands of one type and yields a bool. On floats, every
    predicate but `ne` is false when an operand is NaN, as in C.

    ```mlir
    %c = ps.cmp lt, %a, %b : f64
    ```
  }];
  let arguments = (ins Ps_CmpPredicate:$predicate, Ps_NumericLike:$lhs,
                       Ps_NumericLike:$rhs);
  let results = (outs I1:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // STENCIL_IR_PSOPS_TD
