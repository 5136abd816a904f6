#!/usr/bin/env bash
# Refresh uPlot, the chart library of the staff's levels page (frontend/vendor/uplot/, committed with its MIT
# licence), from the npm package uplot at the version given (default: the one vendored now). Needs npm once, by a
# maintainer; `make run` and `make test` use the committed files and need no npm for them.
#   scripts/vendor-uplot.sh 1.6.32
set -euo pipefail
version=${1:-$(cat "$(dirname "$0")/../frontend/vendor/uplot/VERSION")}
target="$(cd "$(dirname "$0")/.." && pwd)/frontend/vendor/uplot"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "uplot@$version" >/dev/null && tar xzf uplot-*.tgz)
mkdir -p "$target"
for file in dist/uPlot.iife.min.js dist/uPlot.min.css LICENSE; do
  cp "$work/package/$file" "$target/$(basename "$file")"
done
echo "$version" >"$target/VERSION"
echo "uPlot $version in $target"
