//===- Passes.h - Pipelines of the ps dialect -------------------*- C++ -*-===//

#ifndef STENCIL_PIPELINES_PASSES_H
#define STENCIL_PIPELINES_PASSES_H

#include "Stencil/Conversion/CodegenEnums.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::ps {

/// Pass pipeline options that can be printed and turned into command-line
/// flags of a tool, and copied (upstream's PassOptions cannot be, for the
/// option objects register themselves with their owner). The C++ API, the tools
/// and the caches take their code generation options in this form, so that each
/// option is declared once, in the pipeline.
///
/// The copy constructor belongs in the most derived class (see
/// LowerToLLVMPipelineOptions): the options must exist before their values
/// are copied, and they are members of that class.
template <typename Derived>
struct CopyablePipelineOptions : public PassPipelineOptions<Derived> {
  /// The options as `name=value` pairs, as the pipeline text takes them.
  std::string str() const {
    std::string text;
    llvm::raw_string_ostream os(text);
    this->print(os);
    return text;
  }

  /// Makes every option also a flag of the tool's command line
  /// (`--vectorize=avx2`), listed under `category` in --help, writing into
  /// this object. Call it once, before llvm::cl::ParseCommandLineOptions. A
  /// global LLVM option of the same name (libLLVM has a `--threads`) gives
  /// way: in the tool the name means the pipeline's option.
  void addToCommandLine(llvm::cl::OptionCategory &category) {
    llvm::SmallVector<llvm::cl::Option *> options;
    for (auto &entry : this->OptionsMap)
      options.push_back(entry.second);
    auto &global = llvm::cl::getRegisteredOptions();
    for (llvm::cl::Option *option : options) {
      auto clash = global.find(option->ArgStr);
      if (clash != global.end() && clash->second != option)
        clash->second->removeArgument();
      option->removeArgument();
      option->addSubCommand(llvm::cl::SubCommand::getTopLevel());
      option->addCategory(category);
      option->addArgument();
    }
  }
};

/// Options of ps-lower-to-llvm-pipeline, which are also the code generation
/// options of the CPU run-time (JitModule, KernelCache, ps-run, ps-compile).
struct LowerToLLVMPipelineOptions
    : public CopyablePipelineOptions<LowerToLLVMPipelineOptions> {
  LowerToLLVMPipelineOptions() = default;
  LowerToLLVMPipelineOptions(const LowerToLLVMPipelineOptions &other)
      : LowerToLLVMPipelineOptions() {
    copyOptionValuesFrom(other);
  }
  LowerToLLVMPipelineOptions &
  operator=(const LowerToLLVMPipelineOptions &other) {
    copyOptionValuesFrom(other);
    return *this;
  }

  PassOptions::Option<std::string> triple{
      *this, "triple", llvm::cl::desc("Target triple (default: the host's)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> cpu{
      *this, "cpu", llvm::cl::desc("Target CPU (default: the host's)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("Target features, e.g. +avx2,+fma (default: the host "
                     "CPU's; for the host's CPU, added to those it has)"),
      llvm::cl::init("")};
  PassOptions::Option<int> threads{
      *this, "threads",
      llvm::cl::desc("OpenMP threads: -1 runs sequentially (the default), 0 "
                     "leaves the number to the OpenMP run-time "
                     "(OMP_NUM_THREADS), N uses N threads"),
      llvm::cl::init(-1)};
  PassOptions::Option<std::string> schedule{
      *this, "schedule",
      llvm::cl::desc("OpenMP loop schedule: static or dynamic"),
      llvm::cl::init("static")};
  PassOptions::Option<unsigned> chunk{
      *this, "chunk", llvm::cl::desc("OpenMP schedule chunk (0: default)"),
      llvm::cl::init(0)};
  PassOptions::Option<int> parallelDim{
      *this, "parallel-dim",
      llvm::cl::desc("Spatial dimension whose loop the threads split (-1: "
                     "the outermost)"),
      llvm::cl::init(-1)};
  PassOptions::Option<unsigned> blockRows{
      *this, "block-rows",
      llvm::cl::desc("ps-block: rows of y per block of a 3D loop nest (0, "
                     "the default: no blocking)"),
      llvm::cl::init(0)};
  PassOptions::Option<std::string> vectorize{
      *this, "vectorize",
      llvm::cl::desc("ps-vectorize's instruction set (sse4.2, avx2, avx512f, "
                     "neon, sve, host), or auto (the default): the cost "
                     "model's choice for the host CPU (docs/Rationale.md), "
                     "its widest set with the unrolling, streaming stores "
                     "and blocking each loop needs, without remarks; none "
                     "(or empty, or a compile for another CPU with auto) "
                     "leaves the loops to LLVM's auto-vectorizer"),
      llvm::cl::init("auto")};
  PassOptions::Option<unsigned> lanes{
      *this, "lanes",
      llvm::cl::desc("ps-vectorize: elements per vector (0: a register)"),
      llvm::cl::init(0)};
  PassOptions::Option<VectorRemainder> remainder{
      *this, "remainder",
      llvm::cl::desc("ps-vectorize: the partial vectors (the last, and on x86 "
                     "the peel's), masked or scalar"),
      llvm::cl::init(VectorRemainder::Masked), getVectorRemainderValues()};
  PassOptions::Option<bool> aligned{
      *this, "aligned",
      llvm::cl::desc("ps-vectorize: peel until the first store is aligned"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> nontemporal{
      *this, "nontemporal",
      llvm::cl::desc("ps-vectorize: non-temporal (streaming) vector stores"),
      llvm::cl::init(false)};
  PassOptions::Option<unsigned> unroll{
      *this, "unroll",
      llvm::cl::desc("ps-vectorize: vectors per main-loop iteration"),
      llvm::cl::init(2)};
  PassOptions::Option<bool> reuse{
      *this, "reuse",
      llvm::cl::desc("ps-vectorize: load rows read at several x offsets once "
                     "and shuffle"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> alignRows{
      *this, "align-rows",
      llvm::cl::desc("ps-vectorize: row reuse (reuse, or vectorize=auto's "
                     "where rows straddle vectors) loads rows from the "
                     "store's offset in a vector where strides allow"),
      llvm::cl::init(true)};
  PassOptions::Option<unsigned> jam{
      *this, "jam",
      llvm::cl::desc("ps-vectorize: rows of the middle loop of 3D nests per "
                     "innermost iteration, sharing their loads"),
      llvm::cl::init(1)};
  PassOptions::Option<unsigned> jamPlanes{
      *this, "jam-planes",
      llvm::cl::desc("ps-vectorize: planes of the outermost loop of 3D nests "
                     "per innermost iteration, sharing their loads"),
      llvm::cl::init(1)};
  PassOptions::Option<int> prefetch{
      *this, "prefetch",
      llvm::cl::desc("ps-vectorize: software prefetch this many bytes ahead "
                     "of the rows each main vector loop reads first from "
                     "memory (0: none; -1: vectorize=auto's choice, 4096 "
                     "in memory-bound loops, else none)"),
      llvm::cl::init(-1)};
  PassOptions::Option<VectorGather> gather{
      *this, "gather",
      llvm::cl::desc("ps-vectorize: accesses with a stride in x as gathers "
                     "and scatters where the instruction set has them "
                     "(never, runtime: strides known only at run time, "
                     "always)"),
      llvm::cl::init(VectorGather::Runtime), getVectorGatherValues()};
  PassOptions::Option<unsigned> streamingAbove{
      *this, "streaming-above",
      llvm::cl::desc("ps-vectorize: streaming stores, chosen at run time, "
                     "for loops storing to arrays of at least this many KiB "
                     "(0: only as nontemporal says; vectorize=auto: the "
                     "host's last-level cache, at most 64 MiB)"),
      llvm::cl::init(0)};
  PassOptions::Option<VectorMath> vectorMath{
      *this, "vector-math",
      llvm::cl::desc("What sin, cos, tan, asin, acos, atan, atan2, sinh, "
                     "cosh, tanh, exp, log and pow on vectors call: libm "
                     "(the default), its scalar function for each lane, as "
                     "the scalar kernel does; libmvec, glibc's vector "
                     "functions (x86-64; within 4 ulp, not the scalar "
                     "kernel's results bit for bit)"),
      llvm::cl::init(VectorMath::Libm), getVectorMathValues()};
  PassOptions::Option<bool> optimize{
      *this, "optimize",
      llvm::cl::desc("Run ps-eliminate-constants, ps-hoist-invariants and "
                     "canonicalization before lowering"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> contract{
      *this, "contract",
      llvm::cl::desc("Fuse products into the sums that use them (ps-contract, "
                     "as -ffp-contract=fast): faster, but results may differ "
                     "in the last bit from the strict C order"),
      llvm::cl::init(false)};
  /// Not a pass option: the LLVM optimization level of the machine code
  /// that the run-time and ps-compile make from the lowered module.
  PassOptions::Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("LLVM optimization level of the generated machine code "
                     "(0-3; used by the run-time and ps-compile)"),
      llvm::cl::init(3)};

  /// ps-parallelize runs (threads >= 0).
  bool isParallel() const { return threads >= 0; }
  /// ps-vectorize runs: an instruction set is named, or `auto` finds one
  /// on the host it compiles for.
  bool isVectorized() const;
  /// The instruction set ps-vectorize gets: the named one, or for `auto`
  /// the host's widest (empty if it compiles for another CPU or the host
  /// has none).
  std::string getVectorizeInstructionSet() const;
};

/// Options shared by the GPU pipelines.
template <typename Derived>
struct GpuPipelineOptionsBase : public CopyablePipelineOptions<Derived> {
  using Base = PassPipelineOptions<Derived>;
  typename Base::template Option<GpuIndexingScheme> scheme{
      *this, "scheme",
      llvm::cl::desc("Indexing scheme of convert-ps-to-gpu: linear (one "
                     "thread per point) or blockwise (a block per line)"),
      llvm::cl::init(GpuIndexingScheme::Linear), getGpuIndexingSchemeValues()};
  typename Base::template ListOption<int64_t> blockSize{
      *this, "block-size",
      llvm::cl::desc("Threads per block in x, y, z (default 128,2,1; "
                     "blockwise: x only, default 128)")};
  typename Base::template Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("LLVM optimization level of the device code (0-3)"),
      llvm::cl::init(3)};
  typename Base::template Option<bool> optimize{
      *this, "optimize",
      llvm::cl::desc("Run ps-eliminate-constants, ps-hoist-invariants and "
                     "canonicalization before lowering"),
      llvm::cl::init(true)};
};

/// Options of ps-lower-to-nvvm-pipeline.
struct LowerToNVVMPipelineOptions
    : public GpuPipelineOptionsBase<LowerToNVVMPipelineOptions> {
  Option<std::string> chip{
      *this, "chip",
      llvm::cl::desc("NVIDIA architecture, sm_75 or newer for CUDA 13"),
      llvm::cl::init("sm_80")};
  Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX features: the PTX ISA version, e.g. +ptx80 "
                     "(default: +ptx80 up to sm_90a, +ptx88 for sm_100 to "
                     "sm_109 and sm_120 and newer, +ptx90 for sm_110)"),
      llvm::cl::init("")};
  Option<std::string> format{
      *this, "format",
      llvm::cl::desc("Binary format: isa (PTX), bin (cubin), fatbin (cubin "
                     "and PTX), llvm or offloading"),
      llvm::cl::init("fatbin")};
  Option<std::string> cudaPath{
      *this, "cuda-path",
      llvm::cl::desc("CUDA toolkit folder with nvvm/libdevice and bin/ptxas "
                     "(default: CUDA_HOME, CUDA_PATH or /usr/local/cuda)"),
      llvm::cl::init("")};
};

/// Options of ps-lower-to-rocdl-pipeline.
struct LowerToROCDLPipelineOptions
    : public GpuPipelineOptionsBase<LowerToROCDLPipelineOptions> {
  Option<std::string> chip{
      *this, "chip", llvm::cl::desc("AMDGPU architecture, e.g. gfx90a, gfx942"),
      llvm::cl::init("gfx90a")};
  Option<std::string> features{
      *this, "features", llvm::cl::desc("AMDGPU target features, e.g. +xnack"),
      llvm::cl::init("")};
  Option<std::string> format{
      *this, "format",
      llvm::cl::desc("Binary format: isa (assembly), bin (HSA code object), "
                     "llvm or offloading"),
      llvm::cl::init("bin")};
  Option<std::string> rocmPath{
      *this, "rocm-path",
      llvm::cl::desc("ROCm folder with amdgcn/bitcode and llvm/bin/ld.lld "
                     "(default: ROCM_PATH, else the folder the build made "
                     "from Debian's rocm-device-libs, else /opt/rocm)"),
      llvm::cl::init("")};
};

/// The PTX version the NVVM pipeline uses for `chip` when no features are
/// given: the oldest that every CUDA 13 ptxas and LLVM 22 accept for it.
std::string getDefaultPtxFeatures(llvm::StringRef chip);

/// Checks the options of the GPU pipelines; the error says which option is
/// wrong and what it takes.
LogicalResult verifyOptions(const LowerToNVVMPipelineOptions &options,
                            function_ref<LogicalResult(const Twine &)> error);
LogicalResult verifyOptions(const LowerToROCDLPipelineOptions &options,
                            function_ref<LogicalResult(const Twine &)> error);

/// Takes a module of ps kernels to a host module in the LLVM dialect that
/// launches NVPTX kernels held in gpu.binary ops: typify and analyse,
/// convert-ps-to-gpu, outline, lower the kernels through NVVM, check the
/// toolkit, and serialize.
void buildLowerToNVVMPipeline(OpPassManager &pm,
                              const LowerToNVVMPipelineOptions &options);
/// The same for AMD GPUs through ROCDL.
void buildLowerToROCDLPipeline(OpPassManager &pm,
                               const LowerToROCDLPipelineOptions &options);

/// Takes a module of ps kernels to the LLVM dialect: typify and analyse each
/// kernel, simplify, lower to loops (convert-ps-to-scf) and then to LLVM, and
/// record the target.
void buildLowerToLLVMPipeline(OpPassManager &pm,
                              const LowerToLLVMPipelineOptions &options);

/// The part of buildLowerToLLVMPipeline after the kernels are prepared (the
/// run-time describes the typed kernels in between).
void buildLowerPreparedKernelsToLLVMPipeline(
    OpPassManager &pm, const LowerToLLVMPipelineOptions &options);

/// Checks the options of ps-lower-to-llvm-pipeline that no pass checks.
LogicalResult verifyOptions(const LowerToLLVMPipelineOptions &options,
                            function_ref<LogicalResult(const Twine &)> error);

/// The part before convert-ps-to-scf: typify, analyse and (optionally)
/// simplify each kernel.
void buildPrepareKernelsPipeline(OpPassManager &pm, bool optimize);

/// Registers ps-lower-to-llvm-pipeline (MLIRPsCpuPipeline).
void registerPsCpuPipelines();
/// Registers ps-lower-to-nvvm-pipeline and ps-lower-to-rocdl-pipeline
/// (MLIRPsGpuPipelines).
void registerPsGpuPipelines();

} // namespace mlir::ps

#endif // STENCIL_PIPELINES_PASSES_H
