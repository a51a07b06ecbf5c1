// Initialises a field from the coordinates: f = sin(x h) * cos(y h), and
// marks the cells of the lower half (y < ny / 2, with ny a symbol) in a mask.
// Counters have the index type (i64 after ps-typify); converting them to a
// float takes an explicit ps.cast, as strict typing demands.
ps.kernel @init(%f: !ps.field<?x?xf32>, %mask: !ps.field<?x?xi32>,
                %h: f32, %ny: i64) {
  ps.iterate (%x, %y) in %f ghost 0 : !ps.field<?x?xf32> {
    %xf = ps.cast %x : !ps.untyped to f32
    %yf = ps.cast %y : !ps.untyped to f32
    %xh = ps.mul %xf, %h : f32
    %yh = ps.mul %yf, %h : f32
    %sx = ps.sin %xh : f32
    %cy = ps.cos %yh : f32
    %v = ps.mul %sx, %cy : f32
    ps.store %v, %f[0, 0] : !ps.field<?x?xf32>
    %two = ps.constant 2 : !ps.untyped
    %half = ps.div %ny, %two : (i64, !ps.untyped) -> i64
    %lower = ps.cmp lt, %y, %half : (!ps.untyped, i64)
    %one = ps.constant 1 : !ps.untyped
    %zero = ps.constant 0 : !ps.untyped
    %m = ps.select %lower, %one, %zero : !ps.untyped
    ps.store %m, %mask[0, 0] : !ps.untyped, !ps.field<?x?xi32>
  }
  ps.return
}
