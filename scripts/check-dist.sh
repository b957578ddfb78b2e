#!/usr/bin/env bash
# Rebuilds dist/ from an empty folder and fails when it differs from the commit in any way: a
# modified, deleted or new file (a stale or missing chunk). Used by .ci/run, `npm run all` and
# the check-dist workflow.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
npm run package >/dev/null
if [ -n "$(git status --porcelain -- dist/)" ]; then
  echo "dist/ does not match a fresh build of src/: run 'npm run package' and commit dist/ with the change." >&2
  git status --short -- dist/ >&2
  git diff --stat -- dist/ >&2 || true
  exit 1
fi
echo "dist/ matches a fresh build of src/."
