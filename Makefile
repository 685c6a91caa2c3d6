# mutua's everyday commands. `make run` serves the demo, `make test` runs
# every test (it starts or installs PostgreSQL when needed).

GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: run test build vendor clean

run: vendor ## serve the demo community on http://localhost:8080
	$(GO) run ./cmd/mutua serve --demo --db mutua-demo.db

test: ## run the whole test suite on SQLite and PostgreSQL
	bash scripts/test.sh

build: vendor ## one static binary in bin/mutua
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/mutua ./cmd/mutua

vendor: ## htmx and Leaflet from npm (package-lock.json) into the embedded static files
	bash scripts/vendor.sh

clean:
	rm -rf bin mutua-demo.db mutua-demo.db-wal mutua-demo.db-shm
