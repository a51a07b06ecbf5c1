// A 2D 5-point Jacobi sweep: the mean of the four neighbours, written to a
// second field. The weight is an untyped constant: ps-typify gives it f64
// from the sum it multiplies.
ps.kernel @jacobi2d(%src: !ps.field<?x?xf64, ghost 1>,
                    %dst: !ps.field<?x?xf64, ghost 1> {ps.alignment = 64 : i64}) {
  ps.iterate (%x, %y) in %dst : !ps.field<?x?xf64, ghost 1> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64, ghost 1>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64, ghost 1>
    %s = ps.load %src[0, -1] : !ps.field<?x?xf64, ghost 1>
    %n = ps.load %src[0, 1] : !ps.field<?x?xf64, ghost 1>
    %we = ps.add %w, %e : f64
    %sn = ps.add %s, %n : f64
    %sum = ps.add %we, %sn : f64
    %quarter = ps.constant 0.25 : !ps.untyped
    %mean = ps.mul %sum, %quarter : (f64, !ps.untyped) -> !ps.untyped
    ps.store %mean, %dst[0, 0] : !ps.untyped, !ps.field<?x?xf64, ghost 1>
  }
  ps.return
}
