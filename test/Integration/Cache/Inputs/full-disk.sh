#!/bin/sh
# Runs ps-cache-worker with its cache on a 1 MiB tmpfs that is full, then
# on one with a few KiB left for each size given in $SIZES (KiB). Run in a
# private mount namespace. Usage: full-disk.sh DIR KERNEL.mlir...
set -u
disk=$1
shift
mount -t tmpfs -o size=1m tmpfs "$disk" || exit 1
for left in 0 ${SIZES:-4 12 24}; do
  rm -rf "$disk"/*
  [ "$left" -gt 0 ] && dd if=/dev/zero of="$disk/spare" bs=1k count="$left" 2>/dev/null
  dd if=/dev/zero of="$disk/fill" bs=4k 2>/dev/null
  rm -f "$disk/spare"
  echo "== $left KiB left"
  ps-cache-worker "$disk/cache" 0 "$@" 2>&1
  echo "status $?"
done
umount "$disk"
