//===- PsCanonicalization.td - Rewrites of the ps dialect --*- tablegen -*-===//
//
// Rewrites that are exact in IEEE arithmetic (negation only flips the sign
// bit, and x - y is x + (-y) by definition), so they hold without fast-math.
//
//===----------------------------------------------------------------------===//

#ifndef STENCIL_IR_PSCANONICALIZATION_TD
#define STENCIL_IR_PSCANONICALIZATION_TD

include "mlir/IR/PatternBase.td"
include "Stencil/IR/PsOps.td"

def SameType : Constraint<CPred<"$0.getType() == $1.getType()">,
                          "of the same type">;

// -(-x) -> x
def NegNeg : Pat<(Ps_NegOp:$res (Ps_NegOp $x)), (replaceWithValue $x),
                 [(SameType $x, $res)]>;

// x + (-y) -> x - y
def AddNeg : Pat<(Ps_AddOp $x, (Ps_NegOp $y), $fastmath),
                 (Ps_SubOp $x, $y, $fastmath)>;

// x - (-y) -> x + y
def SubNeg : Pat<(Ps_SubOp $x, (Ps_NegOp $y), $fastmath),
                 (Ps_AddOp $x, $y, $fastmath)>;

// (-x) * (-y) -> x * y
def MulNegNeg : Pat<(Ps_MulOp (Ps_NegOp $x), (Ps_NegOp $y), $fastmath),
                    (Ps_MulOp $x, $y, $fastmath)>;

#endif // STENCIL_IR_PSCANONICALIZATION_TD
