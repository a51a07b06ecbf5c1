//===- InstructionSets.cpp - SIMD instruction sets ps-vectorize knows -----===//

#include "Stencil/Conversion/Vectorize/InstructionSets.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
using namespace mlir::ps;

/// Widest first within an architecture, which is the order `host` tries.
static const InstructionSet kInstructionSets[] = {
    {"avx512f", 512, false, "x86_64", "+avx512f,+avx2,+fma", true, true, 32},
    {"avx2", 256, false, "x86_64", "+avx2,+fma", true, false, 16},
    {"sse4.2", 128, false, "x86_64", "+sse4.2", false, false, 16},
    {"sve", 128, true, "aarch64", "+sve", true, true, 32},
    {"neon", 128, false, "aarch64", "+neon", false, false, 32},
};

std::optional<InstructionSet>
mlir::ps::lookupInstructionSet(llvm::StringRef name) {
  for (const InstructionSet &set : kInstructionSets)
    if (set.name == name)
      return set;
  return std::nullopt;
}

std::string mlir::ps::getInstructionSetNames() {
  std::string names;
  llvm::raw_string_ostream os(names);
  for (const InstructionSet &set : kInstructionSets)
    os << set.name << ", ";
  os << "host";
  return names;
}

std::vector<InstructionSet> mlir::ps::getHostInstructionSets() {
  llvm::Triple host(llvm::sys::getProcessTriple());
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  auto has = [&](llvm::StringRef feature) { return features.lookup(feature); };
  std::vector<InstructionSet> result;
  for (const InstructionSet &set : kInstructionSets) {
    if (host.getArchName() != set.arch &&
        !(set.arch == "aarch64" && host.isAArch64()))
      continue;
    bool available = false;
    if (set.name == "avx512f")
      available = has("avx512f");
    else if (set.name == "avx2")
      available = has("avx2") && has("fma");
    else if (set.name == "sse4.2")
      available = has("sse4.2");
    else if (set.name == "sve")
      available = has("sve");
    else if (set.name == "neon")
      available = has("neon") || host.isAArch64();
    if (available)
      result.push_back(set);
  }
  return result;
}

unsigned mlir::ps::getHostStreamingThresholdKiB() {
  unsigned largestKiB = 0;
  for (int index = 0; index < 8; ++index) {
    auto size =
        llvm::MemoryBuffer::getFile("/sys/devices/system/cpu/cpu0/cache/index" +
                                        std::to_string(index) + "/size",
                                    /*IsText=*/true);
    if (!size)
      break;
    unsigned kib = 0;
    llvm::StringRef text = (*size)->getBuffer().trim();
    if (text.consume_back("K") && !text.getAsInteger(10, kib))
      largestKiB = std::max(largestKiB, kib);
  }
  if (largestKiB == 0)
    return 32u << 10;
  return std::min(largestKiB, 64u << 10);
}

std::optional<InstructionSet> mlir::ps::getHostInstructionSet() {
  std::vector<InstructionSet> sets = getHostInstructionSets();
  if (sets.empty())
    return std::nullopt;
  return sets.front();
}

llvm::LogicalResult mlir::ps::checkVectorizeRanges(
    unsigned lanes, unsigned unroll, unsigned jam, unsigned jamPlanes,
    int prefetch,
    llvm::function_ref<llvm::LogicalResult(const llvm::Twine &)> error) {
  if (lanes > 256 || (lanes & (lanes - 1)) != 0)
    return error("lanes " + llvm::Twine(lanes) +
                 " is not 0 or a power of two up to 256");
  if (unroll < 1 || unroll > 16)
    return error("unroll " + llvm::Twine(unroll) + " is not between 1 and 16");
  if (jam < 1 || jam > 8)
    return error("jam " + llvm::Twine(jam) + " is not between 1 and 8");
  if (jamPlanes < 1 || jamPlanes > 4)
    return error("jam-planes " + llvm::Twine(jamPlanes) +
                 " is not between 1 and 4");
  if (prefetch < -1 || prefetch > int(kMaxPrefetchBytes))
    return error("prefetch " + llvm::Twine(prefetch) +
                 " is not between 0 and " + llvm::Twine(kMaxPrefetchBytes) +
                 " bytes (or -1, the cost model's choice)");
  return llvm::success();
}
