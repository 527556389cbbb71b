#!/usr/bin/env bash
# Re-vendor the NL Design System CSS (ADR 0029): the built CSS of the Utrecht component library from the npm
# registry, at the pinned version, with its licence. Only a developer who upgrades runs this (`make nlds`); `make
# run`, `make test` and production use the committed files and need no npm.
#
# Only @utrecht/component-library-css (EUPL-1.2) is vendored. @utrecht/design-tokens is NOT: its LICENSE.md says the
# tokens are proprietary assets of the Gemeente Utrecht (its brand); the portal has its own theme,
# portaal-thema.css, which sets the components' --utrecht-* custom properties.
set -euo pipefail
VERSIE="${1:-9.0.4}"
doel="$(cd "$(dirname "$0")" && pwd)/static/portal/nlds"
werk="$(mktemp -d)"
trap 'rm -rf "$werk"' EXIT
(cd "$werk" && npm pack --silent "@utrecht/component-library-css@$VERSIE" >/dev/null && tar xzf ./*.tgz)
licentie="$(node -p "require('$werk/package/package.json').license")"
[ "$licentie" = "EUPL-1.2" ] || { echo "Onverwachte licentie: $licentie" >&2; exit 1; }
cp "$werk/package/dist/html.css" "$doel/utrecht-html.css"
cp "$werk/package/dist/index.css" "$doel/utrecht-componenten.css"
cp "$werk/package/LICENSE.md" "$doel/LICENSE-utrecht-EUPL-1.2.md"
echo "@utrecht/component-library-css@$VERSIE ($licentie)" > "$doel/VERSIE"
echo "Gevendord: @utrecht/component-library-css@$VERSIE naar $doel"
