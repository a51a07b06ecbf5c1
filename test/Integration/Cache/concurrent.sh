#!/usr/bin/env bash
# Eight processes compile overlapping kernel modules into one empty cache at
# once, then every entry must verify and a second round must be served from
# disk. Usage: concurrent.sh WORKDIR KERNEL.mlir...
set -u
work=$1
shift
rm -rf "$work"
mkdir -p "$work"
cache="$work/cache"
for i in 0 1 2 3 4 5 6 7; do
  ps-cache-worker "$cache" "$i" "$@" > "$work/first-$i.log" 2>&1 &
done
failed=0
for job in $(jobs -p); do
  wait "$job" || failed=1
done
cat "$work"/first-*.log
echo "first round failures: $failed"
ps-cache --dir "$cache" verify
for i in 0 1 2 3; do
  ps-cache-worker "$cache" "$i" "$@" || failed=1
done
ls "$cache/staging" | wc -l | sed 's/^/staging leftovers: /'
exit $failed
