// The largest velocity magnitude of a D3Q19 lattice (lbmpy's maximum-velocity
// check of a time step): per cell the density rho = sum f_i, the momentum
// j = sum c_i f_i, the velocity u = j / rho, and |u| reduced with max into
// %umax, which the caller initializes (-inf, or 0 for a magnitude).
// Sums run in the order of the populations, so a C++ reference in that order
// gives the same bits in every code generation (max is exact).
ps.kernel @d3q19_max_velocity(%pdf: !ps.field<?x?x?xf64, components [19], ghost 1>,
                              %umax: !ps.reduction<max, f64>) {
  ps.iterate (%x, %y, %z) in %pdf : !ps.field<?x?x?xf64, components [19], ghost 1> {
    %f0 = ps.load %pdf[0, 0, 0](0) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f1 = ps.load %pdf[0, 0, 0](1) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f2 = ps.load %pdf[0, 0, 0](2) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f3 = ps.load %pdf[0, 0, 0](3) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f4 = ps.load %pdf[0, 0, 0](4) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f5 = ps.load %pdf[0, 0, 0](5) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f6 = ps.load %pdf[0, 0, 0](6) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f7 = ps.load %pdf[0, 0, 0](7) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f8 = ps.load %pdf[0, 0, 0](8) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f9 = ps.load %pdf[0, 0, 0](9) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f10 = ps.load %pdf[0, 0, 0](10) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f11 = ps.load %pdf[0, 0, 0](11) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f12 = ps.load %pdf[0, 0, 0](12) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f13 = ps.load %pdf[0, 0, 0](13) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f14 = ps.load %pdf[0, 0, 0](14) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f15 = ps.load %pdf[0, 0, 0](15) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f16 = ps.load %pdf[0, 0, 0](16) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f17 = ps.load %pdf[0, 0, 0](17) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f18 = ps.load %pdf[0, 0, 0](18) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %rho1 = ps.add %f0, %f1 : f64
    %rho2 = ps.add %rho1, %f2 : f64
    %rho3 = ps.add %rho2, %f3 : f64
    %rho4 = ps.add %rho3, %f4 : f64
    %rho5 = ps.add %rho4, %f5 : f64
    %rho6 = ps.add %rho5, %f6 : f64
    %rho7 = ps.add %rho6, %f7 : f64
    %rho8 = ps.add %rho7, %f8 : f64
    %rho9 = ps.add %rho8, %f9 : f64
    %rho10 = ps.add %rho9, %f10 : f64
    %rho11 = ps.add %rho10, %f11 : f64
    %rho12 = ps.add %rho11, %f12 : f64
    %rho13 = ps.add %rho12, %f13 : f64
    %rho14 = ps.add %rho13, %f14 : f64
    %rho15 = ps.add %rho14, %f15 : f64
    %rho16 = ps.add %rho15, %f16 : f64
    %rho17 = ps.add %rho16, %f17 : f64
    %rho18 = ps.add %rho17, %f18 : f64
    %jx0 = ps.sub %f1, %f2 : f64
    %jx1 = ps.add %jx0, %f7 : f64
    %jx2 = ps.sub %jx1, %f8 : f64
    %jx3 = ps.add %jx2, %f9 : f64
    %jx4 = ps.sub %jx3, %f10 : f64
    %jx5 = ps.add %jx4, %f11 : f64
    %jx6 = ps.sub %jx5, %f12 : f64
    %jx7 = ps.add %jx6, %f13 : f64
    %jx8 = ps.sub %jx7, %f14 : f64
    %ux = ps.div %jx8, %rho18 : f64
    %ux2 = ps.mul %ux, %ux : f64
    %jy0 = ps.sub %f3, %f4 : f64
    %jy1 = ps.add %jy0, %f7 : f64
    %jy2 = ps.sub %jy1, %f8 : f64
    %jy3 = ps.sub %jy2, %f9 : f64
    %jy4 = ps.add %jy3, %f10 : f64
    %jy5 = ps.add %jy4, %f15 : f64
    %jy6 = ps.sub %jy5, %f16 : f64
    %jy7 = ps.add %jy6, %f17 : f64
    %jy8 = ps.sub %jy7, %f18 : f64
    %uy = ps.div %jy8, %rho18 : f64
    %uy2 = ps.mul %uy, %uy : f64
    %jz0 = ps.sub %f5, %f6 : f64
    %jz1 = ps.add %jz0, %f11 : f64
    %jz2 = ps.sub %jz1, %f12 : f64
    %jz3 = ps.sub %jz2, %f13 : f64
    %jz4 = ps.add %jz3, %f14 : f64
    %jz5 = ps.add %jz4, %f15 : f64
    %jz6 = ps.sub %jz5, %f16 : f64
    %jz7 = ps.sub %jz6, %f17 : f64
    %jz8 = ps.add %jz7, %f18 : f64
    %uz = ps.div %jz8, %rho18 : f64
    %uz2 = ps.mul %uz, %uz : f64
    %uxy = ps.add %ux2, %uy2 : f64
    %usq = ps.add %uxy, %uz2 : f64
    %u = ps.sqrt %usq : f64
    ps.reduce %u, %umax : !ps.reduction<max, f64>
  }
  ps.return
}
