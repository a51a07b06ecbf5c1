//===- MathToLibmvec.cpp - Math on vectors as calls of libmvec ------------===//
//
// glibc's vector math functions follow the vector function ABI of their
// architecture: a vector of N lanes in one register, passed and returned as
// a C function with vector arguments would be. Their names say which
// register: on x86-64 b (128 bits, SSE), d (256, AVX2), e (512, AVX-512); on
// AArch64 n (AdvSIMD, 128 bits) and s (SVE, scalable, with a mask operand).
//
//===----------------------------------------------------------------------===//

#include "Stencil/Conversion/Passes.h"

#include "Stencil/Conversion/MathToLibmvec/LibmvecFunctions.h"

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

/// The registers the functions are called for: which architecture's vector
/// function ABI, how wide, and whether they are SVE's scalable ones.
struct Registers {
  bool aarch64;
  unsigned bits;
  bool scalable;

  /// The register letter of the vector function ABI, or 0 where glibc has no
  /// functions for these registers.
  char getLetter() const {
    if (aarch64)
      return bits != 128 ? 0 : scalable ? 's' : 'n';
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
};

/// Rewrites `Op` on f32 or f64, scalar or a vector of any width, into calls
/// of libmvec's `scalarName` (with `f` for f32) for a whole register of
/// `registerBits`: a scalar is broadcast and its lane taken back, a narrower
/// vector widened, a wider one split. The variants for different registers
/// round differently (f64 sin: 9% of the points between SSE's and
/// AVX-512's), so one variant for every point makes the results independent
/// of which points were vectorized, peeled or left to a remainder.
template <typename Op> struct MathToLibmvec : OpRewritePattern<Op> {
  MathToLibmvec(MLIRContext *context, StringRef scalarName, Registers registers)
      : OpRewritePattern<Op>(context), scalarName(scalarName),
        registers(registers) {}

  LogicalResult matchAndRewrite(Op op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    auto vectorType = dyn_cast<VectorType>(type);
    if (vectorType && (vectorType.getRank() != 1 ||
                       vectorType.isScalable() != registers.scalable))
      return rewriter.notifyMatchFailure(op, registers.scalable
                                                 ? "not a scalable 1-D vector"
                                                 : "not a fixed 1-D vector");
    Type element = getElementTypeOrSelf(type);
    if (!isa<Float32Type, Float64Type>(element))
      return rewriter.notifyMatchFailure(op, "not f32 or f64");
    char letter = registers.getLetter();
    if (!letter)
      return rewriter.notifyMatchFailure(op, "no libmvec register width");
    int64_t lanes = registers.bits / element.getIntOrFloatBitWidth();
    auto wide = VectorType::get({lanes}, element, {registers.scalable});
    if (registers.scalable && vectorType && vectorType != wide)
      return rewriter.notifyMatchFailure(op, "not one scalable register");
    // SVE's functions are masked ("M", lanes "x": as many as the register
    // holds) and take the mask last; every lane is wanted.
    std::string name =
        (Twine("_ZGV") + Twine(letter) +
         (registers.scalable ? Twine("Mx") : "N" + Twine(lanes)) +
         std::string(op->getNumOperands(), 'v') + "_" + scalarName +
         (element.isF32() ? "f" : ""))
            .str();
    func::FuncOp callee = getOrDeclare(op, name, wide, rewriter);
    Location loc = op.getLoc();
    auto call = [&](ValueRange operands) {
      SmallVector<Value> arguments(operands);
      if (registers.scalable) {
        auto maskType = VectorType::get({lanes}, rewriter.getI1Type(), {true});
        arguments.push_back(arith::ConstantOp::create(
            rewriter, loc, maskType,
            DenseElementsAttr::get(maskType, rewriter.getBoolAttr(true))));
      }
      return func::CallOp::create(rewriter, loc, callee, arguments)
          .getResult(0);
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
    if (registers.scalable) {
      rewriter.replaceOp(op, call(op->getOperands()));
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
    if (wide.isScalable())
      operands.push_back(
          VectorType::get(wide.getShape(), rewriter.getI1Type(), {true}));
    auto function =
        func::FuncOp::create(rewriter, op.getLoc(), name,
                             rewriter.getFunctionType(operands, {wide}));
    function.setPrivate();
    return function;
  }

  std::string scalarName;
  Registers registers;
};

/// Whether glibc `version` ("2.35") is at least `major`.`minor`.
bool isAtLeast(StringRef version, unsigned major, unsigned minor) {
  auto [majorText, minorText] = version.split('.');
  unsigned haveMajor = 0, haveMinor = 0;
  if (majorText.getAsInteger(10, haveMajor) ||
      minorText.getAsInteger(10, haveMinor))
    return false;
  return haveMajor > major || (haveMajor == major && haveMinor >= minor);
}

/// A function of libmvec, the operation it computes and the glibc versions
/// (major, minor) that brought it for x86-64 and for AArch64.
struct Function {
  const char *operation, *name;
  unsigned x86[2], aarch64[2];
};

/// What glibc's Versions files of sysdeps/x86_64/fpu and sysdeps/aarch64/fpu
/// list, for the functions the math dialect has.
constexpr Function kFunctions[] = {
    {"math.sin", "sin", {2, 22}, {2, 38}},
    {"math.cos", "cos", {2, 22}, {2, 38}},
    {"math.exp", "exp", {2, 22}, {2, 38}},
    {"math.log", "log", {2, 22}, {2, 38}},
    {"math.powf", "pow", {2, 22}, {2, 40}},
    {"math.tan", "tan", {2, 35}, {2, 39}},
    {"math.asin", "asin", {2, 35}, {2, 39}},
    {"math.acos", "acos", {2, 35}, {2, 39}},
    {"math.atan", "atan", {2, 35}, {2, 39}},
    {"math.atan2", "atan2", {2, 35}, {2, 39}},
    {"math.sinh", "sinh", {2, 35}, {2, 40}},
    {"math.cosh", "cosh", {2, 35}, {2, 40}},
    {"math.tanh", "tanh", {2, 35}, {2, 40}},
};

/// Whether `glibc` has `function` on `abi`.
bool hasFunction(const Function &function, StringRef abi, StringRef glibc) {
  const unsigned *since = abi == "aarch64" ? function.aarch64 : function.x86;
  return isAtLeast(glibc, since[0], since[1]);
}

/// Adds the pattern of `Op` as a call of its function if `glibc` has it.
template <typename Op>
void addCall(RewritePatternSet &patterns, StringRef abi, StringRef glibc,
             Registers registers) {
  for (const Function &function : kFunctions)
    if (function.operation == Op::getOperationName() &&
        hasFunction(function, abi, glibc))
      patterns.add<MathToLibmvec<Op>>(patterns.getContext(), function.name,
                                      registers);
}

/// addCall for each of `Ops`.
template <typename... Ops>
void addCalls(RewritePatternSet &patterns, StringRef abi, StringRef glibc,
              Registers registers) {
  (addCall<Ops>(patterns, abi, glibc, registers), ...);
}

struct ConvertMathToLibmvecPass
    : ps::impl::ConvertMathToLibmvecBase<ConvertMathToLibmvecPass> {
  using Base::Base;

  void runOnOperation() override {
    if (abi != "x86_64" && abi != "aarch64") {
      emitError(getOperation().getLoc()) << "convert-math-to-libmvec: abi '"
                                         << abi << "' is not x86_64 or aarch64";
      return signalPassFailure();
    }
    if (scalable && abi != "aarch64") {
      emitError(getOperation().getLoc())
          << "convert-math-to-libmvec: scalable registers are SVE's: they "
             "need abi=aarch64";
      return signalPassFailure();
    }
    Registers registers{abi == "aarch64", registerBits, scalable};
    std::string version = ps::resolveLibmvecGlibc(abi, glibc);
    RewritePatternSet patterns(&getContext());
    addCalls<math::SinOp, math::CosOp, math::ExpOp, math::LogOp, math::PowFOp,
             math::TanOp, math::AsinOp, math::AcosOp, math::AtanOp,
             math::Atan2Op, math::SinhOp, math::CoshOp, math::TanhOp>(
        patterns, abi, version, registers);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

std::string mlir::ps::resolveLibmvecGlibc(StringRef abi, StringRef glibc) {
  if (!glibc.empty())
    return glibc.str();
  return abi == "aarch64" ? "2.38" : "2.22";
}

std::vector<std::string> mlir::ps::getLibmvecOperations(StringRef abi,
                                                        StringRef glibc) {
  std::string version = resolveLibmvecGlibc(abi, glibc);
  std::vector<std::string> operations;
  for (const Function &function : kFunctions)
    if (hasFunction(function, abi, version))
      operations.push_back(function.operation);
  return operations;
}
