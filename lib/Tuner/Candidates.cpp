//===- Candidates.cpp - The variants a tuner times ------------------------===//
//
// The cost model, as docs/Rationale.md explains it: on x86 and AArch64 the
// memory-bound stencils run fastest with explicit SIMD of the widest
// instruction set and, for arrays larger than the caches, streaming stores
// that skip the write-allocate read; compute-heavy ones (box27, star19)
// want more independent vectors in flight (unroll 4); 3D kernels whose
// planes do not fit the L2 gain from blocking rows or jamming two rows (or
// planes of rows);
// and sometimes LLVM's own vectorizer wins after all.
// Which of these wins cannot be told without the shapes and the machine,
// so the tuner times this short list rather than predicting one.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Tuner/KernelTuner.h"

#include "Stencil/Conversion/Vectorize/InstructionSets.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir::ps;
using namespace mlir::ps::tuner;

/// The options that differ from the defaults, as `a=1 b=2`: all a parse
/// from the defaults needs, and what a reader wants to see.
static std::string getChangedOptions(const cache::CacheOptions &options) {
  llvm::SmallVector<llvm::StringRef> pairs, defaultPairs;
  std::string text = options.str(), defaults = cache::CacheOptions().str();
  llvm::StringRef(text).trim("{}").split(pairs, ' ', -1, false);
  llvm::StringRef(defaults).trim("{}").split(defaultPairs, ' ', -1, false);
  std::vector<std::string> changed;
  for (llvm::StringRef pair : pairs)
    if (!llvm::is_contained(defaultPairs, pair))
      changed.push_back(pair.str());
  return llvm::join(changed, " ");
}

/// What every candidate keeps of `base`: the target, the threads and their
/// schedule, contraction and the optimization settings. The code
/// generation (ps-vectorize's options, blocking) is each candidate's own:
/// a streaming `base` must not make every candidate stream, and LLVM's
/// vectorizer takes no ps-vectorize option at all.
static cache::CacheOptions getKeptOptions(const cache::CacheOptions &base) {
  cache::CacheOptions kept;
  kept.triple = base.triple.getValue();
  kept.cpu = base.cpu.getValue();
  kept.features = base.features.getValue();
  kept.threads = base.threads.getValue();
  kept.schedule = base.schedule.getValue();
  kept.chunk = base.chunk.getValue();
  kept.parallelDim = base.parallelDim.getValue();
  kept.optimize = base.optimize.getValue();
  kept.contract = base.contract.getValue();
  kept.optLevel = base.optLevel.getValue();
  return kept;
}

std::vector<Candidate>
mlir::ps::tuner::getCandidates(unsigned spatialRank,
                               const cache::CacheOptions &base) {
  std::vector<Candidate> candidates;
  candidates.push_back({"as-given", getChangedOptions(base)});
  auto add = [&](std::string name, llvm::StringRef changes) {
    cache::CacheOptions options = getKeptOptions(base);
    if (failed(options.parseFromString(changes)))
      return;
    candidates.push_back({std::move(name), getChangedOptions(options)});
  };
  std::string isa = base.vectorize.getValue();
  bool asGivenIsLLVM = isa.empty() || isa == "none";
  // The default without its software prefetch, which cost heat3d 4-10% at
  // edges whose rows are not whole cache lines, without its streaming
  // stores (a threshold of 4 TiB), which cost it 20% at 258^3, and with one
  // vector per iteration of memory-bound loops, 1.14-1.44x on heat3d at
  // 258^3 on one thread but 0.69x on star19 there, and with row reuse,
  // 1.02-1.17x on star19 at 258^3 (rows loaded from aligned addresses on
  // fields of fixed shape) but 0.87x on heat3d (bench/README.md), and for
  // 3D kernels in blocks of 64 rows, 1.21-1.28x on heat3d at 256^3 but
  // 0.65x at 258^3 (bench/README.md, "Blocking heat3d").
  if (isa == "auto" && base.triple.empty()) {
    if (base.prefetch == -1)
      add("auto-no-prefetch", "vectorize=auto prefetch=0");
    if (base.streamingAbove == 0 && !base.nontemporal)
      add("auto-no-streaming", "vectorize=auto streaming-above=4294967295");
    if (base.unroll == 2)
      add("auto-u1", "vectorize=auto unroll=1");
    if (!base.reuse)
      add("auto-reuse", "vectorize=auto reuse=true");
    if (spatialRank == 3 && base.blockRows == 0)
      add("auto-blk", "vectorize=auto block-rows=64");
  }
  if (isa.empty() || isa == "auto" || isa == "none") {
    std::optional<InstructionSet> host = getHostInstructionSet();
    if (!host || !base.triple.empty())
      return candidates; // nothing to vectorize with for sure
    isa = host->name.str();
  }
  std::string simd = "vectorize=" + isa;
  add("simd", simd + " unroll=2");
  add("simd-u4", simd + " unroll=4");
  add("simd-nt", simd + " unroll=2 aligned=true nontemporal=true");
  if (spatialRank == 3) {
    add("simd-blk", simd + " unroll=2 block-rows=32");
    add("simd-jam2", simd + " unroll=2 jam=2");
    // 2 planes of 3 rows, one vector each: a third fewer loads than the
    // default's jam of rows for box27, 0.93-1.07x its speed on the Zen 5
    // machine (docs/Rationale.md), so timed rather than chosen.
    add("simd-jam-planes", simd + " unroll=1 jam=3 jam-planes=2");
  }
  // LLVM's vectorizer keeps one vector per iteration for box27 on AVX-512,
  // which beat every ps-vectorize variant on two threads of the Zen 5
  // machine (bench/README.md). Last, so that a tie keeps the others.
  if (!asGivenIsLLVM)
    add("llvm", "vectorize=none");
  return candidates;
}
