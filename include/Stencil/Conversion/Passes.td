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
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
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
    never read past what the scalar loop reads. Then come single vectors,
    then the remainder:
    `remainder=masked` handles the last partial vector with
    `vector.maskedload`/`vector.maskedstore` under a `vector.create_mask`,
    `remainder=scalar` with a copy of the scalar loop. `aligned` peels
    scalar iterations until the first store of the body is aligned to the
    vector size and marks that access aligned; `nontemporal` marks the vector
    stores non-temporal (streaming past the caches, implies the peeling on
    x86, followed by an `sfence` at the end of the kernel).

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
  }];
  let options = [
    Option<"isa", "isa", "std::string", /*default=*/"\"host\"",
           "Instruction set: sse4.2, avx2, avx512f, neon, sve or host">,
    Option<"lanes", "lanes", "unsigned", /*default=*/"0",
           "Elements per vector, a power of two (0: a register of the widest "
           "element type)">,
    Option<"remainder", "remainder", "std::string", /*default=*/"\"masked\"",
           "The last partial vector: masked or scalar">,
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
  }];
}

def PsAttachTarget : Pass<"ps-attach-target", "::mlir::ModuleOp"> {
  let summary = "Record the target triple, CPU and features in an LLVM module";
  let description = [{
    Sets `llvm.target_triple` on the module and `target_cpu` and
    `target_features` on every `llvm.func`, so that the LLVM IR translated
    from it is compiled for that target by the JIT, `llc` or `clang`. Empty
    options mean the host: its triple, its CPU and the features that CPU has.

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

#endif // STENCIL_CONVERSION_PASSES_TD
