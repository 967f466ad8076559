#!/usr/bin/env bash
# The porting matrix: builds libpanagit for every target from one CMake tree,
# runs its C tests under each target's emulator, and prints a table
# (target, binary format, exported pgit_ functions against those described,
# tests passed, time). Exits non-zero if any row fails.
#
#   native/matrix.sh            every row
#   native/matrix.sh <target>   one row: linux-x86_64 linux-aarch64 linux-s390x
#                               linux-riscv64 windows-x86_64 macos
#
# Installs the Debian packages a row needs (as root, with apt-get) when missing.
# Builds go to build/matrix/<target> at the repository root.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/build/matrix"
targets=(linux-x86_64 linux-aarch64 linux-s390x linux-riscv64 windows-x86_64 macos)
rows=()
failed=0

have_pkg() {
  local status
  status="$(dpkg-query -W -f='${Status}' "$1:$(dpkg --print-architecture)" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] && return 0
  status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]]
}

install() {   # install the given packages if any is missing
  local missing=()
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  echo "matrix: installing ${missing[*]}" >&2
  if [[ "$(id -u)" != 0 ]]; then
    echo "matrix: need root to install ${missing[*]}" >&2
    return 1
  fi
  for p in "${missing[@]}"; do
    case "$p" in *:arm64) dpkg --add-architecture arm64 ;; *:s390x) dpkg --add-architecture s390x ;; esac
  done
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# build <target> <toolchain file or ""> <library file name> [cmake args...]: configure, build, ctest; adds a row.
build() {
  local target="$1" toolchain="$2" lib="$3" dir="$out/$1" start end log format passed
  shift 3
  start=$(date +%s)
  log="$dir.log"
  mkdir -p "$out"
  rm -rf "$dir"
  local args=(-S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Release)
  [[ -n "$toolchain" ]] && args+=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/$toolchain")
  args+=("$@")
  if cmake "${args[@]}" >"$log" 2>&1 && cmake --build "$dir" --parallel 2 >>"$log" 2>&1; then
    format="$(file -b "$dir/$lib" | cut -d, -f1-2)"
    local exported described
    described="$(grep -c '{ "pgit_' "$here/src/version.c")"
    if [[ "$lib" == *.dll ]]; then
      exported="$(x86_64-w64-mingw32-objdump -p "$dir/$lib" | grep -cE '\] pgit_')"
    else
      exported="$(nm -D --defined-only "$dir/$lib" | grep -c ' T pgit_')"
      local others
      others="$(nm -D --defined-only "$dir/$lib" | grep ' T ' | grep -vc ' T pgit_')"
      [[ "$others" == 0 ]] || exported="$exported (+$others others)"
    fi
    ctest --test-dir "$dir" --output-on-failure >>"$log" 2>&1
    local rc=$?
    if [[ "$exported" != "$described" ]]; then
      echo "matrix: $target exports $exported pgit_ functions but describes $described" >>"$log"
      rc=1
    fi
    format="$format; exports $exported/$described"
    passed="$(grep -Eo '[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -1)"
    end=$(date +%s)
    if [[ $rc -eq 0 ]]; then
      rows+=("$target|$format|$passed|$((end - start)) s|ok")
    else
      rows+=("$target|$format|$passed|$((end - start)) s|FAILED (see $log)")
      failed=1
    fi
  else
    end=$(date +%s)
    rows+=("$target|-|build failed|$((end - start)) s|FAILED (see $log)")
    failed=1
  fi
}

# macOS cannot run here: build libpanagit.dylib for x86_64 and arm64 (clang, ld64.lld,
# cmake/darwin-stub) and check the artefacts: Mach-O format and architecture, exactly
# the described pgit_ functions exported, only libSystem and libz imported.
macos_row() {
  local start end arch dir log problems="" described nm
  described="$(grep -c '{ "pgit_' "$here/src/version.c")"
  nm="$(command -v llvm-nm || command -v llvm-nm-14)"
  start=$(date +%s)
  for arch in x86_64 arm64; do
    dir="$out/macos-$arch"
    log="$dir.log"
    rm -rf "$dir"
    if ! cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
         -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/macos-$arch.cmake" >"$log" 2>&1 ||
       ! cmake --build "$dir" --parallel 2 >>"$log" 2>&1; then
      problems+=" $arch: build failed (see $log);"
      continue
    fi
    local lib="$dir/libpanagit.dylib" exported others imports
    file -b "$lib" | grep -q "^Mach-O 64-bit $arch dynamically linked shared library" ||
      problems+=" $arch: not a Mach-O $arch dylib;"
    exported="$("$nm" -gU "$lib" | awk '{print $NF}' | grep -c '^_pgit_')"
    others="$("$nm" -gU "$lib" | awk '{print $NF}' | grep -vc '^_pgit_')"
    [[ "$exported" == "$described" && "$others" == 0 ]] ||
      problems+=" $arch: exports $exported pgit_ functions (+$others others), describes $described;"
    local objdump
    objdump="$(command -v llvm-objdump || command -v llvm-objdump-14)"
    "$objdump" --macho --dylibs-used "$lib" | sed -n 2p | grep -q '@rpath/libpanagit.dylib' ||
      problems+=" $arch: install name is not @rpath/libpanagit.dylib;"
    imports="$(otool_imports "$lib")"
    [[ "$imports" == "/usr/lib/libSystem.B.dylib /usr/lib/libz.1.dylib" ]] ||
      problems+=" $arch: imports $imports;"
  done
  end=$(date +%s)
  if [[ -z "$problems" ]]; then
    rows+=("macos|Mach-O 64-bit x86_64 + arm64 dylibs; exports $described/$described|artefact checks passed (no run on this host)|$((end - start)) s|ok")
  else
    rows+=("macos|Mach-O|checks failed:$problems|$((end - start)) s|FAILED")
    failed=1
  fi
}

# The dylibs a Mach-O file imports, sorted, on one line.
otool_imports() {
  local objdump
  objdump="$(command -v llvm-objdump || command -v llvm-objdump-14)"
  "$objdump" --macho --dylibs-used "$1" | tail -n +2 | grep -v 'libpanagit' | awk '{print $1}' | sort | tr '\n' ' ' | sed 's/ $//'
}

# Debian 12 has no riscv64 port: build zlib from Debian's own source package
# (apt-get source checks the signed .dsc and the tarballs' checksums).
riscv64_zlib() {
  [[ -f "$out/riscv64-zlib/lib/libz.a" ]] && return 0
  local src="$out/zlib-source"
  if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    [[ -f /etc/apt/sources.list.d/debian.sources ]] || return 1
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/debian-src.sources
    apt-get update -qq || return 1
  fi
  rm -rf "$src" && mkdir -p "$src"
  (cd "$src" && apt-get source -qq zlib >/dev/null 2>&1) || return 1
  (cd "$src"/zlib-*/ && CC=riscv64-linux-gnu-gcc CFLAGS="-O2 -fPIC" ./configure --static --prefix="$out/riscv64-zlib" >/dev/null &&
    make -j2 libz.a >/dev/null && make install >/dev/null) || return 1
}

run_row() {
  case "$1" in
    linux-x86_64)
      install cmake gcc zlib1g-dev libdeflate-dev libffi-dev pkg-config || { rows+=("$1|-|-|-|cannot install"); failed=1; return; }
      build linux-x86_64 "" libpanagit.so ;;
    linux-aarch64)
      install gcc-aarch64-linux-gnu qemu-user zlib1g-dev:arm64 || { rows+=("$1|-|-|-|cannot install"); failed=1; return; }
      build linux-aarch64 linux-aarch64.cmake libpanagit.so ;;
    linux-s390x)
      install gcc-s390x-linux-gnu qemu-user zlib1g:s390x || { rows+=("$1|-|-|-|cannot install"); failed=1; return; }
      build linux-s390x linux-s390x.cmake libpanagit.so ;;
    windows-x86_64)
      install gcc-mingw-w64-x86-64 libz-mingw-w64-dev wine64 || { rows+=("$1|-|-|-|cannot install"); failed=1; return; }
      build windows-x86_64 windows-x86_64.cmake libpanagit.dll ;;
    linux-riscv64)
      install gcc-riscv64-linux-gnu qemu-user dpkg-dev || { rows+=("$1|-|-|-|cannot install"); failed=1; return; }
      riscv64_zlib || { rows+=("$1|-|-|-|cannot build zlib from Debian's source package"); failed=1; return; }
      build linux-riscv64 linux-riscv64.cmake libpanagit.so -DZLIB_ROOT="$out/riscv64-zlib" ;;
    macos)
      install clang lld llvm || { rows+=("$1|-|-|-|cannot install"); failed=1; return; }
      macos_row ;;
    *)
      echo "matrix: unknown target '$1' (targets: ${targets[*]})" >&2
      exit 2 ;;
  esac
}

if [[ $# -gt 0 ]]; then
  for t in "$@"; do run_row "$t"; done
else
  for t in "${targets[@]}"; do run_row "$t"; done
fi

printf "\n%-16s %-52s %-44s %-8s %s\n" target "binary format; exports" "tests" time result
for row in "${rows[@]}"; do
  IFS='|' read -r t f p s r <<<"$row"
  printf "%-16s %-52s %-44s %-8s %s\n" "$t" "$f" "$p" "$s" "$r"
done
exit $failed
