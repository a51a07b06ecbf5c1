//===- CacheFlags.h - The kernel cache as tool flags ------------*- C++ -*-===//
//
// `--cache` makes ps-run and ps-compile get compiled kernels through the
// persistent kernel cache, configured as for the C++ API ($PS_CACHE_DIR,
// $PS_CACHE_DISABLE, ps-cache.conf; docs/Cache.md); `--cache-report` says
// on stderr how the cache served the module.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_TOOLS_COMMON_CACHEFLAGS_H
#define STENCIL_TOOLS_COMMON_CACHEFLAGS_H

#include "CodegenFlags.h"
#include "Stencil/Cache/KernelCache.h"

#include "llvm/Support/raw_ostream.h"

namespace cache_flags {

inline llvm::cl::opt<bool> &enabled() {
  static llvm::cl::opt<bool> flag(
      "cache",
      llvm::cl::desc("Get the compiled kernels through the persistent kernel "
                     "cache ($PS_CACHE_DIR, ps-cache.conf; see docs/Cache.md)"),
      llvm::cl::cat(codegen_flags::toolCategory()));
  return flag;
}

inline llvm::cl::opt<bool> &report() {
  static llvm::cl::opt<bool> flag(
      "cache-report",
      llvm::cl::desc("With --cache, print how the cache served the module"),
      llvm::cl::cat(codegen_flags::toolCategory()));
  return flag;
}

/// Declares the flags; call before codegen_flags::parse.
inline void declare() {
  enabled();
  report();
}

/// Prints `tool: cache: <outcome>` on stderr if --cache-report is given.
inline void printOutcome(llvm::StringRef tool,
                         mlir::ps::cache::Outcome outcome) {
  if (report())
    llvm::errs() << tool << ": cache: " << mlir::ps::cache::toString(outcome)
                 << "\n";
}

} // namespace cache_flags

#endif // STENCIL_TOOLS_COMMON_CACHEFLAGS_H
