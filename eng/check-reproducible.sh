#!/usr/bin/env bash
# Two clones of the same commit build the same ChainPay.dll: builds the netstandard2.0 DLL (Release, CI=true) in a
# fresh clone under /tmp and compares its SHA-256 with the one this checkout built (ChainPay/bin/Release/...).
# One target framework keeps it to about a minute; the other two are built by the same rules.
# Usage: CI=true eng/check-reproducible.sh   (after a Release build of ChainPay here, e.g. by .ci/run's tests)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
here="$root/ChainPay/bin/Release/netstandard2.0/ChainPay.dll"
[ -f "$here" ] || { echo "check-reproducible: build first: $here is missing" >&2; exit 1; }
[ "${CI:-}" = "true" ] || { echo "check-reproducible: run with CI=true (ContinuousIntegrationBuild maps the paths)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q "$root" "$tmp/clone"
git -C "$tmp/clone" checkout -q "$(git -C "$root" rev-parse HEAD)"
dotnet build "$tmp/clone/ChainPay/ChainPay.csproj" -c Release -f netstandard2.0 -nologo -v q > "$tmp/build.log" 2>&1 || { tail -n 20 "$tmp/build.log" >&2; exit 1; }
a=$(sha256sum "$here" | cut -d' ' -f1)
b=$(sha256sum "$tmp/clone/ChainPay/bin/Release/netstandard2.0/ChainPay.dll" | cut -d' ' -f1)
if [ "$a" != "$b" ]; then
  echo "check-reproducible: ChainPay.dll differs between two clones of $(git -C "$root" rev-parse --short HEAD): $a vs $b" >&2
  exit 1
fi
echo "check-reproducible: two clones of $(git -C "$root" rev-parse --short HEAD) built the same netstandard2.0 ChainPay.dll (sha256 $a)"
