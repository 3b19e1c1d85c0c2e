#!/usr/bin/env bash
# A newcomer's first run, from packages: packs RecSharp into a local feed, creates a console application that takes
# RecSharp from that feed and TorchSharp-cpu from nuget.org (or the local NuGet cache), makes the README's C# quick
# start its Program.cs and runs it; then (unless --no-tool) installs the recsharp tool, packed for this platform
# beside the application's build and run, from the feed and runs `recsharp --version`, `recsharp train --epochs 1`
# and `recsharp predict` on the run's rows.
#
# Usage: scripts/newcomer-run.sh [--no-tool] [--keep]
# Everything happens in a temporary folder, deleted at the end unless --keep; the repository's own build folders are
# not touched (the packs build under that folder). The packages get a version of their own (0.0.0-newcomer.<time>)
# and a package folder of their own, with the user's NuGet cache as a fallback for the rest, so no earlier run's
# packages are reused and nothing is added to that cache. Exits non-zero at the first failure.
set -euo pipefail

tool=1
keep=0
for arg in "$@"; do
  case "$arg" in
    --no-tool) tool=0 ;;
    --keep) keep=1 ;;
    *) echo "usage: $0 [--no-tool] [--keep]" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/recsharp-newcomer.XXXXXX")"
tool_pack=""
# A failure leaves no tool pack running (it builds beside the application) and, unless --keep, no temporary folder.
finish() {
  if [ -n "$tool_pack" ]; then kill "$tool_pack" 2>/dev/null || true; wait "$tool_pack" 2>/dev/null || true; fi
  if [ "$keep" -eq 0 ]; then rm -rf "$work"; fi
}
trap finish EXIT
if [ "$keep" -eq 1 ]; then echo "keeping $work"; fi
version="0.0.0-newcomer.$(date +%s)"
feed="$work/feed"
step() { echo "== $*"; }

# Packages go to a folder of this run; everything else is found in the user's cache or on nuget.org.
mkdir -p "$feed" "$work/packages"
cat > "$work/NuGet.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <fallbackPackageFolders>
    <add key="user cache" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" />
  </fallbackPackageFolders>
  <packageSources>
    <clear />
    <add key="local feed" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
CONFIG
unset NUGET_PACKAGES

# The packs skip the analyzers (code style, line length): they change nothing in a package, and the repository's own
# build enforces them.
no_analyzers=(-p:RunAnalyzers=false -p:EnforceCodeStyleInBuild=false)

step "packing RecSharp $version (and RecSharp.Abstractions, which it depends on) into $feed"
for project in RecSharp.Abstractions RecSharp; do
  dotnet pack "$repo/src/$project/$project.csproj" -c Release -o "$feed" -p:Version="$version" "${no_analyzers[@]}" \
    --artifacts-path "$work/artifacts" --nologo -v quiet
done

# The tool's pack (the longest step) builds beside the application into a folder of its own, moved into the feed once
# the application has run, so that no restore reads a package still being written.
if [ "$tool" -eq 1 ]; then
  rid="$(dotnet --info | awk '/^ *RID:/{print $2; exit}')"
  step "packing the recsharp tool for $rid (while the application builds and runs)"
  dotnet pack "$repo/src/RecSharp.Cli/RecSharp.Cli.csproj" -c Release -o "$work/tool-feed" -p:Version="$version" \
    "${no_analyzers[@]}" \
    -p:ToolPackageRuntimeIdentifiers="$rid" --artifacts-path "$work/artifacts" --nologo -v quiet \
    >"$work/tool-pack.log" 2>&1 &
  tool_pack=$!
fi

step "a new console application using RecSharp and TorchSharp-cpu"
torchsharp="$(sed -n 's/.*PackageVersion Include="TorchSharp-cpu" Version="\([^"]*\)".*/\1/p' \
  "$repo/Directory.Packages.props")"
dotnet new console -o "$work/MyApp" --no-restore >/dev/null
cd "$work/MyApp"
dotnet add package RecSharp --version "$version" --no-restore >/dev/null
dotnet add package TorchSharp-cpu --version "$torchsharp" --no-restore >/dev/null

step "the README's quick start as Program.cs"
awk '/^## Quick start in C#/{section=1; next} /^#/{section=0} section && /^```csharp$/{code=1; next}
     code && /^```$/{exit} code{print}' "$repo/README.md" > Program.cs
[ -s Program.cs ] || { echo "the README has no C# quick start block" >&2; exit 1; }

step "dotnet run"
dotnet run -c Release
[ -f model.safetensors ] || { echo "the quick start wrote no model.safetensors" >&2; exit 1; }

if [ "$tool" -eq 1 ]; then
  packed=0; wait "$tool_pack" || packed=$?
  tool_pack=""
  cat "$work/tool-pack.log"
  [ "$packed" -eq 0 ] || { echo "packing the recsharp tool failed (exit code $packed)" >&2; exit 1; }
  mv "$work/tool-feed"/*.nupkg "$feed"
  step "installing the tool from the feed"
  cd "$work"
  dotnet tool install RecSharp.Cli --version "$version" --tool-path "$work/tools"
  "$work/tools/recsharp" --version
  step "recsharp train (the built-in example, one epoch) and predict"
  "$work/tools/recsharp" train --epochs 1 --out "$work/run"
  "$work/tools/recsharp" predict --model "$work/run" --data "$work/run/example.csv" --out "$work/scores.csv"
fi
step "the newcomer run passed"
