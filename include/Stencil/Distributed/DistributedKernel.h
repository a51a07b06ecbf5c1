//===- DistributedKernel.h - A kernel step on every rank's block -*- C++
//-*-===//
//
// A kernel written for one block, run on the blocks of a decomposition:
// compile it once (through the kernel cache), make its fields with the
// layout and ghost-layer width it iterates with, and run steps, each
// exchanging the ghost layers of the fields it reads first.
//
//   auto decomposition = Decomposition::create(MPI_COMM_WORLD, {nx, ny},
//                                              {true, true});
//   auto kernel = DistributedKernel::compile(*decomposition, source,
//                                            "jacobi2d");
//   auto src = kernel->createField("src"), dst = kernel->createField("dst");
//   src->fill([](ArrayRef<int64_t> p, ArrayRef<int64_t>) { return ...; });
//   kernel->step({{"src", &*src}, {"dst", &*dst}}, {}, {"src"});
//   std::vector<double> global = dst->gather();
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_DISTRIBUTED_DISTRIBUTEDKERNEL_H
#define STENCIL_DISTRIBUTED_DISTRIBUTEDKERNEL_H

#include "Stencil/Cache/KernelCache.h"
#include "Stencil/Distributed/GhostExchange.h"
#include "Stencil/Tuner/KernelTuner.h"

#include <map>

namespace mlir::ps::distributed {

class DistributedKernel {
public:
  /// Compiles kernel `name` of `source`. Its iteration spaces must leave
  /// one uniform ghost-layer width (that of its fields' blocks). Collective
  /// in effect: every rank gets the same answer.
  static llvm::Expected<std::unique_ptr<DistributedKernel>>
  compile(const Decomposition &decomposition, llvm::StringRef source,
          llvm::StringRef name, const cache::CacheOptions &options = {});

  int64_t getGhostLayers() const { return ghostLayers; }
  /// Exchange across faces only (no edges and corners), whatever the
  /// kernel reads. By default a field's exchange covers the directions its
  /// accesses read (getGhostReads).
  void setFacesOnly(bool facesOnly) { this->facesOnly = facesOnly; }
  /// Overlap the exchange with the update of the points that read no ghost
  /// layer: the transfers are posted, the inner points updated, then the
  /// ghost layers unpacked and the outer shell of the block updated. The
  /// kernel runs on sub-views of the blocks, so a kernel that demands an
  /// alignment or dense strides of a field cannot overlap
  /// (canOverlap); step() then exchanges first. Off by default.
  void setOverlap(bool overlap) { this->overlap = overlap; }
  bool canOverlap() const;
  const runtime::KernelInfo &getInfo() const { return kernel->getInfo(); }

  /// This rank's block of parameter `name`.
  llvm::Expected<std::unique_ptr<DistributedField>>
  createField(llvm::StringRef name) const;

  /// Finds the fastest variant of the kernel for these blocks (collective).
  /// Every rank times the tuner's candidates on copies of its own blocks at
  /// the same time, so that they share the node's memory bandwidth as
  /// their steps will; every rank then runs rank 0's choice, so that no
  /// rank's variant is slower than the others'. Each rank records its
  /// timing in the kernel cache (tuner::tune), so a later run on the same
  /// shapes and host takes the choice without timing. Returns rank 0's
  /// choice, with this rank's timing; an error on any rank is an error on
  /// every rank. Results do not change: every candidate computes the same
  /// bits.
  llvm::Expected<tuner::TuningResult>
  tune(const std::map<std::string, DistributedField *> &fields,
       const std::map<std::string, double> &scalars);

  /// Exchanges the ghost layers of the fields named in `exchange`, then runs
  /// the kernel on this rank's blocks of `fields` with `scalars`.
  llvm::Error step(const std::map<std::string, DistributedField *> &fields,
                   const std::map<std::string, double> &scalars,
                   const std::vector<std::string> &exchange);

private:
  DistributedKernel() = default;
  const Decomposition *decomposition = nullptr;
  /// What the kernel was compiled from, for tune().
  std::string source, name;
  cache::CacheOptions options;
  std::shared_ptr<runtime::KernelModule> module;
  const runtime::Kernel *kernel = nullptr;
  int64_t ghostLayers = 0;
  bool facesOnly = false, overlap = false;
  /// What each field's accesses read (getGhostReads).
  std::map<std::string, std::vector<GhostRead>> ghostReads;
  /// The kernel's module compiled with `optionsText` (CompileOptions::str()).
  llvm::Expected<std::shared_ptr<runtime::KernelModule>>
  compileWith(llvm::StringRef optionsText) const;
  /// The arguments of a call on the blocks of `fields`, or on their views
  /// of [start, start + extent) where `start` is not empty.
  static runtime::ArgumentList
  argumentsOf(const std::map<std::string, DistributedField *> &fields,
              const std::map<std::string, double> &scalars,
              llvm::ArrayRef<int64_t> start, llvm::ArrayRef<int64_t> extent);
  llvm::Error runOn(const std::map<std::string, DistributedField *> &fields,
                    const std::map<std::string, double> &scalars,
                    llvm::ArrayRef<int64_t> start,
                    llvm::ArrayRef<int64_t> extent);
  llvm::Error
  runOverlapped(const std::map<std::string, DistributedField *> &fields,
                const std::map<std::string, double> &scalars,
                llvm::ArrayRef<GhostExchange *> exchanging);
  /// Prepared exchanges, per field.
  std::map<DistributedField *, std::unique_ptr<GhostExchange>> exchanges;
};

/// The ghost layers each field of kernel `name` reads, by direction
/// (entries -1, 0, 1), with the components read there: a load at offsets o
/// reads the ghost region of direction d when every non-zero d_i has the
/// sign of o_i. Jacobi's 5-point stencil reads the 4 faces, D3Q19 the faces
/// and edges (18 of 26), 5 of its 19 populations across a face and 1
/// across an edge; box27 reads all 26.
llvm::Expected<std::map<std::string, std::vector<GhostRead>>>
getGhostReads(llvm::StringRef source, llvm::StringRef name);

/// The uniform ghost-layer width every iteration space of kernel `name`
/// leaves, or an error saying why there is none.
llvm::Expected<int64_t> getKernelGhostLayers(llvm::StringRef source,
                                             llvm::StringRef name);

} // namespace mlir::ps::distributed

#endif // STENCIL_DISTRIBUTED_DISTRIBUTEDKERNEL_H
