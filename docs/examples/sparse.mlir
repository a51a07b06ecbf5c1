// A boundary kernel over an index list: for every listed cell, a Dirichlet
// value for `u` and, for `v`, the value mirrored from the east neighbour of
// `g`. The list holds (x, y, direction) per entry; the counters are x and y.
// Points of a list may be neighbours, so a kernel may not read a field it
// writes at another offset: ps-analyze would reject reading %u[1, 0] here.
ps.kernel @boundary(%u: !ps.field<?x?xf64>, %v: !ps.field<?x?xf64>,
                    %g: !ps.field<?x?xf64>,
                    %list: !ps.field<?xi64, components [3], layout c>,
                    %value: f64) {
  ps.iterate_sparse (%x, %y) in %list : !ps.field<?xi64, components [3], layout c> {
    ps.store %value, %u[0, 0] : !ps.field<?x?xf64>
    %east = ps.load %g[1, 0] : !ps.field<?x?xf64>
    %two = ps.constant 2.0 : !ps.untyped
    %twice = ps.mul %two, %value : (!ps.untyped, f64) -> f64
    %mirrored = ps.sub %twice, %east : f64
    ps.store %mirrored, %v[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}
