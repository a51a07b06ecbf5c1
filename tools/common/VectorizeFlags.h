//===- VectorizeFlags.h - ps-vectorize's options on tool command lines ----===//
//
// The --vectorize flags that ps-run and ps-compile share. Include it in one
// file of a tool only: it defines the options.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_TOOLS_COMMON_VECTORIZEFLAGS_H
#define STENCIL_TOOLS_COMMON_VECTORIZEFLAGS_H

#include "Stencil/Runtime/NativeCode.h"

#include "llvm/Support/CommandLine.h"

namespace vectorize_flags {

static llvm::cl::OptionCategory category("Explicit SIMD (ps-vectorize)");
static llvm::cl::opt<std::string>
    isa("vectorize",
        llvm::cl::desc("Vectorize for an instruction set: sse4.2, avx2, "
                       "avx512f, neon, sve or host (default: none)"),
        llvm::cl::init(""), llvm::cl::cat(category));
static llvm::cl::opt<unsigned>
    lanes("vector-lanes",
          llvm::cl::desc("Elements per vector (0: a register's worth)"),
          llvm::cl::init(0), llvm::cl::cat(category));
static llvm::cl::opt<std::string>
    remainder("vector-remainder",
              llvm::cl::desc("The last partial vector: masked or scalar"),
              llvm::cl::init("masked"), llvm::cl::cat(category));
static llvm::cl::opt<bool>
    aligned("vector-aligned",
            llvm::cl::desc("Peel until the first store is aligned"),
            llvm::cl::init(false), llvm::cl::cat(category));
static llvm::cl::opt<bool>
    nontemporal("vector-nontemporal",
                llvm::cl::desc("Non-temporal (streaming) vector stores"),
                llvm::cl::init(false), llvm::cl::cat(category));
static llvm::cl::opt<unsigned>
    unroll("vector-unroll",
           llvm::cl::desc("Vectors per iteration of the main loop"),
           llvm::cl::init(2), llvm::cl::cat(category));

static llvm::cl::opt<bool>
    reuse("vector-reuse",
          llvm::cl::desc("Load rows read at several x offsets once and "
                         "shuffle"),
          llvm::cl::init(false), llvm::cl::cat(category));

static llvm::cl::opt<unsigned>
    jam("vector-jam",
        llvm::cl::desc("Rows of the middle loop of 3D nests per innermost "
                       "iteration (unroll-and-jam)"),
        llvm::cl::init(1), llvm::cl::cat(category));

static llvm::cl::opt<unsigned>
    blockRows("block-rows",
              llvm::cl::desc("Rows of y per block of 3D loop nests "
                             "(ps-block; 0: none)"),
              llvm::cl::init(0), llvm::cl::cat(category));

static llvm::cl::opt<bool>
    contract("fp-contract",
             llvm::cl::desc("Fuse products into the sums that use them "
                            "(ps-contract): results may differ in the last "
                            "bit"),
             llvm::cl::init(false), llvm::cl::cat(category));

inline mlir::ps::runtime::VectorizeOptions get() {
  mlir::ps::runtime::VectorizeOptions options;
  options.isa = isa;
  options.lanes = lanes;
  options.remainder = remainder;
  options.aligned = aligned;
  options.nontemporal = nontemporal;
  options.unroll = unroll;
  options.reuse = reuse;
  options.jam = jam;
  options.contract = contract;
  return options;
}

} // namespace vectorize_flags

#endif // STENCIL_TOOLS_COMMON_VECTORIZEFLAGS_H
