// The red half of a red-black Gauss-Seidel sweep for -laplace(u) = f, in
// place. Red points have an even x + y: (odd, odd) and (even, even), two
// slices with step 2. A point writes u at [0, 0] and reads its four
// neighbours, which are black: on a lattice of step 2 no other red point
// writes them, so ps-analyze accepts the in-place update.
ps.kernel @redblack_red(%u: !ps.field<?x?xf64>, %f: !ps.field<?x?xf64>,
                        %h2: f64) {
  ps.iterate (%x, %y) in %u slice [1:-1:2, 1:-1:2] : !ps.field<?x?xf64> {
    %w = ps.load %u[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %u[1, 0] : !ps.field<?x?xf64>
    %s = ps.load %u[0, -1] : !ps.field<?x?xf64>
    %n = ps.load %u[0, 1] : !ps.field<?x?xf64>
    %rhs = ps.load %f[0, 0] : !ps.field<?x?xf64>
    %a = ps.add %w, %e : f64
    %b = ps.add %s, %n : f64
    %c = ps.add %a, %b : f64
    %src = ps.fma %h2, %rhs, %c : f64
    %quarter = ps.constant 0.25 : f64
    %new = ps.mul %src, %quarter : f64
    ps.store %new, %u[0, 0] : !ps.field<?x?xf64>
  }
  ps.iterate (%x, %y) in %u slice [2:-1:2, 2:-1:2] : !ps.field<?x?xf64> {
    %w = ps.load %u[-1, 0] : !ps.field<?x?xf64>
    %e = ps.load %u[1, 0] : !ps.field<?x?xf64>
    %s = ps.load %u[0, -1] : !ps.field<?x?xf64>
    %n = ps.load %u[0, 1] : !ps.field<?x?xf64>
    %rhs = ps.load %f[0, 0] : !ps.field<?x?xf64>
    %a = ps.add %w, %e : f64
    %b = ps.add %s, %n : f64
    %c = ps.add %a, %b : f64
    %src = ps.fma %h2, %rhs, %c : f64
    %quarter = ps.constant 0.25 : f64
    %new = ps.mul %src, %quarter : f64
    ps.store %new, %u[0, 0] : !ps.field<?x?xf64>
  }
  ps.return
}
