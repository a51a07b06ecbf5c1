#!/usr/bin/python3
"""The basic block of an assembly file with the most ymm/zmm instructions:
the innermost loop of a vectorized kernel, for llvm-mca."""
import re, sys
lines = open(sys.argv[1]).read().splitlines()
blocks, cur, name = [], [], None
for l in lines:
    m = re.match(r'^(\.?[A-Za-z0-9_$.]+):', l)
    if m:
        if cur: blocks.append((name, cur))
        name, cur = m.group(1), []
    elif l.startswith('\t') and not l.strip().startswith('.'):
        cur.append(l)
if cur: blocks.append((name, cur))
best = max(blocks, key=lambda b: sum(('ymm' in x or 'zmm' in x) for x in b[1]))
print("\n".join(best[1]))
