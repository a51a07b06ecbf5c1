// D3Q19 pull streaming on a 19-component field (structure-of-arrays
// layout fzyx, pystencils' default), plus the density: each population i
// is pulled from the neighbour at -c_i, and rho is the sum of all 19.
ps.kernel @d3q19_stream(%src: !ps.field<?x?x?xf64, components [19], ghost 1>,
                        %dst: !ps.field<?x?x?xf64, components [19], ghost 1>,
                        %rho: !ps.field<?x?x?xf64, ghost 1>) {
  ps.iterate (%x, %y, %z) in %dst : !ps.field<?x?x?xf64, components [19], ghost 1> {
    %f0 = ps.load %src[0, 0, 0](0) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f0, %dst[0, 0, 0](0) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f1 = ps.load %src[-1, 0, 0](1) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f1, %dst[0, 0, 0](1) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f2 = ps.load %src[1, 0, 0](2) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f2, %dst[0, 0, 0](2) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f3 = ps.load %src[0, -1, 0](3) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f3, %dst[0, 0, 0](3) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f4 = ps.load %src[0, 1, 0](4) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f4, %dst[0, 0, 0](4) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f5 = ps.load %src[0, 0, -1](5) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f5, %dst[0, 0, 0](5) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f6 = ps.load %src[0, 0, 1](6) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f6, %dst[0, 0, 0](6) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f7 = ps.load %src[-1, -1, 0](7) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f7, %dst[0, 0, 0](7) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f8 = ps.load %src[1, 1, 0](8) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f8, %dst[0, 0, 0](8) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f9 = ps.load %src[-1, 1, 0](9) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f9, %dst[0, 0, 0](9) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f10 = ps.load %src[1, -1, 0](10) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f10, %dst[0, 0, 0](10) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f11 = ps.load %src[-1, 0, -1](11) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f11, %dst[0, 0, 0](11) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f12 = ps.load %src[1, 0, 1](12) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f12, %dst[0, 0, 0](12) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f13 = ps.load %src[-1, 0, 1](13) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f13, %dst[0, 0, 0](13) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f14 = ps.load %src[1, 0, -1](14) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f14, %dst[0, 0, 0](14) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f15 = ps.load %src[0, -1, -1](15) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f15, %dst[0, 0, 0](15) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f16 = ps.load %src[0, 1, 1](16) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f16, %dst[0, 0, 0](16) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f17 = ps.load %src[0, -1, 1](17) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f17, %dst[0, 0, 0](17) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %f18 = ps.load %src[0, 1, -1](18) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %f18, %dst[0, 0, 0](18) : !ps.field<?x?x?xf64, components [19], ghost 1>
    %r1 = ps.add %f0, %f1 : f64
    %r2 = ps.add %r1, %f2 : f64
    %r3 = ps.add %r2, %f3 : f64
    %r4 = ps.add %r3, %f4 : f64
    %r5 = ps.add %r4, %f5 : f64
    %r6 = ps.add %r5, %f6 : f64
    %r7 = ps.add %r6, %f7 : f64
    %r8 = ps.add %r7, %f8 : f64
    %r9 = ps.add %r8, %f9 : f64
    %r10 = ps.add %r9, %f10 : f64
    %r11 = ps.add %r10, %f11 : f64
    %r12 = ps.add %r11, %f12 : f64
    %r13 = ps.add %r12, %f13 : f64
    %r14 = ps.add %r13, %f14 : f64
    %r15 = ps.add %r14, %f15 : f64
    %r16 = ps.add %r15, %f16 : f64
    %r17 = ps.add %r16, %f17 : f64
    %r18 = ps.add %r17, %f18 : f64
    ps.store %r18, %rho[0, 0, 0] : !ps.field<?x?x?xf64, ghost 1>
  }
  ps.return
}
