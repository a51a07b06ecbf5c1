// Bounce-back of a D3Q19 lattice over records (x, y, z, d), as
// d2q9-bounce-back.mlir: f[x](inv(d)) = f[x + c_d](d). The directions are
// lbmpy's D3Q19 order: 0 rest, then N S W E T B, NW NE SW SE, TN TS TW TE,
// BN BS BW BE.
ps.kernel @d3q19_bounce_back(%f: !ps.field<?x?x?xf64, components [19], ghost 1>,
                             %list: !ps.field<?xi32, components [4], layout c>) {
  ps.iterate_sparse (%x, %y, %z) in %list disjoint : !ps.field<?xi32, components [4], layout c> {
    %d = ps.load_record %list(3) : !ps.field<?xi32, components [4], layout c>
    %cx = ps.lookup %d : i32 in dense<[0, 0, 0, -1, 1, 0, 0, -1, 1, -1, 1, 0, 0, -1, 1, 0, 0, -1, 1]> : tensor<19xi32>
    %cy = ps.lookup %d : i32 in dense<[0, 1, -1, 0, 0, 0, 0, 1, 1, -1, -1, 1, -1, 0, 0, 1, -1, 0, 0]> : tensor<19xi32>
    %cz = ps.lookup %d : i32 in dense<[0, 0, 0, 0, 0, 1, -1, 0, 0, 0, 0, 1, 1, 1, 1, -1, -1, -1, -1]> : tensor<19xi32>
    %inv = ps.lookup %d : i32 in dense<[0, 2, 1, 4, 3, 6, 5, 10, 9, 8, 7, 16, 15, 18, 17, 12, 11, 14, 13]> : tensor<19xi32>
    %in = ps.load %f[%cx : i32, %cy : i32, %cz : i32](%d : i32) : !ps.field<?x?x?xf64, components [19], ghost 1>
    ps.store %in, %f[0, 0, 0](%inv : i32) : !ps.field<?x?x?xf64, components [19], ghost 1>
  }
  ps.return
}
