#!/bin/sh
# azd `prepackage` hook of the taskpane service (azure.yaml): builds the task pane for
# production into dist/addin with the values azd knows. azd passes its environment to hooks:
# API_URL comes from the outputs of infra/main.bicep, the rest from `azd env set` (docs/deploy.md).
# The pane reads them at build time as Vite variables (import.meta.env.VITE_*).
set -eu

fail() {
  echo "build-taskpane: $1" >&2
  exit 1
}

[ -n "${API_URL:-}" ] || fail 'API_URL is not set: run `azd provision` first (it is an output of infra/main.bicep).'
[ -n "${ENTRA_TENANT_ID:-}" ] || fail 'ENTRA_TENANT_ID is not set: azd env set ENTRA_TENANT_ID <directory (tenant) id>'
[ -n "${ENTRA_ADDIN_CLIENT_ID:-}" ] ||
  fail 'ENTRA_ADDIN_CLIENT_ID is not set: azd env set ENTRA_ADDIN_CLIENT_ID <client id of the add-in app registration>'
[ -n "${ENTRA_AUDIENCE:-}" ] || fail 'ENTRA_AUDIENCE is not set: azd env set ENTRA_AUDIENCE <client id of the API app registration>'

export VITE_API_URL="$API_URL"
export VITE_ENTRA_TENANT_ID="$ENTRA_TENANT_ID"
export VITE_ENTRA_CLIENT_ID="$ENTRA_ADDIN_CLIENT_ID"
export VITE_ENTRA_API_SCOPE="${ENTRA_API_SCOPE:-api://$ENTRA_AUDIENCE/access_as_user}"

node -e "const s = JSON.parse(require('fs').readFileSync('package.json', 'utf8')).scripts || {};
process.exit(s['build:addin'] ? 0 : 1)" ||
  fail 'package.json has no "build:addin" script (the Vite production build of addin/ into dist/addin).'

npm run build:addin
[ -f dist/addin/taskpane.html ] || fail 'the build wrote no dist/addin/taskpane.html (the manifest points there).'
