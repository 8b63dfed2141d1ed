#!/bin/sh
# azd `prepackage` hook of the taskpane service (azure.yaml): builds the task pane for
# production into dist/addin with the values azd knows. azd passes its environment to hooks:
# API_URL, ENTRA_AUTHORITY and ENTRA_API_SCOPE come from the outputs of infra/main.bicep,
# ENTRA_ADDIN_CLIENT_ID from `azd env set` (docs/deploy.md).
# The pane reads them at build time as Vite variables (import.meta.env.VITE_*).
set -eu

fail() {
  echo "build-taskpane: $1" >&2
  exit 1
}

[ -n "${API_URL:-}" ] || fail 'API_URL is not set: run `azd provision` first (it is an output of infra/main.bicep).'
[ -n "${ENTRA_AUTHORITY:-}" ] ||
  fail 'ENTRA_AUTHORITY is not set: run `azd provision` first (an output of infra/main.bicep: the login endpoint and ENTRA_TENANT_ID).'
[ -n "${ENTRA_ADDIN_CLIENT_ID:-}" ] ||
  fail 'ENTRA_ADDIN_CLIENT_ID is not set: azd env set ENTRA_ADDIN_CLIENT_ID <client id of the add-in app registration>'
[ -n "${ENTRA_API_SCOPE:-}" ] ||
  fail 'ENTRA_API_SCOPE is not set: run `azd provision` first (an output of infra/main.bicep: api://<API client id>/access_as_user).'

# The pane's build variables: exactly the list of addin/src/app/buildVariables.ts (a test checks
# the names); vite.config.ts refuses the build if a value is unusable (e.g. an `organizations` authority).
export VITE_AUTH_MODE=entra
export VITE_API_BASE="$API_URL"
export VITE_ENTRA_CLIENT_ID="$ENTRA_ADDIN_CLIENT_ID"
export VITE_ENTRA_AUTHORITY="$ENTRA_AUTHORITY"
export VITE_API_SCOPES="$ENTRA_API_SCOPE"

node -e "const s = JSON.parse(require('fs').readFileSync('package.json', 'utf8')).scripts || {};
process.exit(s['build:addin'] ? 0 : 1)" ||
  fail 'package.json has no "build:addin" script (the Vite production build of addin/ into dist/addin).'

npm run build:addin
[ -f dist/addin/taskpane.html ] || fail 'the build wrote no dist/addin/taskpane.html (the manifest points there).'
[ -f dist/addin/staticwebapp.config.json ] ||
  fail 'the build wrote no dist/addin/staticwebapp.config.json (the security headers Static Web Apps serves the pane with).'
