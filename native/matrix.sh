#!/usr/bin/env bash
# The porting matrix: builds libpanagit for every target from one CMake tree,
# runs its C tests under each target's emulator, and prints a table
# (target, binary format, exported pgit_ functions against those described,
# tests passed, time). Exits non-zero if any row fails.
#
#   native/matrix.sh                        every row
#   native/matrix.sh <target>...            some rows (targets below)
#   native/matrix.sh --jar-resources <dir>  builds every cross row (no tests) and installs
#                                           its library under <dir>/META-INF/native/<platform>/
#                                           (mvn -Pall-platforms package calls this)
#
# Installs the Debian packages a row needs (as root, with apt-get) when missing, and
# never at the cost of the host's own: the install is simulated first and refused if
# it would upgrade or remove any installed package. Nothing of a target goes into the
# host's multiarch folders: C libraries come from Debian's -cross packages, zlib from
# Debian's source package built for the target (fetched with a private apt state).
# Builds go to build/matrix/<target> at the repository root.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/build/matrix"
targets=(linux-x86_64 linux-aarch64 linux-s390x linux-riscv64 linux-ppc64le linux-mips64el linux-x86_64-musl
         windows-x86_64 macos)
rows=()
failed=0

have_pkg() {
  local status
  status="$(dpkg-query -W -f='${Status}' "$1:$(dpkg --print-architecture)" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] && return 0
  status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]]
}

# install <package>...: installs those missing; refuses (returns 1, saying why) when apt
# would upgrade or remove an installed package to do it.
install() {
  local missing=() plan changes
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  echo "matrix: installing ${missing[*]}" >&2
  if [[ "$(id -u)" != 0 ]]; then
    echo "matrix: need root to install ${missing[*]}" >&2
    return 1
  fi
  apt-get update -qq || return 1
  plan="$(apt-get -s install --no-install-recommends "${missing[@]}" 2>&1)" || { echo "$plan" >&2; return 1; }
  changes="$(grep -E '^(Inst [^ ]+ \[|Remv )' <<<"$plan")"
  if [[ -n "$changes" ]]; then
    echo "matrix: installing ${missing[*]} would change the host's own packages; refused:" >&2
    sed 's/^/  /' <<<"$changes" >&2
    return 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
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

# Debian's zlib source package in $out/zlib-source/src, fetched with a private apt
# state (its own deb-src list, package lists and cache under $out/apt): the host's
# sources and lists are not touched. apt checks the download against the signed
# Sources index, with the host's keyrings.
zlib_source() {
  [[ -f "$out/zlib-source/src/zlib.h" ]] && return 0
  local apt="$out/apt" f
  rm -rf "$apt" "$out/zlib-source"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources.list.d" "$out/zlib-source/src"
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && sed 's/^Types: deb$/Types: deb-src/' "$f" > "$apt/sources.list.d/$(basename "$f")"
  done
  [[ -f /etc/apt/sources.list ]] && sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > "$apt/sources.list.d/system.list"
  local o=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt/sources.list.d"
           -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o Debug::NoLocking=1
           -o APT::Sandbox::User="$(id -un)")
  apt-get "${o[@]}" update -qq || return 1
  (cd "$out/zlib-source" && apt-get "${o[@]}" source --download-only -qq zlib) || return 1
  tar -xf "$out"/zlib-source/zlib_*.orig.tar.* -C "$out/zlib-source/src" --strip-components=1
}

# cross_zlib <target> <C compiler>: zlib built static for the target into $out/<target>-zlib.
cross_zlib() {
  local prefix="$out/$1-zlib" build="$out/$1-zlib-build"
  [[ -f "$prefix/lib/libz.a" ]] && return 0
  zlib_source || return 1
  rm -rf "$build" && cp -r "$out/zlib-source/src" "$build"
  (cd "$build" && CC="$2" CFLAGS="-O2 -fPIC" ./configure --static --prefix="$prefix" >/dev/null &&
    make -j2 libz.a >/dev/null && make install >/dev/null)
}

# describe_row <target>: sets packages, toolchain, lib and zlib_cc (the compiler to build
# zlib with; empty where the system's zlib serves) for one row. Returns 1 for no such row.
describe_row() {
  toolchain="$1.cmake" lib=libpanagit.so zlib_cc=""
  case "$1" in
    linux-x86_64)      packages=(cmake gcc zlib1g-dev libdeflate-dev libffi-dev pkg-config) toolchain="" ;;
    linux-aarch64)     packages=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user) zlib_cc=aarch64-linux-gnu-gcc ;;
    linux-s390x)       packages=(gcc-s390x-linux-gnu libc6-dev-s390x-cross qemu-user) zlib_cc=s390x-linux-gnu-gcc ;;
    linux-riscv64)     packages=(gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-user) zlib_cc=riscv64-linux-gnu-gcc ;;
    linux-ppc64le)     packages=(gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross qemu-user) zlib_cc=powerpc64le-linux-gnu-gcc ;;
    linux-mips64el)    packages=(gcc-mips64el-linux-gnuabi64 libc6-dev-mips64el-cross qemu-user) zlib_cc=mips64el-linux-gnuabi64-gcc ;;
    linux-x86_64-musl) packages=(musl-tools) zlib_cc=musl-gcc ;;
    windows-x86_64)    packages=(gcc-mingw-w64-x86-64 libz-mingw-w64-dev wine wine64) lib=libpanagit.dll ;;
    macos)             packages=(clang lld llvm) toolchain="" lib=libpanagit.dylib ;;
    *) return 1 ;;
  esac
}

# prepare_row <target>: describes it, installs its packages and builds its zlib; adds a
# failed row and returns 1 when one of those cannot be done.
prepare_row() {
  if ! describe_row "$1"; then
    echo "matrix: unknown target '$1' (targets: ${targets[*]})" >&2
    exit 2
  fi
  install "${packages[@]}" || { rows+=("$1|-|-|-|cannot install ${packages[*]}"); failed=1; return 1; }
  if [[ -n "$zlib_cc" ]] && ! cross_zlib "$1" "$zlib_cc"; then
    rows+=("$1|-|-|-|cannot build zlib from Debian's source package"); failed=1; return 1
  fi
}

zlib_args() {   # the cmake argument naming the row's own zlib, if it has one
  [[ -n "$zlib_cc" ]] && echo "-DZLIB_ROOT=$out/$1-zlib"
}

run_row() {
  prepare_row "$1" || return
  if [[ "$1" == macos ]]; then
    macos_row
  else
    build "$1" "$toolchain" "$lib" $(zlib_args "$1")
  fi
}

# package_row <target> <dir>: cross-builds the library, without tests, into <dir>/META-INF/native/.
package_row() {
  prepare_row "$1" || return
  local configs=() c dir start=$(date +%s)
  if [[ "$1" == macos ]]; then configs=(macos-x86_64 macos-arm64); else configs=("$1"); fi
  for c in "${configs[@]}"; do
    dir="$out/package-$c"
    rm -rf "$dir"
    if ! { cmake -S "$here" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
             -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/$c.cmake" $(zlib_args "$1") \
             -DPANAGIT_JAR_RESOURCES="$2" && cmake --build "$dir" --parallel 2 && cmake --install "$dir"; } >"$dir.log" 2>&1; then
      rows+=("$c|-|package build failed|$(($(date +%s) - start)) s|FAILED (see $dir.log)"); failed=1; return
    fi
  done
  rows+=("$1|$(file -b "$dir/$lib" | cut -d, -f1-2 | tr "|" " ")|installed in $2|$(($(date +%s) - start)) s|ok")
}

if [[ "${1:-}" == --jar-resources ]]; then
  [[ $# -ge 2 ]] || { echo "usage: native/matrix.sh --jar-resources <dir> [target...]" >&2; exit 2; }
  dest="$2"
  shift 2
  (($#)) || set -- "${targets[@]:1}"   # every row but the host's, which the normal build packages
  for t in "$@"; do package_row "$t" "$dest"; done
elif (($#)); then
  for t in "$@"; do run_row "$t"; done
else
  for t in "${targets[@]}"; do run_row "$t"; done
fi

printf "\n%-18s %-52s %-44s %-8s %s\n" target "binary format; exports" "tests" time result
for row in "${rows[@]}"; do
  IFS='|' read -r t f p s r <<<"$row"
  printf "%-18s %-52s %-44s %-8s %s\n" "$t" "$f" "$p" "$s" "$r"
done
exit $failed
