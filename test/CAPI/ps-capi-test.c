//===- ps-capi-test.c - Test of the ps C API ------------------------------===//
//
// A C program that uses the ps dialect as a front end would, through
// libStencilCAPI.so only: the dialect handle, field and untyped types with
// every accessor, the diagnostics of invalid field types, and the ps passes
// on a parsed kernel. test/CAPI/ps-capi.mlir runs it and FileChecks its
// output against the CHECK lines of this file.
//
//===----------------------------------------------------------------------===//

#include "Stencil-c/Dialects.h"

#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <inttypes.h>
#include <stdio.h>

static void printToStdout(MlirStringRef str, void *userData) {
  (void)userData;
  fwrite(str.data, 1, str.length, stdout);
}

static void printType(const char *label, MlirType type) {
  printf("%s: ", label);
  if (mlirTypeIsNull(type))
    printf("<null>");
  else
    mlirTypePrint(type, printToStdout, NULL);
  printf("\n");
}

/// Prints every diagnostic to stdout, so that FileCheck sees it in order
/// with the rest of the output.
static MlirLogicalResult printDiagnostic(MlirDiagnostic diagnostic,
                                         void *userData) {
  (void)userData;
  printf("diagnostic at ");
  mlirLocationPrint(mlirDiagnosticGetLocation(diagnostic), printToStdout, NULL);
  printf(": ");
  mlirDiagnosticPrint(diagnostic, printToStdout, NULL);
  printf("\n");
  return mlirLogicalResultSuccess();
}

/// Prints a dimension's extent or stride, `?` for a dynamic one.
static void printExtent(int64_t value) {
  if (value == mlirShapedTypeGetDynamicSize())
    printf(" ?");
  else
    printf(" %" PRId64, value);
}

/// Prints what the accessors of a field type return.
static void printFieldAccessors(MlirType field) {
  intptr_t rank = mlirPsFieldTypeGetRank(field);
  printf("isa field: %d, isa untyped: %d\n", mlirTypeIsAPsFieldType(field),
         mlirTypeIsAPsUntypedType(field));
  printType("element", mlirPsFieldTypeGetElementType(field));
  printf("rank: %d, spatial: %d, index: %d\n", (int)rank,
         (int)mlirPsFieldTypeGetSpatialRank(field),
         (int)mlirPsFieldTypeGetIndexRank(field));
  printf("extents:");
  for (intptr_t dim = 0; dim < rank; ++dim)
    printExtent(mlirPsFieldTypeGetDimSize(field, dim));
  printf("\ndynamic:");
  for (intptr_t dim = 0; dim < rank; ++dim)
    printf(" %d", mlirPsFieldTypeIsDynamicDim(field, dim));
  printf("\nstrides:");
  for (intptr_t dim = 0; dim < rank; ++dim)
    printExtent(mlirPsFieldTypeGetStride(field, dim));
  MlirStringRef layout = mlirPsLayoutGetName(mlirPsFieldTypeGetLayout(field));
  printf("\nlayout: %.*s, ghost: %" PRId64 "\n", (int)layout.length,
         layout.data, mlirPsFieldTypeGetGhostLayers(field));
  printf("out of range: %" PRId64 "\n", mlirPsFieldTypeGetDimSize(field, rank));
}

/// A context with the ps dialect registered and loaded through its handle,
/// as a front end sets it up.
static MlirContext createContext(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectHandle ps = mlirGetDialectHandle__ps__();
  mlirDialectHandleRegisterDialect(ps, ctx);
  MlirDialect dialect = mlirDialectHandleLoadDialect(ps, ctx);
  mlirContextAttachDiagnosticHandler(ctx, printDiagnostic, NULL, NULL);

  // CHECK: loaded: ps
  MlirStringRef ns = mlirDialectGetNamespace(dialect);
  printf("loaded: %.*s\n", (int)ns.length, ns.data);
  return ctx;
}

static void testFieldTypes(MlirContext ctx) {
  MlirType f64 = mlirF64TypeGet(ctx);
  MlirType f32 = mlirF32TypeGet(ctx);
  int64_t dyn = mlirShapedTypeGetDynamicSize();

  // CHECK-LABEL: field types
  printf("field types\n");

  // CHECK: static: !ps.field<16x8xf64, ghost 1>
  // CHECK-NEXT: isa field: 1, isa untyped: 0
  // CHECK-NEXT: element: f64
  // CHECK-NEXT: rank: 2, spatial: 2, index: 0
  // CHECK-NEXT: extents: 16 8
  // CHECK-NEXT: dynamic: 0 0
  // CHECK-NEXT: strides: 1 16
  // CHECK-NEXT: layout: fzyx, ghost: 1
  // CHECK-NEXT: out of range: 0
  int64_t staticShape[] = {16, 8};
  MlirType staticField =
      mlirPsFieldTypeGet(f64, 2, staticShape, 0, NULL, MlirPsLayoutFzyx, 1);
  printType("static", staticField);
  printFieldAccessors(staticField);

  // CHECK: dynamic: !ps.field<?x?x?xf32, components [3], layout zyxf, ghost 2>
  // CHECK-NEXT: isa field: 1, isa untyped: 0
  // CHECK-NEXT: element: f32
  // CHECK-NEXT: rank: 4, spatial: 3, index: 1
  // CHECK-NEXT: extents: ? ? ? 3
  // CHECK-NEXT: dynamic: 1 1 1 0
  // CHECK-NEXT: strides: 3 ? ? 1
  // CHECK-NEXT: layout: zyxf, ghost: 2
  int64_t dynamicShape[] = {dyn, dyn, dyn};
  int64_t components[] = {3};
  MlirType dynamicField = mlirPsFieldTypeGetChecked(
      mlirLocationUnknownGet(ctx), f32, 3, dynamicShape, 1, components,
      MlirPsLayoutZyxf, 2);
  printType("dynamic", dynamicField);
  printFieldAccessors(dynamicField);

  // CHECK: strided: !ps.field<64x64xf32, strides [?, 1]>
  // CHECK: strides: ? 1
  // CHECK-NEXT: layout: strided, ghost: 0
  int64_t stridedShape[] = {64, 64};
  int64_t strides[] = {dyn, 1};
  MlirType stridedField =
      mlirPsFieldTypeGetStrided(f32, 2, stridedShape, 0, NULL, strides, 0);
  printType("strided", stridedField);
  printFieldAccessors(stridedField);

  // The C API builds the same type as the parser.
  // CHECK: parsed equal: 1
  MlirType parsed = mlirTypeParseGet(
      ctx, mlirStringRefCreateFromCString(
               "!ps.field<?x?x?xf32, components [3], layout zyxf, ghost 2>"));
  printf("parsed equal: %d\n", mlirTypeEqual(parsed, dynamicField));

  // CHECK: layout c: 1 2
  // CHECK-NEXT: layout bogus: 0
  MlirPsLayout layout = MlirPsLayoutFzyx;
  int found =
      mlirPsLayoutFromName(mlirStringRefCreateFromCString("c"), &layout);
  printf("layout c: %d %d\n", found, (int)layout);
  printf("layout bogus: %d\n",
         mlirPsLayoutFromName(mlirStringRefCreateFromCString("xyz"), &layout));

  // CHECK: untyped: !ps.untyped
  // CHECK-NEXT: isa untyped: 1, isa field: 0, field rank: 0
  MlirType untyped = mlirPsUntypedTypeGet(ctx);
  printType("untyped", untyped);
  printf("isa untyped: %d, isa field: %d, field rank: %d\n",
         mlirTypeIsAPsUntypedType(untyped), mlirTypeIsAPsFieldType(untyped),
         (int)mlirPsFieldTypeGetRank(untyped));
}

static void testAttributes(MlirContext ctx) {
  // CHECK-LABEL: attributes
  printf("attributes\n");

  // CHECK: predicate: 3 : i64, isa 1, value 3
  MlirAttribute le = mlirPsCmpPredicateAttrGet(ctx, MlirPsCmpPredicateLe);
  printf("predicate: ");
  mlirAttributePrint(le, printToStdout, NULL);
  printf(", isa %d, value %d\n", mlirAttributeIsAPsCmpPredicate(le),
         (int)mlirPsCmpPredicateAttrGetValue(le));

  // CHECK: diagnostic at loc(unknown): unknown comparison predicate 9
  // CHECK-NEXT: bad predicate null: 1
  MlirAttribute bad = mlirPsCmpPredicateAttrGet(ctx, (MlirPsCmpPredicate)9);
  printf("bad predicate null: %d\n", mlirAttributeIsNull(bad));

  // CHECK: names: ps.alignment ps.contiguous ps.name
  MlirStringRef names[] = {mlirPsGetAlignmentAttrName(),
                           mlirPsGetContiguousAttrName(),
                           mlirPsGetNameAttrName()};
  printf("names:");
  for (int i = 0; i < 3; ++i)
    printf(" %.*s", (int)names[i].length, names[i].data);
  printf("\n");
}

/// Each invalid field type is a null type and an error at the given
/// location, never an abort.
static void testInvalidFieldTypes(MlirContext ctx) {
  MlirLocation loc = mlirLocationFileLineColGet(
      ctx, mlirStringRefCreateFromCString("frontend.py"), 12, 5);
  MlirType f64 = mlirF64TypeGet(ctx);
  MlirType i1 = mlirIntegerTypeGet(ctx, 1);
  int64_t shape[] = {8, 8};

  // CHECK-LABEL: invalid field types
  printf("invalid field types\n");

  // CHECK: diagnostic at loc("frontend.py":12:5): ghost layers of width 4
  // CHECK-SAME: leave no interior in an extent of 8
  // CHECK-NEXT: ghost: <null>
  printType("ghost", mlirPsFieldTypeGetChecked(loc, f64, 2, shape, 0, NULL,
                                               MlirPsLayoutFzyx, 4));
  // CHECK: diagnostic at loc("frontend.py":12:5): field element type must be
  // CHECK-SAME: an integer (i8 to i64) or a float (f16, bf16, f32, f64),
  // CHECK-SAME: got 'i1'
  // CHECK-NEXT: i1: <null>
  printType("i1", mlirPsFieldTypeGetChecked(loc, i1, 2, shape, 0, NULL,
                                            MlirPsLayoutFzyx, 0));
  // CHECK: diagnostic at loc("frontend.py":12:5): a field has 1 to 3
  // CHECK-SAME: spatial dimensions, got 0
  // CHECK-NEXT: rank 0: <null>
  printType("rank 0", mlirPsFieldTypeGetChecked(loc, f64, 0, NULL, 0, NULL,
                                                MlirPsLayoutFzyx, 0));
  // CHECK: diagnostic at loc("frontend.py":12:5): field type: the number of
  // CHECK-SAME: spatial extents must not be negative, got -2
  // CHECK-NEXT: negative rank: <null>
  printType("negative rank",
            mlirPsFieldTypeGetChecked(loc, f64, -2, shape, 0, NULL,
                                      MlirPsLayoutFzyx, 0));
  // CHECK: diagnostic at loc("frontend.py":12:5): field type: spatial
  // CHECK-SAME: extents is null but 2 entries were given
  // CHECK-NEXT: null shape: <null>
  printType("null shape", mlirPsFieldTypeGetChecked(loc, f64, 2, NULL, 0, NULL,
                                                    MlirPsLayoutFzyx, 0));
  // CHECK: diagnostic at loc("frontend.py":12:5): field type: unknown layout 7
  // CHECK-NEXT: layout 7: <null>
  printType("layout 7", mlirPsFieldTypeGetChecked(loc, f64, 2, shape, 0, NULL,
                                                  (MlirPsLayout)7, 0));
  // CHECK: diagnostic at loc("frontend.py":12:5): field type: the strided
  // CHECK-SAME: layout needs strides (mlirPsFieldTypeGetStrided)
  // CHECK-NEXT: strided without strides: <null>
  printType("strided without strides",
            mlirPsFieldTypeGetChecked(loc, f64, 2, shape, 0, NULL,
                                      MlirPsLayoutStrided, 0));
  // CHECK: diagnostic at loc("frontend.py":12:5): strides must be positive
  // CHECK-SAME: or '?', got 0
  // CHECK-NEXT: zero stride: <null>
  int64_t zeroStrides[] = {0, 1};
  printType("zero stride", mlirPsFieldTypeGetStridedChecked(
                               loc, f64, 2, shape, 0, NULL, zeroStrides, 0));
  // Without a location the error is reported at an unknown one.
  // CHECK: diagnostic at loc(unknown): extents, strides and ghost widths
  // CHECK-SAME: are limited to 1099511627776
  // CHECK-NEXT: huge: <null>
  int64_t huge[] = {(int64_t)1 << 50};
  printType("huge",
            mlirPsFieldTypeGet(f64, 1, huge, 0, NULL, MlirPsLayoutFzyx, 0));
  // CHECK-NOT: diagnostic
  // CHECK: null element: <null>
  printType("null element", mlirPsFieldTypeGet((MlirType){NULL}, 2, shape, 0,
                                               NULL, MlirPsLayoutFzyx, 0));
  // CHECK: accessors of null: 0 0
  printf("accessors of null: %d %d\n", mlirTypeIsAPsFieldType((MlirType){NULL}),
         (int)mlirPsFieldTypeGetRank((MlirType){NULL}));
}

static const char *const kJacobi2d =
    "ps.kernel @jacobi2d(%src: !ps.field<?x?xf64, ghost 1>,\n"
    "                    %dst: !ps.field<?x?xf64, ghost 1>) {\n"
    "  ps.iterate (%x, %y) in %dst : !ps.field<?x?xf64, ghost 1> {\n"
    "    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64, ghost 1>\n"
    "    %e = ps.load %src[1, 0] : !ps.field<?x?xf64, ghost 1>\n"
    "    %we = ps.add %w, %e : f64\n"
    "    %half = ps.constant 0.5 : !ps.untyped\n"
    "    %mean = ps.mul %we, %half : (f64, !ps.untyped) -> !ps.untyped\n"
    "    ps.store %mean, %dst[0, 0] : !ps.untyped, !ps.field<?x?xf64, ghost "
    "1>\n"
    "  }\n"
    "  ps.return\n"
    "}\n";

/// An in-place update that reads a neighbour it also writes: ps-analyze
/// rejects it.
static const char *const kGaussSeidel =
    "ps.kernel @gs(%u: !ps.field<?xf64, ghost 1>) {\n"
    "  ps.iterate (%x) in %u : !ps.field<?xf64, ghost 1> {\n"
    "    %w = ps.load %u[-1] : !ps.field<?xf64, ghost 1>\n"
    "    ps.store %w, %u[0] : !ps.field<?xf64, ghost 1>\n"
    "  }\n"
    "  ps.return\n"
    "}\n";

/// Parses `source` and runs `pipeline` on it; prints the module if it
/// succeeds.
static void runPipeline(MlirContext ctx, const char *source,
                        const char *pipeline) {
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(source));
  if (mlirModuleIsNull(module)) {
    printf("parse failed\n");
    return;
  }
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirLogicalResult parsed = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm),
      mlirStringRefCreateFromCString(pipeline), printToStdout, NULL);
  if (mlirLogicalResultIsFailure(parsed)) {
    printf("\npipeline parse failed\n");
  } else {
    MlirOperation op = mlirModuleGetOperation(module);
    MlirLogicalResult result = mlirPassManagerRunOnOp(pm, op);
    printf("run: %s\n",
           mlirLogicalResultIsSuccess(result) ? "success" : "failure");
    if (mlirLogicalResultIsSuccess(result)) {
      mlirOperationPrint(op, printToStdout, NULL);
      printf("\n");
    }
  }
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
}

/// The per-pass creators: ps-typify and ps-eliminate-constants added to a
/// pass manager nested on ps.kernel.
static void runCreatedPass(MlirContext ctx) {
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kJacobi2d));
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager kernelPm = mlirPassManagerGetNestedUnder(
      pm, mlirStringRefCreateFromCString("ps.kernel"));
  mlirOpPassManagerAddOwnedPass(kernelPm, mlirCreatePsPsTypify());
  mlirOpPassManagerAddOwnedPass(kernelPm, mlirCreatePsPsEliminateConstants());
  MlirOperation op = mlirModuleGetOperation(module);
  printf("run: %s\n", mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(pm, op))
                          ? "success"
                          : "failure");
  mlirOperationPrint(op, printToStdout, NULL);
  printf("\n");
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
}

static void testPasses(MlirContext ctx) {
  mlirRegisterPsPasses();

  // CHECK-LABEL: typify
  // CHECK: run: success
  // CHECK: ps.kernel @jacobi2d(%{{[a-z0-9_]+}}: !ps.field<?x?xf64, ghost 1>,
  // CHECK-SAME: %[[DST:[a-z0-9_]+]]: !ps.field<?x?xf64, ghost 1>)
  // CHECK: %[[SUM:.*]] = ps.add %{{.*}}, %{{.*}} : f64
  // CHECK-NEXT: %[[HALF:.*]] = ps.constant 0.5 : f64
  // CHECK-NEXT: %[[MEAN:.*]] = ps.mul %[[SUM]], %[[HALF]] : f64
  // CHECK-NEXT: ps.store %[[MEAN]], %[[DST]][0, 0] :
  // CHECK-SAME: !ps.field<?x?xf64, ghost 1>
  // CHECK-NOT: !ps.untyped
  // CHECK: ps.return
  printf("typify\n");
  runPipeline(ctx, kJacobi2d,
              "builtin.module(ps.kernel(ps-analyze,ps-typify))");

  // CHECK-LABEL: created passes
  // CHECK: run: success
  // CHECK: ps.kernel @jacobi2d
  // CHECK-NEXT: %[[HALF:.*]] = ps.constant 0.5 : f64
  // CHECK-NEXT: ps.iterate
  // CHECK: ps.mul %{{.*}}, %[[HALF]] : f64
  printf("created passes\n");
  runCreatedPass(ctx);

  // CHECK-LABEL: analyze rejects
  // CHECK: diagnostic at loc({{.*}}): loop-carried dependence: parameter 'u'
  // CHECK-SAME: is written at offsets [0] and read at [-1]
  // CHECK: run: failure
  printf("analyze rejects\n");
  runPipeline(ctx, kGaussSeidel, "builtin.module(ps.kernel(ps-analyze))");

  // CHECK-LABEL: unknown pass
  // CHECK: pipeline parse failed
  printf("unknown pass\n");
  runPipeline(ctx, kJacobi2d, "builtin.module(ps.kernel(ps-no-such-pass))");
}

int main(void) {
  MlirContext ctx = createContext();
  testFieldTypes(ctx);
  testAttributes(ctx);
  testInvalidFieldTypes(ctx);
  testPasses(ctx);

  mlirContextDestroy(ctx);
  // CHECK: done
  printf("done\n");
  return 0;
}
