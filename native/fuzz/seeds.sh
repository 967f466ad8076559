#!/usr/bin/env bash
# seeds.sh <dir> -- a seed corpus from real objects, made with git: loose
# objects (compressed, and raw for the raw mode), pack entry regions, and
# deltas taken from a real pack. Writes <dir>/<target>/<name> files.
set -euo pipefail
out=$(realpath -m "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"/fuzz_object_decode "$out"/fuzz_pack "$out"/fuzz_delta

git init -q "$work/repo"
cd "$work/repo"
git config user.name Seed && git config user.email seed@example.com
for i in 1 2 3 4 5 6; do
  seq 1 $((i * 40)) > numbers.txt
  printf 'line %s\n' $(seq 1 $i) > "file$i.txt"
  printf '\x00\x01binary\xff%s' "$i" > "bin$i"
  git add -A && git commit -q -m "commit $i" && git tag -a -m "tag $i" "v$i"
done

# Loose objects: byte 0 even (compressed input), slice sizes 7 and 13.
n=0
for f in .git/objects/??/*; do
  n=$((n + 1))
  { printf '\x00\x07\x0d'; cat "$f"; } > "$out/fuzz_object_decode/loose-$n"
  id=$(basename "$(dirname "$f")")$(basename "$f")
  type=$(git cat-file -t "$id")
  { printf '\x01\x03\x40'; printf '%s %s\0' "$type" "$(git cat-file -s "$id")"; git cat-file "$type" "$id"; } \
    > "$out/fuzz_object_decode/raw-$n"
done

# Packs with deltas: the entries between the 12-byte header and the trailer.
git gc -q --aggressive
for p in .git/objects/pack/*.pack; do
  size=$(stat -c %s "$p")
  { printf '\x3e'; tail -c +13 "$p" | head -c $((size - 32)); } > "$out/fuzz_pack/$(basename "$p" .pack)"
done

# Deltas: a base and three targets, each delta written in git's format
# (sizes, a copy of the common prefix, inserts of the rest).
python3 - "$out/fuzz_delta" <<'PY'
import subprocess, sys, zlib, os
out = sys.argv[1]
base = b"".join(b"line %d\n" % i for i in range(200))
variants = [base.replace(b"line 50\n", b"changed\n"), base + b"tail\n", b"head\n" + base[:3000]]
for n, target in enumerate(variants):
    # A delta by hand in git's format: sizes, one copy of the common prefix, one insert of the rest.
    def varint(v):
        b = bytearray()
        while True:
            c = v & 0x7f; v >>= 7
            b.append(c | (0x80 if v else 0))
            if not v: return bytes(b)
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    common = min(common, 0xffff)
    d = varint(len(base)) + varint(len(target))
    if common:
        d += bytes([0x80 | 0x10 | 0x20, common & 0xff, common >> 8])
    rest = target[common:]
    while rest:
        d += bytes([min(len(rest), 127)]) + rest[:127]
        rest = rest[127:]
    with open(os.path.join(out, "delta-%d" % n), "wb") as f:
        f.write(len(base).to_bytes(2, "little") + base + d)
PY
echo "seeds: $(ls "$out"/fuzz_object_decode | wc -l) objects, $(ls "$out"/fuzz_pack | wc -l) packs, $(ls "$out"/fuzz_delta | wc -l) deltas"
