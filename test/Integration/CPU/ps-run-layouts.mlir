// ps-run lays out every field its kernel accepts: explicit static strides
// as the type gives them (here rows of 5 for 3 values), and fields with an
// empty dimension or an empty index list (in fzyx layout) with the strides
// of their layout, which the run-time's checks then accept.
// RUN: ps-run %s --kernel copy --shape 4x3 | FileCheck %s --check-prefix=STRIDED
// RUN: ps-run %s --kernel empty --shape 0x5 --checksum | FileCheck %s --check-prefix=EMPTY
// RUN: ps-run %s --kernel empty --shape 4x0 --checksum | FileCheck %s --check-prefix=EMPTY
// RUN: ps-run %s --kernel emptylist --shape 3x3 --checksum | FileCheck %s --check-prefix=NOENTRIES

ps.kernel @copy(%src: !ps.field<4x3xf64, strides [1, 5]>, %dst: !ps.field<4x3xf64>) {
  ps.iterate (%x, %y) in %dst ghost 0 : !ps.field<4x3xf64> {
    %v = ps.load %src[0, 0] : !ps.field<4x3xf64, strides [1, 5]>
    ps.store %v, %dst[0, 0] : !ps.field<4x3xf64>
  }
}
ps.kernel @empty(%f: !ps.field<?x?xf64>, %g: !ps.field<?x?xf64>) {
  ps.iterate (%x, %y) in %g ghost 0 : !ps.field<?x?xf64> {
    %v = ps.load %f[0, 0] : !ps.field<?x?xf64>
    ps.store %v, %g[0, 0] : !ps.field<?x?xf64>
  }
}
ps.kernel @emptylist(%u: !ps.field<?x?xf64>, %list: !ps.field<?xi64, components [2]>) {
  ps.iterate_sparse (%x, %y) in %list : !ps.field<?xi64, components [2]> {
    %one = ps.constant 1.0 : f64
    ps.store %one, %u[0, 0] : !ps.field<?x?xf64>
  }
}

// The destination gets the source's values, read through its strides.
// STRIDED: src[0, 0] = [[A:.*]]
// STRIDED: src[3, 2] = [[B:.*]]
// STRIDED: dst[0, 0] = [[A]]
// STRIDED: dst[3, 2] = [[B]]
// EMPTY: f: 0 values, sum 0
// EMPTY-NEXT: g: 0 values, sum 0
// NOENTRIES: u: 9 values, sum 1.75
