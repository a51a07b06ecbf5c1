//===- MathToLibmvec.cpp - Math on vectors as calls of libmvec ------------===//
//
// glibc's vector math functions follow the x86-64 vector function ABI: a
// vector of N lanes in one register, passed and returned as a C function
// with vector arguments would be. Their names say which register: b (128
// bits, SSE), d (256, AVX2), e (512, AVX-512).
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ps {
#define GEN_PASS_DEF_CONVERTMATHTOLIBMVEC
#include "Stencil/Conversion/Passes.h.inc"
} // namespace mlir::ps

using namespace mlir;

namespace {

/// The register letter of the vector function ABI for a vector of `bits`
/// bits, or 0 where glibc has no functions for that width.
char getRegisterLetter(int64_t bits) {
  switch (bits) {
  case 128:
    return 'b';
  case 256:
    return 'd';
  case 512:
    return 'e';
  default:
    return 0;
  }
}

/// Rewrites `Op` on a vector of f32 or f64 that fills a register of at most
/// `registerBits` into a call of libmvec's `scalarName` (with `f` for f32),
/// declared in the module.
template <typename Op> struct MathToLibmvec : OpRewritePattern<Op> {
  MathToLibmvec(MLIRContext *context, StringRef scalarName,
                unsigned registerBits)
      : OpRewritePattern<Op>(context), scalarName(scalarName),
        registerBits(registerBits) {}

  LogicalResult matchAndRewrite(Op op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<VectorType>(op.getType());
    if (!type || type.getRank() != 1 || type.isScalable() ||
        !isa<Float32Type, Float64Type>(type.getElementType()))
      return rewriter.notifyMatchFailure(op, "not a fixed vector of f32/f64");
    int64_t lanes = type.getNumElements();
    int64_t bits = lanes * type.getElementTypeBitWidth();
    char letter = bits <= registerBits ? getRegisterLetter(bits) : 0;
    if (!letter)
      return rewriter.notifyMatchFailure(op, "no libmvec function of this "
                                             "width");
    std::string name = (Twine("_ZGV") + Twine(letter) + "N" + Twine(lanes) +
                        std::string(op->getNumOperands(), 'v') + "_" +
                        scalarName + (type.getElementType().isF32() ? "f" : ""))
                           .str();
    func::FuncOp callee = getOrDeclare(op, name, rewriter);
    rewriter.replaceOpWithNewOp<func::CallOp>(op, callee, op->getOperands());
    return success();
  }

  /// The declaration of `name` in the enclosing module, made on first use.
  static func::FuncOp getOrDeclare(Op op, StringRef name,
                                   PatternRewriter &rewriter) {
    auto module = op->template getParentOfType<ModuleOp>();
    if (auto known = module.template lookupSymbol<func::FuncOp>(name))
      return known;
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(module.getBody());
    SmallVector<Type> operands(op->getNumOperands(), op.getType());
    auto function = func::FuncOp::create(
        rewriter, op.getLoc(), name,
        rewriter.getFunctionType(operands, {op.getType()}));
    function.setPrivate();
    return function;
  }

  std::string scalarName;
  unsigned registerBits;
};

/// Calls of libmvec's `name` for `Op` on vectors of at most `bits`.
template <typename Op>
void addCall(RewritePatternSet &patterns, StringRef name, unsigned bits) {
  patterns.add<MathToLibmvec<Op>>(patterns.getContext(), name, bits);
}

/// Whether glibc `version` ("2.35") is at least `major`.`minor`.
bool isAtLeast(StringRef version, unsigned major, unsigned minor) {
  auto [majorText, minorText] = version.split('.');
  unsigned haveMajor = 0, haveMinor = 0;
  if (majorText.getAsInteger(10, haveMajor) ||
      minorText.getAsInteger(10, haveMinor))
    return false;
  return haveMajor > major || (haveMajor == major && haveMinor >= minor);
}

struct ConvertMathToLibmvecPass
    : ps::impl::ConvertMathToLibmvecBase<ConvertMathToLibmvecPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    unsigned bits = registerBits;
    // glibc 2.22 has these ...
    addCall<math::SinOp>(patterns, "sin", bits);
    addCall<math::CosOp>(patterns, "cos", bits);
    addCall<math::ExpOp>(patterns, "exp", bits);
    addCall<math::LogOp>(patterns, "log", bits);
    addCall<math::PowFOp>(patterns, "pow", bits);
    // ... and glibc 2.35 these.
    if (isAtLeast(glibc, 2, 35)) {
      addCall<math::TanOp>(patterns, "tan", bits);
      addCall<math::AsinOp>(patterns, "asin", bits);
      addCall<math::AcosOp>(patterns, "acos", bits);
      addCall<math::AtanOp>(patterns, "atan", bits);
      addCall<math::SinhOp>(patterns, "sinh", bits);
      addCall<math::CoshOp>(patterns, "cosh", bits);
      addCall<math::TanhOp>(patterns, "tanh", bits);
      addCall<math::Atan2Op>(patterns, "atan2", bits);
    }
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
