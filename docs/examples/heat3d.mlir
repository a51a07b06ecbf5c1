// A 3D 7-point explicit heat step: u' = u + alpha * (sum of neighbours - 6 u).
// `alpha` is an untyped symbol (ps-typify gives it the default type f64) and
// the fields are in the array-of-structures order zyxf.
ps.kernel @heat3d(%u: !ps.field<?x?x?xf64, layout zyxf>,
                  %out: !ps.field<?x?x?xf64, layout zyxf>,
                  %alpha: !ps.untyped) {
  ps.iterate (%x, %y, %z) in %out ghost 1 : !ps.field<?x?x?xf64, layout zyxf> {
    %c = ps.load %u[0, 0, 0] : !ps.field<?x?x?xf64, layout zyxf>
    %xm = ps.load %u[-1, 0, 0] : !ps.field<?x?x?xf64, layout zyxf>
    %xp = ps.load %u[1, 0, 0] : !ps.field<?x?x?xf64, layout zyxf>
    %ym = ps.load %u[0, -1, 0] : !ps.field<?x?x?xf64, layout zyxf>
    %yp = ps.load %u[0, 1, 0] : !ps.field<?x?x?xf64, layout zyxf>
    %zm = ps.load %u[0, 0, -1] : !ps.field<?x?x?xf64, layout zyxf>
    %zp = ps.load %u[0, 0, 1] : !ps.field<?x?x?xf64, layout zyxf>
    %s0 = ps.add %xm, %xp : f64
    %s1 = ps.add %ym, %yp : f64
    %s2 = ps.add %zm, %zp : f64
    %s01 = ps.add %s0, %s1 : f64
    %s = ps.add %s01, %s2 : f64
    %six = ps.constant 6 : !ps.untyped
    %sixc = ps.mul %six, %c : (!ps.untyped, f64) -> f64
    %lap = ps.sub %s, %sixc : f64
    %dt = ps.mul %alpha, %lap : (!ps.untyped, f64) -> f64
    %new = ps.add %c, %dt : f64
    ps.store %new, %out[0, 0, 0] : !ps.field<?x?x?xf64, layout zyxf>
  }
  ps.return
}
