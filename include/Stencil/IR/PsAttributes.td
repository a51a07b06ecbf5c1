//===- PsAttributes.td - Enums of the ps dialect -----------*- tablegen -*-===//

#ifndef STENCIL_IR_PSATTRIBUTES_TD
#define STENCIL_IR_PSATTRIBUTES_TD

include "mlir/IR/EnumAttr.td"

/// Memory layout of a field. Spatial coordinates are numbered x, y, z (dim 0
/// is x); index (component) dimensions follow the spatial ones.
def Ps_Layout : I64EnumAttr<"Layout", "memory layout of a field", [
    /// Structure of arrays (pystencils' default): components slowest, then
    /// z, y, x; x (dim 0) is contiguous.
    I64EnumAttrCase<"fzyx", 0>,
    /// Array of structures: z slowest, then y, x, components fastest.
    I64EnumAttrCase<"zyxf", 1>,
    /// Row-major over (x, y, z, f), as NumPy and C arrays: the last dimension
    /// is contiguous.
    I64EnumAttrCase<"c", 2>,
    /// Explicit strides, given in the type (each static or dynamic).
    I64EnumAttrCase<"strided", 3>
  ]> {
  let cppNamespace = "::mlir::ps";
}

/// Predicates of ps.cmp: C's six comparison operators. On floats they are
/// ordered comparisons except `ne`, which is true for NaN operands, as in C.
def Ps_CmpPredicate : I64EnumAttr<"CmpPredicate", "comparison predicate", [
    I64EnumAttrCase<"eq", 0>, I64EnumAttrCase<"ne", 1>,
    I64EnumAttrCase<"lt", 2>, I64EnumAttrCase<"le", 3>,
    I64EnumAttrCase<"gt", 4>, I64EnumAttrCase<"ge", 5>
  ]> {
  let cppNamespace = "::mlir::ps";
}

/// The operator of a reduction (pystencils 2's reduction assignments `+=`,
/// `*=`, `min=`, `max=`). On floats `min` and `max` are C's `fmin` and
/// `fmax`, as ps.min and ps.max.
def Ps_ReductionKind : I64EnumAttr<"ReductionKind", "reduction operator", [
    I64EnumAttrCase<"add", 0>, I64EnumAttrCase<"mul", 1>,
    I64EnumAttrCase<"min", 2>, I64EnumAttrCase<"max", 3>
  ]> {
  let cppNamespace = "::mlir::ps";
}

#endif // STENCIL_IR_PSATTRIBUTES_TD
