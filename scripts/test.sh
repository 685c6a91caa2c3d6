#!/usr/bin/env bash
# The whole test suite: formatting, vet, the unit tests with the race
# detector on SQLite (the browser tests in headless Chromium among them),
# then every database-backed package again on PostgreSQL.
# `make test` and .ci/run both call this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

count=()
# In CI, run every test for real instead of trusting the test cache.
[ "${CI:-}" = true ] && count=(-count=1)

step() { printf '\n== %s\n' "$*"; }

step "front-end libraries from npm"
bash scripts/vendor.sh

step "gofmt"
unformatted=$(gofmt -l $(git ls-files --cached --others --exclude-standard '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt would change: $unformatted"; exit 1; fi

step "go vet"
go vet ./...

step "staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.7.0 ./...

step "chromium and axe-core for the browser tests"
bash scripts/ensure-browser.sh

step "tests on SQLite (race detector on)"
MUTUA_TEST_DB=sqlite go test -race "${count[@]}" ./...

# The browser tests skip themselves here: they test pages, and one database
# is enough for that.
step "tests on PostgreSQL"
bash scripts/ensure-postgres.sh
db_pkgs=$(go list -f '{{if or (.TestImports) (.XTestImports)}}{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}{{end}}' ./... \
  | awk '/mutua\/internal\/store\/storetest/ {print $1}')
MUTUA_TEST_DB=postgres go test -race "${count[@]}" $db_pkgs
