//===- NativeCode.h - Machine code from lowered ps modules ------*- C++ -*-===//
//
// The ahead-of-time half of the run-time: from a module of ps kernels to an
// object file or a shared library whose kernels a caller reaches through
// packed entry points, the same convention the JIT uses.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_RUNTIME_NATIVECODE_H
#define STENCIL_RUNTIME_NATIVECODE_H

#include "Stencil/Runtime/KernelInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir::ps::runtime {

/// The machine a module is compiled for; empty fields mean the host's.
struct TargetDescription {
  std::string triple, cpu, features;
  /// Fills the empty fields with the host's triple, CPU and features.
  TargetDescription resolved() const;
  /// One line, for signatures and logs.
  std::string str() const;
};

/// Collects the diagnostics of a context while alive, to return them in an
/// error or keep them in a build log.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(MLIRContext &context);
  ~DiagnosticCollector();
  const std::string &getText() const { return text; }
  /// "<stage> failed:" and the diagnostics.
  llvm::Error error(llvm::StringRef stage) const;

private:
  std::string text;
  uint64_t handlerId;
  MLIRContext &context;
};

/// A context with the ps dialect, the dialects it lowers to and their
/// translations to LLVM IR.
std::unique_ptr<MLIRContext> createCompilerContext();

/// How lowered kernels use OpenMP threads (ps-parallelize's options).
struct ParallelOptions {
  /// -1: sequential; 0: the OpenMP run-time decides (OMP_NUM_THREADS); N.
  int threads = -1;
  std::string schedule = "static";
  unsigned chunk = 0;
  int dim = -1;
  /// ps-block: rows of y per block of 3D nests (0: none). The block loop
  /// becomes the outermost loop, the one the threads split.
  unsigned blockRows = 0;
  bool enabled() const { return threads >= 0; }
  /// One line, for signatures and keys.
  std::string str() const;
};

/// How lowered kernels use SIMD instructions (ps-vectorize's options).
struct VectorizeOptions {
  /// The instruction set (sse4.2, avx2, avx512f, neon, sve, host); empty:
  /// no ps-vectorize, LLVM's auto-vectorizer only.
  std::string isa;
  unsigned lanes = 0;
  std::string remainder = "masked";
  bool aligned = false;
  bool nontemporal = false;
  unsigned unroll = 2;
  /// Rows read at several x offsets are loaded once and shuffled.
  bool reuse = false;
  /// Rows of the middle loop of 3D nests computed together (unroll-and-jam).
  unsigned jam = 1;
  /// Fused multiply-adds for `a * b + c` (ps-contract), in vector and scalar
  /// code alike; results may differ in the last bit from the strict order.
  bool contract = false;
  bool enabled() const { return !isa.empty(); }
  /// One line, for signatures and keys.
  std::string str() const;
};

/// The OpenMP run-time library that parallel kernels call.
const char *getOpenMPLibraryPath();

/// The symbol of a kernel's packed entry point in compiled libraries: a
/// `void(void **)` that takes pointers to the lowered arguments, as
/// ExecutionEngine::invokePacked does.
std::string getPackedEntryName(llvm::StringRef kernel);

/// Prepares `module` (typify, analyse, simplify), describes its kernels,
/// and lowers it to the LLVM dialect for `target`. An instruction set the
/// host lacks is an error when `target` is the host.
FailureOr<std::vector<KernelInfo>>
prepareAndLower(ModuleOp module, const TargetDescription &target,
                const ParallelOptions &parallel = {},
                const VectorizeOptions &vectorize = {});

/// Translates a lowered module to optimized LLVM IR for `machine`, with a
/// packed entry point per kernel.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateAndOptimize(ModuleOp module, llvm::ArrayRef<KernelInfo> kernels,
                     llvm::LLVMContext &context, llvm::TargetMachine &machine,
                     unsigned optLevel);

/// A target machine for `target` (resolved), position independent.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetDescription &target, unsigned optLevel);

/// Emits an object file or assembly.
llvm::Error emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                            llvm::StringRef path, bool assembly);

/// Links an object file into a shared library with ld.lld-22 (or `linker`),
/// against the OpenMP run-time if `openMP`.
llvm::Error linkSharedLibrary(llvm::StringRef object, llvm::StringRef output,
                              llvm::StringRef linker = "", bool openMP = false);

} // namespace mlir::ps::runtime

#endif // STENCIL_RUNTIME_NATIVECODE_H
