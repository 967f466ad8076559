#!/usr/bin/env bash
# Regenerates the jextract bindings for native/include/panagit.h and the
# checksum manifest that the test suite checks them against.
#
# Needs jextract (JDK 25 build) on PATH or in $JEXTRACT. This script never
# downloads or builds jextract: see bindings/README.md for how to get one.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
header="native/include/panagit.h"
package_dir="src/main/java/dev/panagit/nativeaccess/bindings"

jextract="${JEXTRACT:-$(command -v jextract || true)}"
if [[ -z "$jextract" || ! -x "$jextract" ]]; then
  echo "regenerate.sh: no jextract found: put it on PATH or set JEXTRACT=/path/to/jextract" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
# 1. Ask jextract what the header declares, and keep only panagit.h's own
#    symbols (the libc types it includes stay out of the bindings).
"$jextract" --dump-includes "$work/all-includes.txt" -I native/include "$header" >/dev/null
grep -E '^--include-[a-z]+ [A-Za-z_0-9]+ +# header: .*/panagit\.h$' "$work/all-includes.txt" \
  | grep -v '^--include-struct pgit_codec ' \
  | sed -E 's/ +#.*$//' | LC_ALL=C sort > bindings/includes.txt

# 2. Generate into a scratch folder, then replace the committed sources.
"$jextract" @bindings/jextract-options.txt @bindings/includes.txt \
  --output "$work/out" -I native/include "$header"
rm -rf "bindings/$package_dir"
mkdir -p "bindings/$package_dir"
cp "$work/out/dev/panagit/nativeaccess/bindings/"*.java "bindings/$package_dir/"

# 3. Record the jextract version and the checksums.
"$jextract" --version 2>&1 | sed -n '1,3p' > bindings/jextract.version
{
  echo "# Checksums of the jextract inputs and outputs; written by bindings/regenerate.sh."
  echo "# Checked by BindingsManifestTest: regenerate when the header changes."
  sha256sum "$header" bindings/jextract-options.txt bindings/includes.txt bindings/jextract.version
  find "bindings/$package_dir" -name '*.java' | LC_ALL=C sort | xargs sha256sum
} > bindings/MANIFEST.sha256

echo "regenerated $(find "bindings/$package_dir" -name '*.java' | wc -l) files; manifest: bindings/MANIFEST.sha256"
