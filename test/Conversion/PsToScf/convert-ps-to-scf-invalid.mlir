// RUN: ps-opt %s -split-input-file -convert-ps-to-scf -verify-diagnostics

// expected-error@+1 {{'ps.kernel' op parameter 's' is untyped: run ps-typify before lowering}}
ps.kernel @untyped(%s: !ps.untyped) {
  ps.return
}
