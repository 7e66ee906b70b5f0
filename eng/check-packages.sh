#!/usr/bin/env bash
# Checks the packages in artifacts/ (written by `dotnet cake --target=Pack`) as a consumer sees them:
#  1. each .nuspec has its readme, license, description, tags, project and repository URL (with the commit) and
#     release notes; ChainPay's has Microsoft.CSharp for netstandard2.0 and its build/buildTransitive targets;
#  2. from the folder feed (plus the configured feeds for dependencies), outside this repository: a net8.0 console,
#     a netstandard2.0 library using the member chain (run from a net10.0 console) and a file-based app with
#     `#:package ChainPay@<version>` each call the in-memory sandbox; the net8.0 console also checks the embedded
#     PDB and sources of the ChainPay.dll it loaded, and that on linux-x64/win-x64 it is the precompiled
#     (ReadyToRun) copy under runtimes/<rid>/lib (eng/ReadyToRun.targets);
#  3. `dotnet publish` of a file-based app left on NativeAOT fails with CHAINPAY001 (not a binary that loses data);
#     with `#:property ChainPayAllowTrimming=true` it publishes, and the NativeAOT binary passes its own checks
#     (Chain("…") and the indexer send and verify, JSON reads into its type, `dynamic` is refused clearly);
#  4. `dotnet tool restore && dotnet chainpay doctor` from a local tool manifest on this feed passes every check.
# Usage: eng/check-packages.sh [artifacts-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="$(cd "${1:-$root/artifacts}" && pwd)"
fail() { echo "check-packages: $*" >&2; exit 1; }

shopt -s nullglob
packages=("$feed"/*.nupkg)
[ ${#packages[@]} -gt 0 ] || fail "no .nupkg in $feed (run: dotnet cake --target=Pack)"
version=""
for nupkg in "${packages[@]}"; do
  name=$(basename "$nupkg")
  nuspec=$(unzip -p "$nupkg" '*.nuspec')
  files=$(unzip -Z1 "$nupkg")
  for pattern in '<readme>README.md</readme>' '<license type="expression">MIT</license>' '<description>[^<]{20,}</description>' \
      '<tags>[^<]+</tags>' '<projectUrl>https://[^<]+</projectUrl>' '<releaseNotes>[^<]+</releaseNotes>' \
      '<repository type="git" url="https://[^"]+" [^>]*commit="[0-9a-f]{40}"'; do
    echo "$nuspec" | grep -Eq "$pattern" || fail "$name: the nuspec lacks $pattern"
  done
  echo "$files" | grep -qx 'README.md' || fail "$name: README.md is not in the package"
  echo "$files" | grep -q '\.pdb$' && fail "$name: a loose .pdb (symbols belong embedded in the DLL)"
  if [[ "$name" =~ ^ChainPay\.([0-9].*)\.nupkg$ ]]; then
    version="${BASH_REMATCH[1]}"
    echo "$nuspec" | tr -d '\n' | grep -Eq '<group targetFramework="\.NETStandard2\.0">[^/]*(<dependency [^>]*/>[^/]*)*<dependency id="Microsoft\.CSharp"' \
      || fail "$name: netstandard2.0 does not depend on Microsoft.CSharp"
    for f in lib/netstandard2.0/ChainPay.dll lib/net8.0/ChainPay.dll lib/net10.0/ChainPay.dll build/ChainPay.targets buildTransitive/ChainPay.targets \
        runtimes/linux-x64/lib/net8.0/ChainPay.dll runtimes/linux-x64/lib/net10.0/ChainPay.dll runtimes/win-x64/lib/net8.0/ChainPay.dll runtimes/win-x64/lib/net10.0/ChainPay.dll; do
      echo "$files" | grep -qx "$f" || fail "$name: $f is missing"
    done
  fi
  echo "check-packages: $name: metadata ok"
done
[ -n "$version" ] || fail "no ChainPay package in $feed"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/tests/consumers/." "$work/"
# The folder feed beside the feeds configured on the machine (which serve the dependencies).
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="chainpay-artifacts" value="$feed" />
  </packageSources>
</configuration>
XML
sed -i "s/CHAINPAY_VERSION/$version/" "$work/file-based/"*.cs
# A rebuilt package keeps its version between commits: never use a stale copy from the global cache.
cache=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: //')
rm -rf "$cache/chainpay/$version"

export CHAINPAY_EXPECT_MAPPED_PATHS="${CI:-false}"
cd "$work"
dotnet run --project console-net8/console-net8.csproj -c Release -p:ChainPayVersion="$version" || fail "the net8.0 console failed"
dotnet run --project console-net10/console-net10.csproj -c Release -p:ChainPayVersion="$version" || fail "the netstandard2.0 library failed"
(cd file-based && dotnet run app.cs) || fail "the file-based app failed"
set +e
(cd file-based && dotnet publish aot.cs -o "$work/aot-out") > "$work/aot.log" 2>&1
aot=$?
set -e
if [ $aot -eq 0 ] || ! grep -q 'CHAINPAY001' "$work/aot.log"; then
  tail -n 20 "$work/aot.log" >&2
  fail "a NativeAOT publish of a file-based app did not stop with CHAINPAY001 (exit $aot)"
fi
echo "check-packages: a NativeAOT publish stops with: $(grep -m1 -o 'CHAINPAY001: [^[]*' "$work/aot.log" | head -n 1)"
(cd file-based && dotnet publish aot-allowed.cs -o "$work/aot-allowed-out") > "$work/aot-allowed.log" 2>&1 \
  || { tail -n 30 "$work/aot-allowed.log" >&2; fail "a NativeAOT publish with ChainPayAllowTrimming=true failed"; }
"$work/aot-allowed-out/aot-allowed" || fail "the NativeAOT binary (ChainPayAllowTrimming=true) failed its checks"
# The tool as a developer gets it: a local tool manifest and this feed, `dotnet tool restore && dotnet chainpay doctor`
# (no WECHATPAY_MCHID: every check against the built-in sandbox, exit 0). Not in the repository's own manifest: a
# fresh clone has no feed that serves ChainPay.Cli before it is packed.
if ls "$feed"/ChainPay.Cli.*.nupkg >/dev/null 2>&1; then
  mkdir -p "$work/tool/.config"
  cat > "$work/tool/.config/dotnet-tools.json" <<JSON
{ "version": 1, "isRoot": true, "tools": { "chainpay.cli": { "version": "$version", "commands": [ "chainpay" ], "rollForward": false } } }
JSON
  cp "$work/nuget.config" "$work/tool/"
  rm -rf "$cache/chainpay.cli/$version"
  (cd "$work/tool" && unset WECHATPAY_MCHID && dotnet tool restore && dotnet chainpay doctor) || fail "dotnet tool restore && dotnet chainpay doctor failed"
  echo "check-packages: ChainPay.Cli $version: dotnet tool restore && dotnet chainpay doctor passed"
fi
echo "check-packages: ChainPay $version: all consumer checks passed"
