//===- InstructionSets.h - SIMD instruction sets ps-vectorize knows -*- C++
//-*-//
//
// The instruction sets that ps-vectorize targets: register width, whether the
// width is scalable, the LLVM target features that enable them, and which
// of them the compiling machine has.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_CONVERSION_VECTORIZE_INSTRUCTIONSETS_H
#define STENCIL_CONVERSION_VECTORIZE_INSTRUCTIONSETS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/LogicalResult.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::ps {

struct InstructionSet {
  llvm::StringRef name;
  /// Bits in a vector register; for scalable sets, the minimum (one vscale).
  unsigned registerBits;
  /// SVE: the register width is vscale x registerBits, known at run time.
  bool scalable;
  /// The architecture that has it: "x86_64" or "aarch64".
  llvm::StringRef arch;
  /// LLVM target features that enable it, comma-separated.
  llvm::StringRef features;
  /// Hardware gathers (loads of lanes at any offsets) and scatters: what
  /// accesses with a stride in x need to be worth vectorizing.
  bool gathers;
  bool scatters;
  /// Vector registers the compiler allocates from (zmm0-31, ymm0-15, ...).
  unsigned registers;
};

/// The instruction set called `name` (sse4.2, avx2, avx512f, neon, sve).
std::optional<InstructionSet> lookupInstructionSet(llvm::StringRef name);

/// The names of every known instruction set, for diagnostics.
std::string getInstructionSetNames();

/// The instruction sets the compiling machine's CPU has, widest first.
std::vector<InstructionSet> getHostInstructionSets();

/// The widest instruction set of the host, if it has any.
std::optional<InstructionSet> getHostInstructionSet();

/// KiB from which arrays are taken not to stay in the host's caches between
/// sweeps: the last-level cache as Linux reports it, at most 64 MiB
/// (virtual machines report the whole host's), 32 MiB where it is not
/// known.
unsigned getHostStreamingThresholdKiB();

/// The farthest ps-vectorize prefetches ahead: 64 KiB, beyond any L1
/// cache, so that a line fetched is used before it is evicted.
constexpr unsigned kMaxPrefetchBytes = 65536;

/// Checks the numeric options of ps-vectorize (lanes a power of two up to
/// 256 or 0, unroll 1-16, jam 1-8, jam-planes 1-4, prefetch -1 (the cost
/// model's choice) up to kMaxPrefetchBytes): the pass and the
/// pipelines that build it report a value out of range with the same words.
llvm::LogicalResult checkVectorizeRanges(
    unsigned lanes, unsigned unroll, unsigned jam, unsigned jamPlanes,
    int prefetch,
    llvm::function_ref<llvm::LogicalResult(const llvm::Twine &)> error);

} // namespace mlir::ps

#endif // STENCIL_CONVERSION_VECTORIZE_INSTRUCTIONSETS_H
