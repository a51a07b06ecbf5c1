// Velocity bounce-back (lbmpy's UBB) of a D2Q9 lattice: a wall that moves
// with a velocity given per boundary entry. The records are a NumPy
// structured array {x, y, d: int32; ux, uy: float64}: the integer members
// are the index list's components, each float member a one-dimensional
// view of the same array (a['ux'], a['uy']). With the lattice weights w_d
// and the density rho:
//   f[x](inv(d)) = f[x + c_d](d) - 6 w_d rho (c_d . u)
ps.kernel @d2q9_moving_wall(%f: !ps.field<?x?xf64, components [9], ghost 1>,
                            %list: !ps.field<?xi32, components [3], strides [?, 1]>,
                            %ux: !ps.field<?xf64, strides [?]>,
                            %uy: !ps.field<?xf64, strides [?]>,
                            %rho: f64) {
  ps.iterate_sparse (%x, %y) in %list disjoint : !ps.field<?xi32, components [3], strides [?, 1]> {
    %d = ps.load_record %list(2) : !ps.field<?xi32, components [3], strides [?, 1]>
    %u = ps.load_record %ux : !ps.field<?xf64, strides [?]>
    %v = ps.load_record %uy : !ps.field<?xf64, strides [?]>
    %cx = ps.lookup %d : i32 in dense<[0, 1, 0, -1, 0, 1, -1, -1, 1]> : tensor<9xi32>
    %cy = ps.lookup %d : i32 in dense<[0, 0, 1, 0, -1, 1, 1, -1, -1]> : tensor<9xi32>
    %inv = ps.lookup %d : i32 in dense<[0, 3, 4, 1, 2, 7, 8, 5, 6]> : tensor<9xi32>
    %w = ps.lookup %d : i32 in dense<[0.44444444444444442, 0.1111111111111111, 0.1111111111111111, 0.1111111111111111, 0.1111111111111111, 0.027777777777777776, 0.027777777777777776, 0.027777777777777776, 0.027777777777777776]> : tensor<9xf64>
    %cxf = ps.cast %cx : i32 to f64
    %cyf = ps.cast %cy : i32 to f64
    %cu_x = ps.mul %cxf, %u : f64
    %cu_y = ps.mul %cyf, %v : f64
    %cu = ps.add %cu_x, %cu_y : f64
    %six = ps.constant 6.0 : !ps.untyped
    %a = ps.mul %six, %w : (!ps.untyped, f64) -> f64
    %b = ps.mul %a, %rho : f64
    %c = ps.mul %b, %cu : f64
    %in = ps.load %f[%cx : i32, %cy : i32](%d : i32) : !ps.field<?x?xf64, components [9], ghost 1>
    %out = ps.sub %in, %c : f64
    ps.store %out, %f[0, 0](%inv : i32) : !ps.field<?x?xf64, components [9], ghost 1>
  }
  ps.return
}
