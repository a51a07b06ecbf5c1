#!/usr/bin/env bash
# Eight processes compile overlapping kernel modules into one empty cache at
# once: each module is compiled once (the others wait for its builder), every
# entry verifies, and a second round is served from disk. Then eight more
# get them while `ps-cache clean --all` empties the cache again and again:
# no process fails or gets a wrong result.
# Usage: concurrent.sh WORKDIR KERNEL.mlir...
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
for kernel in "$@"; do
  name=$(basename "$kernel")
  echo "$name compiled $(cat "$work"/first-*.log | grep -c "^$name: compiled,") times"
done
ps-cache --dir "$cache" verify
for i in 0 1 2 3; do
  ps-cache-worker "$cache" "$i" "$@" || failed=1
done
ls "$cache/staging" | wc -l | sed 's/^/staging leftovers: /'

# Cleaning while others publish and load.
( for round in $(seq 1 40); do
    ps-cache --dir "$cache" clean --all > /dev/null 2>&1
    sleep 0.05
  done ) &
cleaner=$!
for i in 0 1 2 3 4 5 6 7; do
  ( for round in 1 2 3; do
      ps-cache-worker "$cache" "$i" "$@" || exit 1
    done ) > "$work/race-$i.log" 2>&1 &
done
racefailed=0
for job in $(jobs -p); do
  [ "$job" = "$cleaner" ] && continue
  wait "$job" || racefailed=1
done
wait "$cleaner"
grep -h "RESULTS DIFFER\|cannot\|error" "$work"/race-*.log
echo "clean race failures: $racefailed"
[ "$racefailed" -eq 0 ] || failed=1
exit $failed
