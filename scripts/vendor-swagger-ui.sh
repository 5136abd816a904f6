#!/usr/bin/env bash
# Refresh the Swagger UI that /api/docs serves (api/static/docs/swagger-ui/, committed with its licence) from the
# npm package swagger-ui-dist at the version given (default: the one vendored now). Needs npm once, by a
# maintainer; `make run` and `make test` use the committed files and need no npm for them.
#   scripts/vendor-swagger-ui.sh 5.35.0
set -euo pipefail
version=${1:-$(cat "$(dirname "$0")/../api/static/docs/swagger-ui/VERSION")}
target="$(cd "$(dirname "$0")/.." && pwd)/api/static/docs/swagger-ui"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "swagger-ui-dist@$version" >/dev/null && tar xzf swagger-ui-dist-*.tgz)
for file in swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css LICENSE NOTICE; do
  cp "$work/package/$file" "$target/$file"
done
echo "$version" >"$target/VERSION"
echo "Swagger UI $version in $target"
