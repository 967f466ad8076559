#!/usr/bin/env bash
# crash-loop.sh [rounds] [seed] -- kills panagit with SIGKILL at random
# moments during add, commit, checkout, reset and branch, on both backends in
# turn, and after every kill checks the repository as git sees it:
# `git fsck --strict` passes, HEAD and every ref resolve, and the index reads.
# A lock file left by the killed process is counted and removed (git leaves
# one too after kill -9; a later command refuses to run until it is gone).
# Prints one summary line; exits non-zero on the first damaged repository.
# `mvn verify` runs a short version (CrashLoopTest); the long run's figures
# are in docs/reliability.md.
set -euo pipefail
rounds=${1:-200}
RANDOM=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
panagit="${PANAGIT:-$root/panagit}"   # CrashLoopTest points this at the build under test
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=crash GIT_AUTHOR_EMAIL=crash@example.com
export GIT_COMMITTER_NAME=crash GIT_COMMITTER_EMAIL=crash@example.com

"$panagit" version >/dev/null   # builds on first use, outside the loop

repo="$work/repo"
git init -q -b master "$repo"
cd "$repo"
for d in $(seq 1 20); do
  mkdir -p "dir$d"
  for f in $(seq 1 15); do seq 1 $((d * f * 20)) > "dir$d/file$f.txt"; done
done
git add -A && git commit -q -m base
git branch other
git checkout -q other && seq 1 5000 > dir1/file1.txt && rm -r dir2 && git commit -qam other && git checkout -q master

kills=0 locks=0 finished=0
ops=(add commit checkout reset branch)
for round in $(seq 1 "$rounds"); do
  backend=$([ $((round % 2)) = 0 ] && echo native || echo java)
  op=${ops[$((RANDOM % ${#ops[@]}))]}
  # Work for the operation: changed files to add or commit.
  for f in $(seq 1 $((RANDOM % 40 + 1))); do
    d="dir$((RANDOM % 20 + 1))"
    mkdir -p "$d"   # the other branch has no dir2
    seq 1 $((RANDOM % 3000 + 1)) > "$d/new$round-$f.txt"
  done
  case $op in
    add) args=(add .) ;;
    commit) git add -A >/dev/null 2>&1 || true; args=(commit -m "round $round") ;;
    checkout) git add -A >/dev/null 2>&1 && git commit -qm "save $round" >/dev/null 2>&1 || true
              target=$([ "$(git symbolic-ref --short HEAD)" = master ] && echo other || echo master)
              args=(checkout "$target") ;;
    reset) args=(reset --hard HEAD) ;;
    branch) args=(branch "b$round") ;;
  esac
  PANAGIT_BACKEND=$backend "$panagit" "${args[@]}" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 900)))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null || true

  stale=$(find .git -name '*.lock' | wc -l)
  if [ "$stale" -gt 0 ]; then
    locks=$((locks + stale))
    find .git -name '*.lock' -delete
  fi
  if ! fsck=$(git fsck --strict --no-dangling 2>&1); then
    echo "round $round ($backend $op): git fsck --strict failed:"; echo "$fsck"; exit 1
  fi
  git rev-parse --verify -q HEAD >/dev/null || { echo "round $round ($backend $op): HEAD does not resolve"; exit 1; }
  while read -r ref; do
    git rev-parse --verify -q "$ref" >/dev/null || { echo "round $round ($backend $op): $ref does not resolve"; exit 1; }
  done < <(git for-each-ref --format='%(refname)')
  git ls-files >/dev/null 2>&1 || { echo "round $round ($backend $op): git cannot read the index"; exit 1; }
  PANAGIT_BACKEND=$backend "$panagit" log -1 --oneline >/dev/null \
    || { echo "round $round ($backend $op): panagit cannot read the repository"; exit 1; }
done
echo "crash loop: $rounds rounds, $kills killed mid-command, $finished finished first, $locks stale locks removed, 0 damaged"
