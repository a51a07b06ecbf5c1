//===- PsDialect.cpp - The ps stencil dialect -----------------------------===//

#include "Stencil/IR/PsDialect.h"
#include "Stencil/IR/PsOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::ps;

#include "Stencil/IR/PsOpsDialect.cpp.inc"

void PsDialect::initialize() {
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "Stencil/IR/PsOps.cpp.inc"
      >();
}

Operation *PsDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed)
    return nullptr;
  if (!isa<UntypedType>(type) && typed.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, type, typed);
}

/// Checks the `ps.*` attributes the lowering puts on operations: a pass that
/// reads `ps.dim` trusts it to name a spatial dimension.
LogicalResult PsDialect::verifyOperationAttribute(Operation *op,
                                                  NamedAttribute attribute) {
  StringRef name = attribute.getName().getValue();
  if (name == DimAttrHelper::getNameStr()) {
    auto dim = dyn_cast<IntegerAttr>(attribute.getValue());
    if (!dim || !dim.getType().isSignlessInteger(64) ||
        dim.getValue().isNegative() || dim.getValue().uge(kMaxSpatialRank))
      return op->emitOpError("'")
             << name << "' must be a spatial dimension (an i64 in [0, "
             << kMaxSpatialRank << "))";
    return success();
  }
  if (name == SparseAttrHelper::getNameStr() ||
      name == KernelAttrHelper::getNameStr() ||
      name == BlocksPerThreadAttrHelper::getNameStr()) {
    if (!isa<UnitAttr>(attribute.getValue()))
      return op->emitOpError("'") << name << "' is a unit attribute";
    return success();
  }
  if (name == ReductionsAttrHelper::getNameStr()) {
    auto kinds = dyn_cast<ArrayAttr>(attribute.getValue());
    bool valid = kinds && kinds.size() == op->getNumResults() &&
                 llvm::all_of(kinds, [](Attribute kind) {
                   auto text = dyn_cast<StringAttr>(kind);
                   return text && symbolizeReductionKind(text.getValue());
                 });
    if (!valid)
      return op->emitOpError("'")
             << name << "' must name the reduction operator (add, mul, min "
             << "or max) of each result";
    return success();
  }
  return op->emitOpError("unknown attribute '")
         << name << "', expected ps.dim, ps.sparse, ps.kernel, "
         << "ps.reductions or ps.blocks_per_thread";
}

/// Checks the `ps.*` attributes a kernel parameter may carry: they are
/// promises a caller makes, so a malformed one must not reach a run-time.
LogicalResult PsDialect::verifyRegionArgAttribute(Operation *op,
                                                  unsigned regionIndex,
                                                  unsigned argIndex,
                                                  NamedAttribute attribute) {
  auto kernel = dyn_cast<KernelOp>(op);
  if (!kernel || regionIndex != 0)
    return op->emitOpError("'")
           << attribute.getName().getValue()
           << "' is an attribute of ps.kernel parameters only";
  Type argType = kernel.getArgumentTypes()[argIndex];
  StringRef name = attribute.getName().getValue();
  auto parameter = [&]() {
    return op->emitOpError("parameter '")
           << kernel.getParameterName(argIndex) << "'";
  };
  if (name == getAlignmentAttrName()) {
    // Checked on the APInt: the attribute may be of any integer width.
    auto alignment = dyn_cast<IntegerAttr>(attribute.getValue());
    if (!alignment || !alignment.getType().isSignlessInteger(64) ||
        alignment.getValue().isNegative() || !alignment.getValue().isPowerOf2())
      return parameter()
             << ": 'ps.alignment' must be a positive power of two of type i64";
    if (!isa<FieldType>(argType))
      return parameter() << ": 'ps.alignment' applies to fields only";
    return success();
  }
  if (name == getContiguousAttrName()) {
    if (!isa<UnitAttr>(attribute.getValue()))
      return parameter() << ": 'ps.contiguous' is a unit attribute";
    if (!isa<FieldType>(argType))
      return parameter() << ": 'ps.contiguous' applies to fields only";
    return success();
  }
  if (name == getNameAttrName()) {
    auto nameAttr = dyn_cast<StringAttr>(attribute.getValue());
    if (!nameAttr || nameAttr.getValue().empty())
      return parameter() << ": 'ps.name' must be a non-empty string";
    return success(); // KernelOp::verify checks that names are unique
  }
  return parameter() << ": unknown attribute '" << name
                     << "', expected ps.alignment, ps.contiguous or ps.name";
}
