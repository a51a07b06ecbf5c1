//===- Passes.td - Conversions out of the ps dialect -------*- tablegen -*-===//

#ifndef STENCIL_CONVERSION_PASSES_TD
#define STENCIL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertPsToScf : Pass<"convert-ps-to-scf", "::mlir::ModuleOp"> {
  let summary = "Lower ps kernels to loop nests over strided memrefs";
  let description = [{
    Materializes typed ps kernels for the CPU. Each `ps.kernel` becomes a
    `func.func` whose fields are strided memrefs (spatial then index
    dimensions; a unit stride where the layout guarantees one, the rest
    dynamic, and a dynamic offset). A dense `ps.iterate` becomes an `scf.for`
    nest, outermost loop over the slowest dimension, with bounds from the
    slice and the field's extents; a `ps.iterate_sparse` becomes one loop over
    the index list whose coordinates are loaded per entry. Field accesses
    become `memref.load`/`memref.store` at the point plus the offset, and the
    scalar operations become `arith` and `math` operations with C semantics
    (signed integers, `fmin`/`fmax` as `minnumf`/`maxnumf`).

    Each function carries `llvm.emit_c_interface`, so that the LLVM lowering
    adds a `_mlir_ciface_<kernel>` wrapper taking memref descriptors by
    pointer: the entry point of ahead-of-time compiled kernels.

    The input must be typed (run `ps-typify`) and should be analysed
    (`ps-analyze`): the lowering trusts that accesses stay within the fields.

    ```mlir
    // Before
    ps.kernel @scale(%f: !ps.field<?xf64>, %w: f64) {
      ps.iterate (%x : i64) in %f ghost 1 : !ps.field<?xf64> {
        %v = ps.load %f[-1] : !ps.field<?xf64>
        %r = ps.mul %v, %w : f64
        ps.store %r, %f[0] : !ps.field<?xf64>
      }
    }
    // After
    func.func @scale(%f: memref<?xf64, strided<[1], offset: ?>>, %w: f64)
        attributes {llvm.emit_c_interface} {
      %c0 = arith.constant 0 : index
      %c1 = arith.constant 1 : index
      %n = memref.dim %f, %c0 : memref<?xf64, strided<[1], offset: ?>>
      %ub = arith.subi %n, %c1 : index
      scf.for %i = %c1 to %ub step %c1 {
        %im1 = arith.subi %i, %c1 : index
        %v = memref.load %f[%im1] : memref<?xf64, strided<[1], offset: ?>>
        %r = arith.mulf %v, %w : f64
        memref.store %r, %f[%i] : memref<?xf64, strided<[1], offset: ?>>
      }
      return
    }
    ```

    A space that reduces (`ps.reduce`) becomes a nest whose loops carry one
    partial per reduction result, starting at the operator's identity and
    tagged `ps.reductions`; the innermost loop combines each point's value
    in program order, and after the nest each result's 0-d memref becomes
    `*r op partial`.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def PsParallelize : Pass<"ps-parallelize", "::mlir::ModuleOp"> {
  let summary = "Run the loop nests of lowered kernels on OpenMP threads";
  let description = [{
    Splits one loop of every loop nest that convert-ps-to-scf made from an
    iteration space (those carry `ps.dim`) among OpenMP threads: the loop
    becomes an `scf.parallel`, which upstream's SCF-to-OpenMP conversion
    turns into `omp.parallel` with an `omp.wsloop`, whose schedule this pass
    then sets. Points are independent (ps-analyze checked it), so any split
    gives the same results as the sequential loops.

    Options: `num-threads` (0: the OpenMP default, i.e. `OMP_NUM_THREADS` or
    all cores, at run time), `schedule` (static or dynamic), `chunk` (0: the
    schedule's default) and `dim` (the spatial dimension whose loop is split;
    -1: the outermost loop of each nest, the usual choice).

    ```mlir
    // Before (from convert-ps-to-scf)
    scf.for %z = %c1 to %nz step %c1 {  // {ps.dim = 2}
      scf.for %y = ... { scf.for %x = ... { ... } }
    }
    // After ps-parallelize{num-threads=2 schedule=dynamic chunk=4}
    omp.parallel num_threads(%c2 : i64) {
      omp.wsloop schedule(dynamic = %c4 : i64) {
        omp.loop_nest (%z) : index = (%c1) to (%nz) step (%c1) {
          scf.for %y = ... { scf.for %x = ... { ... } }
        }
      }
    }
    ```

    A loop that carries partial reductions becomes an `scf.parallel` with
    reductions, which scf-to-openmp lowers to OpenMP reduction clauses: the
    threads' partials are combined in an unspecified order. A vectorized
    loop's vector partials (1D spaces with SIMD) stay on one thread.
  }];
  let options = [
    Option<"numThreads", "num-threads", "unsigned", /*default=*/"0",
           "Number of threads (0: the OpenMP run-time's choice)">,
    Option<"schedule", "schedule", "std::string", /*default=*/"\"static\"",
           "Loop schedule: static or dynamic">,
    Option<"chunk", "chunk", "unsigned", /*default=*/"0",
           "Chunk size of the schedule (0: its default)">,
    Option<"dim", "dim", "int", /*default=*/"-1",
           "Spatial dimension whose loop is split (-1: the outermost loop)">,
  ];
  let dependentDialects = ["::mlir::omp::OpenMPDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

def PsVectorize : Pass<"ps-vectorize", "::mlir::ModuleOp"> {
  let summary = "SIMD code for the innermost loops of lowered kernels";
  let description = [{
    Rewrites the innermost loop of every loop nest that convert-ps-to-scf made
    from a dense iteration space (it carries `ps.dim`) into vector code for
    an instruction set: loads and stores of the contiguous dimension become
    `vector.load`/`vector.store` of `lanes` elements, loop invariants are
    computed once per vector and broadcast, counters used as values become
    `vector.step` sequences, and every arith/math operation works on whole
    vectors in the order of the scalar code, so results are bit-identical to
    the scalar loop.

    The vector loop runs `unroll` vectors per iteration (independent chains
    for the out-of-order core, interleaved operation by operation). With
    `reuse`, loads of one row at several offsets (x-1, x, x+1) become
    `unroll` + 1 consecutive whole-vector loads per row and a
    `vector.shuffle` per offset, which cuts the loads of a 27-point stencil
    by about two thirds; the main loop stops early enough that these loads
    never read past what the scalar loop reads. With `align-rows` (the
    default), each row's whole vectors start at the first store's offset in
    a vector, so that after the peel all are aligned: the main loop is
    versioned on whether the arrays are at the same offset in a vector (the
    peel, single-vector loop and remainder serve both), and rows read
    at one offset (y-1, y+1) are loaded once too where static strides make
    their offset from the store a constant, and with avx512f also where it
    is known at run time only (computed before the loop; the vectors are
    cut with `llvm.x86.avx512.vpermi2var`); the first iteration runs
    without reuse, so that no whole vector starts before what the scalar
    loop reads. The cost model asks for it in the copy of a nest for arrays
    beyond the last-level cache (`streaming-above`), where such a row is off
    (for run-time shifts: where one is not 0, checked per row). With or
    without it, the rows are carried only where the row vectors fill at
    most half the registers; elsewhere each iteration loads all the aligned
    vectors it cuts from, and rows of run-time shift stay as they were.
    Then come single vectors,
    then the remainder:
    `remainder=masked` handles the last partial vector with
    `vector.maskedload`/`vector.maskedstore` under a `vector.create_mask`,
    `remainder=scalar` with a copy of the scalar loop. `aligned` peels
    iterations until the first store of the body is aligned to the vector
    size and marks that access aligned: on x86 with `remainder=masked`, the
    peel is masked vectors that end at the first aligned point with the
    lanes before the row's start off (skipped where there is no peel), else
    a copy of the scalar loop, and so it is with streaming stores and fewer
    than 12 loads per point, whose loop waits on memory anyway. With the
    cost model, memory-bound loops whose stores do not stream peel where
    every stride of the destination but the contiguous one is a multiple of
    a cache line, checked at run time from the array's start (once per
    nest), and otherwise do not; their stores claim no alignment; `nontemporal` marks the vector
    stores non-temporal (streaming past the caches, implies the peeling on
    x86, followed by an `sfence` at the end of the kernel). Streaming
    stores write whole 64-byte cache lines only: the peeling then aligns to
    a line, the main loop takes at least a line per iteration (unroll 2 for
    AVX2's f64 vectors, 4 for SSE and NEON), and the single vectors after it
    store ordinarily; a line left partly streamed costs a partial
    write-combining flush. x86 streams aligned vectors only: a loop with
    other stores of the first's element type (a second field, the rows and
    planes of a jam) is versioned on whether they start on the first's
    offset in a cache line; where they do all stream, elsewhere only the
    first, and stores of other element types are ordinary.

    `jam=N` first unrolls the middle (y) loop of 3D nests by N and jams the
    copies into one innermost loop, so that one iteration computes the
    points of N neighbouring rows and loads each input row they share once:
    a 27-point box at rows y and y+1 reads 12 rows instead of 18. Loads are
    shared only between accesses of the same memref at the same index with
    no store to that memref in between, which is exact for the independent
    points of a ps kernel. The rows left over after whole groups of N run in
    a copy of the original loop, vectorized too. `jam-planes=N` does the
    same for the outermost (z) loop of 3D nests, before the rows: one
    iteration computes N neighbouring planes (a 27-point box at planes z and
    z+1 reads 4 planes of rows, not 6). The outermost loop then steps by N,
    so each thread of ps-parallelize takes groups of N planes (in a blocked
    nest, the loop over planes inside the blocks of rows does), and the
    planes left over run in a copy of the nest after the groups. The
    jammed copies alternate operation by operation, so that a shared load is
    used soon after it is made. A loop that cannot be jammed gets a remark
    that says why.

    `prefetch=N` adds software prefetches N bytes ahead of the leading rows
    to the main vector loop, one per cache line an iteration reads of each:
    the rows an iteration of the enclosing loops reads from memory first
    (row y+1 of a 5-point cross in 2D, row y of plane z+1 of a 7-point star
    in 3D; with a jam of J rows and P planes, the J last rows of each of the
    P last planes). The hardware prefetcher starts late on each row and
    stops at its end; the software prefetch keeps the stream going across
    rows. The address is clamped to the array's last element.

    Instruction sets (`isa`): sse4.2 (128 bits), avx2 (256), avx512f (512),
    neon (128), sve (scalable, a multiple of 128 bits), or `host`, the widest
    one the compiling machine has. `lanes` = 0 fills a register with the
    widest element type of the loop. Loops whose innermost dimension is not
    contiguous (a zyxf field, a step other than 1), sparse loops (gathers) and
    bodies with control flow stay scalar, with a remark that says why.

    ```mlir
    // ps-vectorize{isa=avx2 remainder=masked}: the x loop of a Jacobi sweep
    %n = ...  // the number of whole vectors times 4
    scf.for %x = %c1 to %n step %c4 {
      %w = vector.load %src_t[%y, %xm1] : memref<?x?xf64, strided<[?, 1], offset: ?>>, vector<4xf64>
      ...
      vector.store %mean, %dst_t[%y, %x] : memref<...>, vector<4xf64>
    } {ps.dim = 0 : i64}
    scf.if %partial {
      %mask = vector.create_mask %rest : vector<4xi1>
      %w = vector.maskedload %src_t[%y, %xm1], %mask, %zero : ...
    }
    ```

    A loop that carries partial reductions (`ps.reductions`) keeps one vector
    of partials per unrolled copy, starting at the identity; after the loop
    they are combined lane-wise and reduced horizontally
    (`vector.reduction`) into the scalar partial, which the remainder
    continues (masked lanes contribute the identity). Float sums and
    products are reassociated; min, max and integer results are the scalar
    kernel's. Such loops are neither jammed nor given row reuse.

    For sve, loops whose math LLVM cannot compile on scalable vectors
    (`math.sin`, `math.tan`, ...) stay scalar with a remark, unless the
    operation is one of `vector-functions` and its vectors fill one
    register (`vector<[2]xf64>`, `vector<[4]xf32>`): the pipelines name
    those that `convert-math-to-libmvec` then calls SVE's functions for
    (`vector-math=libmvec`).
  }];
  let options = [
    Option<"isa", "isa", "std::string", /*default=*/"\"host\"",
           "Instruction set: sse4.2, avx2, avx512f, neon, sve or host">,
    Option<"lanes", "lanes", "unsigned", /*default=*/"0",
           "Elements per vector, a power of two (0: a register of the widest "
           "element type)">,
    Option<"remainder", "remainder", "::mlir::ps::VectorRemainder",
           /*default=*/"::mlir::ps::VectorRemainder::Masked",
           "The partial vectors (the last, and on x86 the peel's): masked or "
           "scalar",
           "::mlir::ps::getVectorRemainderValues()">,
    Option<"aligned", "aligned", "bool", /*default=*/"false",
           "Peel iterations until the first store is aligned to the vector "
           "size, and mark it aligned">,
    Option<"nontemporal", "nontemporal", "bool", /*default=*/"false",
           "Non-temporal (streaming) vector stores">,
    Option<"unroll", "unroll", "unsigned", /*default=*/"2",
           "Vectors per iteration of the main loop">,
    Option<"reuse", "reuse", "bool", /*default=*/"false",
           "Load each row once per main-loop iteration and cut the vectors "
           "of neighbouring offsets out of it with shuffles">,
    Option<"alignRows", "align-rows", "bool", /*default=*/"true",
           "Row reuse (reuse, or the cost model's in memory-bound loops "
           "where rows read at one offset straddle vectors) loads each row "
           "from the first store's offset in a vector where strides allow, "
           "in a copy of the loop for arrays at the same offset in a "
           "vector">,
    Option<"jam", "jam", "unsigned", /*default=*/"1",
           "Rows of the middle loop of 3D nests computed per iteration of "
           "the innermost loop (unroll-and-jam), which share their loads">,
    Option<"jamPlanes", "jam-planes", "unsigned", /*default=*/"1",
           "Planes of the outermost loop of 3D nests computed per iteration "
           "of the innermost loop (unroll-and-jam, before jam's rows), which "
           "share their loads">,
    Option<"prefetch", "prefetch", "int", /*default=*/"-1",
           "Software prefetch this many bytes ahead of the leading rows (the "
           "rows each iteration of the main vector loop reads first from "
           "memory), one per cache line (0: none; -1: with cost-model 4096 in "
           "memory-bound loops, else none)">,
    Option<"gather", "gather", "::mlir::ps::VectorGather",
           /*default=*/"::mlir::ps::VectorGather::Runtime",
           "Accesses with a stride in x (NumPy views a[:, ::2]) as gathers, "
           "and stores as scatters, where the instruction set has them: "
           "never, for strides known only at run time, or always",
           "::mlir::ps::getVectorGatherValues()">,
    ListOption<"vectorFunctions", "vector-functions", "std::string",
               "Math operations that will call vector functions on scalable "
               "vectors of one register (convert-math-to-libmvec for SVE: "
               "math.sin, ...): loops with them are vectorized for sve too">,
    Option<"streamingAbove", "streaming-above", "unsigned", /*default=*/"0",
           "Streaming stores chosen at run time: each vectorized loop gets a "
           "copy with streaming stores, run when the array it stores to "
           "spans at least this many KiB (larger than the caches), and one "
           "without for smaller arrays (0: only as nontemporal says)">,
    Option<"costModel", "cost-model", "bool", /*default=*/"false",
           "Choose per loop between the memory-bound code (unroll as given, "
           "streaming-above where it stores to at most 2 rows) and the "
           "compute-bound one (4 vectors per iteration, or in 3D nests a "
           "jam of 3 rows with 2 vectors where the jam saves a quarter of "
           "the loads, and for arrays from half of streaming-above on, of 2 "
           "planes as well, with 1 vector, where that saves another "
           "quarter; no streaming stores) from the length of its longest "
           "chain of floating-point operations (docs/Rationale.md)">,
    Option<"remarks", "remarks", "bool", /*default=*/"true",
           "Remark on every loop that stays scalar, and why">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def PsBlock : Pass<"ps-block", "::mlir::ModuleOp"> {
  let summary = "Split 3D loop nests into blocks of y rows that stay in cache";
  let description = [{
    Spatial blocking for three-dimensional loop nests from convert-ps-to-scf:
    the y loop is split into blocks of `rows` rows and the block loop is
    moved outside the z loop, so that a sweep over z reuses the rows of the
    neighbouring planes from the cache instead of fetching them again (the
    planes of a 256^2 field do not fit a core's L2, a block of them does).
    Points are independent (ps-analyze checked it), so any order is right.
    ps-parallelize then splits the block loop, the new outermost loop.

    ```mlir
    // ps-block{rows=16}
    scf.for %yy = %y0 to %y1 step %c16 {        // {ps.dim = 1}
      scf.for %z = %z0 to %z1 step %c1 {         // {ps.dim = 2}
        %end = arith.minsi %yy + 16, %y1
        scf.for %y = %yy to %end step %c1 {      // {ps.dim = 1}
          scf.for %x = ... { ... }
    ```
  }];
  let options = [
    Option<"rows", "rows", "unsigned", /*default=*/"16",
           "Rows of the y dimension per block (0: no blocking)">,
    Option<"minReach", "min-reach", "unsigned", /*default=*/"0",
           "Block only nests that read at least this many planes away from "
           "the current one in z (their planes are what blocks keep in the "
           "caches)">,
    Option<"memoryBoundOnly", "memory-bound-only", "unsigned",
           /*default=*/"0",
           "Block only nests whose innermost loop is memory-bound when "
           "vectorized in registers of this many bits (the cost model of "
           "docs/Rationale.md; 0: every nest)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect"];
}

def PsMarkNoAlias : Pass<"ps-mark-noalias", "::mlir::ModuleOp"> {
  let summary = "Tell LLVM that the fields of a lowered kernel do not alias";
  let description = [{
    In the memory model of pystencils, field buffers never overlap, and the
    run-time checks that the arrays of a call do not. This pass marks every
    pointer parameter of an `llvm.func` lowered from a ps kernel (one that
    carries `ps.kernel`) `llvm.noalias`, which lets LLVM vectorize without
    run-time alias checks and loop versions. Run it after the lowering to the
    LLVM dialect (the memref lowering drops `llvm.noalias` from memref
    parameters).

    ```mlir
    llvm.func @k(%arg0: !llvm.ptr {llvm.noalias}, %arg1: !llvm.ptr {llvm.noalias}, ...)
        attributes {ps.kernel}
    ```

    With `gpu-kernels`, the kernels of GPU modules lowered to NVVM or ROCDL
    (`llvm.func` with `gpu.kernel`) are marked too: the GPU pipelines run
    it, since every GPU kernel they make comes from a ps kernel (upstream's
    lowering drops `llvm.noalias` from memref parameters of `gpu.func`).
    It lets the backends use the read-only data path for fields that a
    kernel only reads.
  }];
  let options = [
    Option<"gpuKernels", "gpu-kernels", "bool", /*default=*/"false",
           "Also mark the kernels (gpu.kernel) of GPU modules">,
  ];
}

def ConvertMathToLibmvec : Pass<"convert-math-to-libmvec", "::mlir::ModuleOp"> {
  let summary = "Call glibc's vector math functions for math in kernels";
  let description = [{
    Replaces `math.sin`, `math.cos`, `math.tan`, `math.asin`, `math.acos`,
    `math.atan`, `math.atan2`, `math.sinh`, `math.cosh`, `math.tanh`,
    `math.exp`, `math.log` and `math.powf` on f32 and f64 by calls of
    glibc's vector functions (libmvec) for one register of `register-bits`
    (128 for SSE, 256 for AVX2, 512 for AVX-512; the pipelines give their
    instruction set's), named by the vector function ABI of `abi`: `_ZGV`
    then the register (x86-64: `b`, `d`, `e`; AArch64: `n` for AdvSIMD),
    `N` (unmasked), the lanes, a `v` per operand and the scalar name. With
    `scalable` (AArch64's SVE) the operations on scalable vectors of one
    register (`vector<[2]xf64>`, `vector<[4]xf32>`) call the masked SVE
    functions (`_ZGVsMxv_sin`, the mask last and all true).

    ```mlir
    %s = math.sin %x : vector<8xf64>
    // becomes, for register-bits=512,
    %s = func.call @_ZGVeN8v_sin(%x) : (vector<8xf64>) -> vector<8xf64>
    // and for abi=aarch64 scalable=true, on %y : vector<[2]xf64>,
    %t = func.call @_ZGVsMxv_sin(%y, %all) : (vector<[2]xf64>, vector<[2]xi1>) -> vector<[2]xf64>
    ```

    Scalars (the peel before aligned stores, `remainder=scalar`, loops that
    stay scalar) are broadcast to a register and lane 0 taken back; narrower
    vectors are widened, wider ones split. The variants for different
    registers round differently (f64 `sin`: 9% of the points between SSE's
    and AVX-512's), and with one variant for every point a point's result
    does not depend on whether it was vectorized, peeled or left to a
    remainder, nor on the array's alignment. LLVM would otherwise call libm
    once per lane, moving each lane out of the vector and back. libmvec's
    functions are within 4 ulp of the exact result, not libm's bit for bit:
    the pipelines run this pass only with `vector-math=libmvec`. Kernels
    that call them load libmvec (`libmvec.so.1`, part of glibc on x86-64
    and, since 2.38, on AArch64).

    `glibc` is the version of the C library the kernels will load; older
    glibcs leave the functions they lack to LLVM. On x86-64 `sin`, `cos`,
    `exp`, `log` and `pow` came with 2.22, the others with 2.35; on AArch64
    `sin`, `cos`, `exp` and `log` with 2.38, `tan`, `asin`, `acos`, `atan`
    and `atan2` with 2.39, `sinh`, `cosh`, `tanh` and `pow` with 2.40. The
    pipelines give the compiling machine's for its own CPU; else, and by
    default, it is the first with libmvec (2.22 for x86-64, 2.38 for
    AArch64).
  }];
  let options = [
    Option<"registerBits", "register-bits", "unsigned", /*default=*/"128",
           "The widest vector register of the target (128, 256 or 512)">,
    Option<"glibc", "glibc", "std::string", /*default=*/"\"\"",
           "The glibc version the kernels run with (its libmvec's functions; "
           "empty: the first with libmvec on the abi, 2.22 or 2.38)">,
    Option<"abi", "abi", "std::string", /*default=*/"\"x86_64\"",
           "The architecture whose vector function ABI names the functions: "
           "x86_64 or aarch64">,
    Option<"scalable", "scalable", "bool", /*default=*/"false",
           "Call SVE's masked functions on scalable vectors (abi=aarch64, "
           "register-bits=128) instead of fixed-width ones">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::vector::VectorDialect"];
}

def PsAttachTarget : Pass<"ps-attach-target", "::mlir::ModuleOp"> {
  let summary = "Record the target triple, CPU and features in an LLVM module";
  let description = [{
    Sets `llvm.target_triple` on the module and `target_cpu` and
    `target_features` on every `llvm.func`, so that the LLVM IR translated
    from it is compiled for that target by the JIT, `llc` or `clang`. Empty
    options mean the host: its triple, its CPU and the features that CPU has;
    for another triple, an empty CPU means `generic` with no extra features.
    A triple, CPU or feature LLVM does not know is an error that names it
    (LLVM would warn once per function and compile for a generic CPU, or end
    the process). Calls of another target's intrinsics in host code (`llvm.call_intrinsic
    "llvm.x86.sse.sfence"` for AArch64) are errors at their location, as
    LLVM's instruction selection would end the process on them; GPU modules
    inside are not checked.

    ```mlir
    module attributes {llvm.target_triple = "x86_64-unknown-linux-gnu"} {
      llvm.func @k(...) attributes {target_cpu = "znver3",
          target_features = #llvm.target_features<["+avx2", "+fma", ...]>}
    }
    ```
  }];
  let options = [
    Option<"triple", "triple", "std::string", /*default=*/"\"\"",
           "Target triple (empty: the host's)">,
    Option<"cpu", "cpu", "std::string", /*default=*/"\"\"",
           "Target CPU (empty: the host's)">,
    Option<"features", "features", "std::string", /*default=*/"\"\"",
           "Comma-separated target features such as +avx2,+fma (empty: those "
           "of the host CPU when the CPU is the host's, else the CPU's own)">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def ConvertPsToGpu : Pass<"convert-ps-to-gpu", "::mlir::ModuleOp"> {
  let summary = "Map the iteration spaces of ps kernels to GPU launch grids";
  let description = [{
    Materializes typed ps kernels for a GPU, as pystencils' GPU index
    translation does. Each `ps.kernel` becomes a host `func.func` over
    strided memrefs (as in `convert-ps-to-scf`), and each iteration space a
    `gpu.launch` whose launch sizes are computed on the host from the slice
    and the (possibly dynamic) extents of the fields. Run
    `gpu-kernel-outlining` afterwards to get `gpu.launch_func` and a
    `gpu.module` per launch.

    Two indexing schemes (`scheme`):

    * `linear` (the default): one thread per point. The innermost loop of the
      nest (the contiguous dimension of the field's layout) goes to `x`, the
      next to `y`, the next to `z`: `id = blockIdx * blockDim + threadIdx`,
      `point = start + id * step`, and `scf.if point < stop` guards the
      threads of partial blocks. The grid is `ceildiv(ceildiv(stop - start,
      step), blockDim)` (at least 1) per dimension. Dimensions beyond three
      stay sequential loops in each thread. The block size is `block-size`
      (x, y, z; default 128, 2, 1); the sizes of dimensions the space does not
      have are folded into x, so that a block always has the same number of
      threads.
    * `blockwise`: one thread block per line along the contiguous dimension
      (pystencils' Blockwise4D): `threadIdx.x` walks that line with a
      block-stride loop (`for x = start + threadIdx.x * step; x < stop; x +=
      blockDim.x * step`), and `blockIdx.x`, `.y`, `.z` are the next three
      dimensions (grid = their point counts). The block has `block-size[0]`
      threads. One-dimensional spaces use the linear scheme.

    A sparse space (`ps.iterate_sparse`) is always a 1D linear launch over the
    entries of its index list, with the guard `entry < entries`.

    ```mlir
    // Before
    ps.kernel @scale(%f: !ps.field<?xf64>, %w: f64) {
      ps.iterate (%x : i64) in %f ghost 1 : !ps.field<?xf64> { ... }
    }
    // After convert-ps-to-gpu{block-size=256}
    func.func @scale(%f: memref<?xf64, strided<[1], offset: ?>>, %w: f64) {
      %n = memref.dim %f, %c0 : memref<?xf64, strided<[1], offset: ?>>
      %stop = arith.subi %n, %c1 : index
      %count = arith.ceildivsi (%stop - %c1), %c1 : index
      %blocks = arith.maxsi (ceildiv %count, %c256), %c1 : index
      gpu.launch blocks(%bx, %by, %bz) in (%gx = %blocks, %gy = %c1, %gz = %c1)
                 threads(%tx, %ty, %tz) in (%sx = %c256, %sy = %c1, %sz = %c1) {
        %id = arith.addi (%bx * %sx), %tx : index
        %i = arith.addi %c1, (%id * %c1) : index
        %in = arith.cmpi slt, %i, %stop : index
        scf.if %in { ... memref.load %f[...] ... }
        gpu.terminator
      }
      return
    }
    ```

    A space that reduces gives every thread its partial (the identity where
    the guard stops it), combines a block's partials with `gpu.all_reduce`
    (warp shuffles, then shared memory across warps) and has the block's
    first thread combine them into the result with one atomic operation
    (`memref.atomic_rmw`; a compare-and-swap loop for products).
  }];
  let options = [
    Option<"scheme", "scheme", "::mlir::ps::GpuIndexingScheme",
           /*default=*/"::mlir::ps::GpuIndexingScheme::Linear",
           "Indexing scheme: linear (one thread per point) or blockwise (a "
           "block per line of the contiguous dimension)",
           "::mlir::ps::getGpuIndexingSchemeValues()">,
    ListOption<"blockSize", "block-size", "int64_t",
               "Threads per block in x, y, z (default 128,2,1; blockwise uses "
               "x only, default 128)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def PsGpuMathToROCDL : Pass<"ps-gpu-math-to-rocdl", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Call the ROCm device library for the math of GPU modules";
  let description = [{
    Replaces the math operations of a GPU module (`math.tanh`, `math.asin`,
    `math.atan2`, `math.sin`, ...) by calls of the ROCm device library's
    functions (`__ocml_tanh_f64`, ...), as upstream's
    `convert-math-to-rocdl` does for a whole module: run on the host's
    module too, that pass made calls of `__ocml` functions out of host math
    (an invariant of a kernel hoisted before its launch), which the host
    cannot link. `convert-gpu-to-rocdl` maps only some functions; the
    others reached the AMDGPU backend, which has no lowering for them and
    ended the process.
  }];
  let options = [
    Option<"chipset", "chipset", "std::string", /*default=*/"\"\"",
           "The AMDGPU chip (gfx90a, ...) for chip-dependent lowerings">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::ROCDL::ROCDLDialect"];
}

def PsCheckGpuToolkit : Pass<"ps-check-gpu-toolkit", "::mlir::ModuleOp"> {
  let summary = "Check that the tools and device libraries a GPU binary needs "
                "exist";
  let description = [{
    Runs before `gpu-module-to-binary`, on GPU modules already lowered to the
    NVVM or ROCDL dialects, and fails with a diagnostic that says what to
    install instead of letting code with unresolved symbols through:

    * a call to a libdevice function (`__nv_*`) needs
      `<toolkit>/nvvm/libdevice/libdevice.10.bc` (the CUDA toolkit);
    * a call to a ROCm device library function (`__ocml_*`, `__ockl_*`) needs
      `<toolkit>/amdgcn/bitcode/` with `ocml.bc`, `ockl.bc` and the
      `oclc_isa_version_<chip>.bc` of the target (Debian: `rocm-device-libs`);
    * any other external function is an unresolved symbol: an error;
    * a call of another target's intrinsic (`llvm.x86.sse.sfence` in an
      NVPTX kernel) is an error at its location, where LLVM's instruction
      selection would end the process;
    * the NVPTX formats `bin` and `fatbin` need `ptxas` (and `fatbinary`)
      in `<toolkit>/bin` or on `PATH`; the AMDGPU format `bin` needs
      `<toolkit>/llvm/bin/ld.lld`.

    `toolkit` is the folder given to `gpu-module-to-binary`; empty means
    `CUDA_HOME` or `/usr/local/cuda` for NVVM targets and `ROCM_PATH` or
    `/opt/rocm` for ROCDL ones.

    ```mlir
    // error: GPU module @k_kernel calls __nv_sin from libdevice, but
    // /opt/cuda/nvvm/libdevice/libdevice.10.bc does not exist: install the
    // CUDA toolkit or point cuda-path (CUDA_HOME) at it
    gpu.module @k_kernel [#nvvm.target<chip = "sm_80">] {
      llvm.func @__nv_sin(f64) -> f64
      ...
    }
    ```
  }];
  let options = [
    Option<"toolkit", "toolkit", "std::string", /*default=*/"\"\"",
           "Toolkit folder (CUDA or ROCm) gpu-module-to-binary uses">,
    Option<"format", "format", "std::string", /*default=*/"\"fatbin\"",
           "Binary format gpu-module-to-binary produces: isa, bin, fatbin, "
           "llvm or offloading">,
  ];
}

#endif // STENCIL_CONVERSION_PASSES_TD
