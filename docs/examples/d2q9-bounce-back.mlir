// Lattice Boltzmann no-slip boundary (bounce-back) of a D2Q9 lattice over an
// index list of records (x, y, d): x, y is a fluid cell and d a direction
// whose neighbour x + c_d is a wall. After streaming, the population that
// ran into the wall comes back reversed:  f[x, y](inv(d)) = f[x + c_d](d).
// The direction vectors c_d and the inverse directions are constant tables;
// the entries touch disjoint locations (a wall cell is never fluid), which
// `disjoint` states. Directions: 0 rest, 1 E, 2 N, 3 W, 4 S, 5 NE, 6 NW,
// 7 SW, 8 SE.
ps.kernel @d2q9_bounce_back(%f: !ps.field<?x?xf64, components [9], ghost 1>,
                            %list: !ps.field<?xi32, components [3], layout c>) {
  ps.iterate_sparse (%x, %y) in %list disjoint : !ps.field<?xi32, components [3], layout c> {
    %d = ps.load_record %list(2) : !ps.field<?xi32, components [3], layout c>
    %cx = ps.lookup %d : i32 in dense<[0, 1, 0, -1, 0, 1, -1, -1, 1]> : tensor<9xi32>
    %cy = ps.lookup %d : i32 in dense<[0, 0, 1, 0, -1, 1, 1, -1, -1]> : tensor<9xi32>
    %inv = ps.lookup %d : i32 in dense<[0, 3, 4, 1, 2, 7, 8, 5, 6]> : tensor<9xi32>
    %in = ps.load %f[%cx : i32, %cy : i32](%d : i32) : !ps.field<?x?xf64, components [9], ghost 1>
    ps.store %in, %f[0, 0](%inv : i32) : !ps.field<?x?xf64, components [9], ghost 1>
  }
  ps.return
}
