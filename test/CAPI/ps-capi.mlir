// The C API test: ps-capi-test builds field types, checks their accessors
// and diagnostics, and runs ps-analyze and ps-typify on a kernel. The CHECK
// lines are in the C source, beside the code whose output they check (lit
// takes .mlir files only: a .c suffix would also pick up the fake GPU
// drivers).
// RUN: ps-capi-test 2>&1 | FileCheck %S/ps-capi-test.c
