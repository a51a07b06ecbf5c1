//===- MathToLibmvec.cpp - Math on vectors as calls of libmvec ------------===//
//
// glibc's vector math functions follow the x86-64 vector function ABI: a
// vector of N lanes in one register, passed and returned as a C function
// with vector arguments would be. Their names say which register: b (128
// bits, SSE), d (256, AVX2), e (512, AVX-512).
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
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

/// Rewrites `Op` on f32 or f64, scalar or a vector of any width, into calls
/// of libmvec's `scalarName` (with `f` for f32) for a whole register of
/// `registerBits`: a scalar is broadcast and its lane taken back, a narrower
/// vector widened, a wider one split. The variants for different registers
/// round differently (f64 sin: 9% of the points between SSE's and
/// AVX-512's), so one variant for every point makes the results independent
/// of which points were vectorized, peeled or left to a remainder.
template <typename Op> struct MathToLibmvec : OpRewritePattern<Op> {
  MathToLibmvec(MLIRContext *context, StringRef scalarName,
                unsigned registerBits)
      : OpRewritePattern<Op>(context), scalarName(scalarName),
        registerBits(registerBits) {}

  LogicalResult matchAndRewrite(Op op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    auto vectorType = dyn_cast<VectorType>(type);
    if (vectorType && (vectorType.getRank() != 1 || vectorType.isScalable()))
      return rewriter.notifyMatchFailure(op, "not a fixed 1-D vector");
    Type element = getElementTypeOrSelf(type);
    if (!isa<Float32Type, Float64Type>(element))
      return rewriter.notifyMatchFailure(op, "not f32 or f64");
    char letter = getRegisterLetter(registerBits);
    if (!letter)
      return rewriter.notifyMatchFailure(op, "no libmvec register width");
    int64_t lanes = registerBits / element.getIntOrFloatBitWidth();
    auto wide = VectorType::get({lanes}, element);
    std::string name = (Twine("_ZGV") + Twine(letter) + "N" + Twine(lanes) +
                        std::string(op->getNumOperands(), 'v') + "_" +
                        scalarName + (element.isF32() ? "f" : ""))
                           .str();
    func::FuncOp callee = getOrDeclare(op, name, wide, rewriter);
    Location loc = op.getLoc();
    auto call = [&](ValueRange operands) {
      return func::CallOp::create(rewriter, loc, callee, operands).getResult(0);
    };
    if (!vectorType) {
      SmallVector<Value> broadcast;
      for (Value operand : op->getOperands())
        broadcast.push_back(
            vector::BroadcastOp::create(rewriter, loc, wide, operand));
      rewriter.replaceOpWithNewOp<vector::ExtractOp>(op, call(broadcast),
                                                     ArrayRef<int64_t>{0});
      return success();
    }
    int64_t total = vectorType.getNumElements();
    if (total == lanes) {
      rewriter.replaceOp(op, call(op->getOperands()));
      return success();
    }
    Value result = arith::ConstantOp::create(rewriter, loc, vectorType,
                                             rewriter.getZeroAttr(vectorType));
    for (int64_t start = 0; start < total; start += lanes) {
      int64_t count = std::min(lanes, total - start);
      SmallVector<Value> chunks;
      for (Value operand : op->getOperands())
        chunks.push_back(widen(rewriter, loc, operand, start, count, wide));
      Value chunk = call(chunks);
      if (count < lanes)
        chunk = vector::ExtractStridedSliceOp::create(rewriter, loc, chunk, {0},
                                                      {count}, {1});
      result = vector::InsertStridedSliceOp::create(rewriter, loc, chunk,
                                                    result, {start}, {1});
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  /// Lanes [start, start + count) of `vector` as a vector of type `wide`
  /// (the missing lanes repeat the first).
  static Value widen(PatternRewriter &rewriter, Location loc, Value vector,
                     int64_t start, int64_t count, VectorType wide) {
    auto type = cast<VectorType>(vector.getType());
    if (start == 0 && type.getNumElements() == wide.getNumElements())
      return vector;
    Value slice = vector;
    if (count != type.getNumElements())
      slice = vector::ExtractStridedSliceOp::create(rewriter, loc, vector,
                                                    {start}, {count}, {1});
    if (count == wide.getNumElements())
      return slice;
    SmallVector<int64_t> lanes;
    for (int64_t lane = 0; lane < wide.getNumElements(); ++lane)
      lanes.push_back(lane < count ? lane : 0);
    return vector::ShuffleOp::create(rewriter, loc, slice, slice, lanes);
  }

  /// The declaration of `name` in the enclosing module, made on first use.
  static func::FuncOp getOrDeclare(Op op, StringRef name, VectorType wide,
                                   PatternRewriter &rewriter) {
    auto module = op->template getParentOfType<ModuleOp>();
    if (auto known = module.template lookupSymbol<func::FuncOp>(name))
      return known;
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(module.getBody());
    SmallVector<Type> operands(op->getNumOperands(), wide);
    auto function =
        func::FuncOp::create(rewriter, op.getLoc(), name,
                             rewriter.getFunctionType(operands, {wide}));
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
