#!/usr/bin/env python3
"""Writes the objects of the gpu.binary ops in an MLIR file to files.

Usage: extract-gpu-binary.py INPUT.mlir PREFIX

For each `gpu.binary @name [#gpu.object<..., "data">]` in INPUT (textual
MLIR, as ps-opt prints it after gpu-module-to-binary), writes the bytes of
its first object to PREFIX + name and prints that path. The object is PTX or
AMDGPU assembly (format=isa), a cubin or HSA code object (bin), or a fatbin:
hand it to ptxas, llvm-objdump, cuobjdump...
"""
import re
import sys


def decode(literal):
    """Undoes MLIR's string escaping: \\\\ and \\XX (hex)."""
    out = bytearray()
    i = 0
    while i < len(literal):
        c = literal[i]
        if c == "\\":
            if literal[i + 1] == "\\":
                out.append(ord("\\"))
                i += 2
            else:
                out.append(int(literal[i + 1:i + 3], 16))
                i += 3
        else:
            out += c.encode("utf-8")
            i += 1
    return bytes(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    text = open(sys.argv[1], encoding="utf-8").read()
    binaries = re.findall(r'gpu\.binary @([\w$.]+)[^\n]*', text)
    if not binaries:
        sys.exit("extract-gpu-binary: no gpu.binary in " + sys.argv[1])
    for line in re.finditer(r'gpu\.binary @([\w$.]+)([^\n]*)', text):
        name, rest = line.group(1), line.group(2)
        # The object's data is the longest string literal of the op; the
        # others are target options such as chip = "sm_80".
        literals = re.findall(r'"((?:[^"\\]|\\.)*)"', rest)
        data = decode(max(literals, key=len))
        path = sys.argv[2] + name
        with open(path, "wb") as f:
            f.write(data)
        print(path)


if __name__ == "__main__":
    main()
