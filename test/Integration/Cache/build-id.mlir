// The build id the cache signs changes with any source of the compiler and
// with the compiler that builds it, and only then (so that two builds of the
// same sources share entries and no other build's binaries are served).
// RUN: rm -rf %t && mkdir -p %t/src
// RUN: echo 'int a;' > %t/src/a.cpp && echo 'int b;' > %t/src/b.h
// RUN: printf '%t/src/a.cpp\n%t/src/b.h\n' > %t/list
// RUN: cmake -DSOURCES_FILE=%t/list -DROOT=%t/src -DOUTPUT=%t/first.inc "-DEXTRA=Clang 22.1.8 Release" -P %S/../../../cmake/ComputeBuildId.cmake
// RUN: cmake -DSOURCES_FILE=%t/list -DROOT=%t/src -DOUTPUT=%t/same.inc "-DEXTRA=Clang 22.1.8 Release" -P %S/../../../cmake/ComputeBuildId.cmake
// RUN: cmake -DSOURCES_FILE=%t/list -DROOT=%t/src -DOUTPUT=%t/compiler.inc "-DEXTRA=GNU 12.2.0 Release" -P %S/../../../cmake/ComputeBuildId.cmake
// RUN: echo 'int a = 1;' > %t/src/a.cpp
// RUN: cmake -DSOURCES_FILE=%t/list -DROOT=%t/src -DOUTPUT=%t/source.inc "-DEXTRA=Clang 22.1.8 Release" -P %S/../../../cmake/ComputeBuildId.cmake
// RUN: FileCheck %s < %t/first.inc
// RUN: diff %t/first.inc %t/same.inc
// RUN: not diff %t/first.inc %t/compiler.inc
// RUN: not diff %t/first.inc %t/source.inc
// CHECK: #define PS_BUILD_ID "{{[0-9a-f]+}}"
