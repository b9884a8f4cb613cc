# Sdelka build. One TAGS string everywhere: a different set recompiles SQLite.
TAGS    := sqlite_fts5 sqlite_math_functions migrated_fynedo
GO      ?= go
GOFLAGS := -tags "$(TAGS)"
BIN     := bin
export CGO_ENABLED := 1

# Debian/Ubuntu packages the build and the tests need.
APT_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xauth x11-utils xdotool imagemagick poppler-utils

.PHONY: all deps build run test check fmt-check vet staticcheck layers unit e2e bench fuzz package demo clean help

all: build

help:
	@echo "make run      install what is missing, build, start the app on the demo database"
	@echo "make test     install what is missing, build, run checks, all tests and the end-to-end test"
	@echo "make build    bin/sdelka and bin/sdelkactl"
	@echo "make check    gofmt, go vet, staticcheck, layering"
	@echo "make bench    benchmarks (go test -bench and sdelkactl bench), summary in bench.txt"
	@echo "make package  a Linux .tar.xz with the fyne tool"
	@echo "make demo     a demo database at DEMO_DB (default: /tmp/sdelka-demo.db)"

# deps installs missing build packages on Debian/Ubuntu; elsewhere it says what is needed.
deps:
	@if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
		missing=""; for p in $(APT_PKGS); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
		done; \
		if [ -n "$$missing" ]; then \
			echo "installing:$$missing"; \
			SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
			$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
		fi; \
	else \
		echo "Not a Debian/Ubuntu system: install Go 1.26+, a C compiler, pkg-config and the OpenGL/X11 development headers"; \
		echo "(Fedora: gcc libXcursor-devel libXrandr-devel mesa-libGL-devel libXi-devel libXinerama-devel libXxf86vm-devel;"; \
		echo " macOS: Xcode command line tools; Windows: MSYS2 mingw-w64 gcc). See https://docs.fyne.io/started/"; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go is not installed: see https://go.dev/doc/install"; exit 1; }

build: deps
	$(GO) build $(GOFLAGS) -o $(BIN)/sdelka ./cmd/sdelka
	$(GO) build $(GOFLAGS) -o $(BIN)/sdelkactl ./cmd/sdelkactl

run: build
	$(BIN)/sdelka --demo

demo: build
	$(BIN)/sdelkactl demo --db $(or $(DEMO_DB),/tmp/sdelka-demo.db) --size $(or $(SIZE),small)

check: fmt-check vet staticcheck layers

fmt-check:
	@bad=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go')); \
	if [ -n "$$bad" ]; then echo "not gofmt-formatted:"; echo "$$bad"; exit 1; fi

vet:
	$(GO) vet $(GOFLAGS) ./...

staticcheck:
	$(GO) tool staticcheck -tags "$(TAGS)" ./...

layers:
	@sh .ci/layers.sh

# unit runs every Go test; fuzz targets run their seed corpus only.
unit:
	$(GO) test $(GOFLAGS) -count=1 -timeout 25m ./...

e2e: build
	@sh .ci/e2e.sh

test: deps build check unit e2e

# fuzz runs every fuzz target beyond its seed corpus (FUZZTIME each).
FUZZTIME ?= 60s
fuzz:
	@for t in model:FuzzINNProblem model:FuzzAccountProblem model:FuzzFoldText model:FuzzParseImportRow model:FuzzParseMoney model:FuzzGOSTPaymentPayload model:FuzzOrderFiles \
		reports/tabular:FuzzCSVReader reports/tabular:FuzzCSVParserMatchesEncodingCSV reports/cbr:FuzzParse reports/pdfkit:FuzzWrap \
		repo:FuzzSearchCustomers; do \
		pkg=$${t%%:*}; name=$${t#*:}; echo "== $$pkg $$name"; \
		$(GO) test $(GOFLAGS) -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0 ./$$pkg/ || exit 1; \
	done

bench: build
	@sh .ci/bench.sh

# The fyne tool (pinned in go.mod) gets --source-dir cmd/sdelka, which has no
# FyneApp.toml: in the root it would bump Build in FyneApp.toml on every run.
APP_VERSION := $(shell sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
package: build
	$(GO) build -o $(BIN)/fyne fyne.io/tools/cmd/fyne
	$(BIN)/fyne package --os linux --source-dir cmd/sdelka --executable $(CURDIR)/$(BIN)/sdelka --icon $(CURDIR)/assets/icon.png \
		--name Sdelka --app-id ru.sdelka.desktop --app-version $(APP_VERSION) --release
	mv cmd/sdelka/Sdelka.tar.xz . 2>/dev/null || true
	@ls -l Sdelka.tar.xz

clean:
	rm -rf $(BIN) Sdelka.tar.xz bench.txt
