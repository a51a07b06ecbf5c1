// A 2D 5-point Jacobi step with its residual norm in the same kernel: the
// new value is the mean of the four neighbours, and the squares of its
// change (the residual of the point's equation, scaled by 1/4) are summed
// into %residual, whose square root is the step's residual 2-norm (as
// pystencils 2 writes with an add reduction assignment).
ps.kernel @jacobi2d_residual(%src: !ps.field<?x?xf64, ghost 1>,
                             %dst: !ps.field<?x?xf64, ghost 1>,
                             %residual: !ps.reduction<add, f64>) {
  ps.iterate (%x, %y) in %dst : !ps.field<?x?xf64, ghost 1> {
    %w = ps.load %src[-1, 0] : !ps.field<?x?xf64, ghost 1>
    %e = ps.load %src[1, 0] : !ps.field<?x?xf64, ghost 1>
    %s = ps.load %src[0, -1] : !ps.field<?x?xf64, ghost 1>
    %n = ps.load %src[0, 1] : !ps.field<?x?xf64, ghost 1>
    %c = ps.load %src[0, 0] : !ps.field<?x?xf64, ghost 1>
    %we = ps.add %w, %e : f64
    %sn = ps.add %s, %n : f64
    %sum = ps.add %we, %sn : f64
    %quarter = ps.constant 0.25 : !ps.untyped
    %mean = ps.mul %sum, %quarter : (f64, !ps.untyped) -> !ps.untyped
    ps.store %mean, %dst[0, 0] : !ps.untyped, !ps.field<?x?xf64, ghost 1>
    %change = ps.sub %mean, %c : (!ps.untyped, f64) -> !ps.untyped
    %square = ps.mul %change, %change : !ps.untyped
    ps.reduce %square, %residual : !ps.untyped, !ps.reduction<add, f64>
  }
  ps.return
}
