# The project's front door for builds: `make demo`, `make test`, `make bench`.
SWIFT ?= swift
APT_PACKAGES := libsqlite3-dev libcurl4-openssl-dev
BIN := .build/release/devlog
# Release binaries carry Swift's runtime and Foundation: loading them as shared libraries cost
# about 10 ms per run, most of a record command's time. Linked as a fixed-address executable
# (not PIE): the loader then has 467 relocations to apply instead of 88,794, 1 ms of every start
# (`devlog --version`: 4.97 -> 3.99 ms CPU). The price is no address randomisation for the
# executable's own code; libraries, heap and stacks keep theirs.
RELEASE := $(SWIFT) build -c release --static-swift-stdlib -Xlinker -no-pie

.PHONY: deps build release test demo bench templates clean

# Installs the system libraries the build links against, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(RELEASE) --product devlog
	$(RELEASE) --product devlog-sandbox

# Serial: the publisher's real-time test checks a 429's retry_after to within 50 ms, which two
# cores shared with every other test cannot promise; the whole suite still runs in about 35 s.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

demo: release
	@scripts/demo

bench: deps
	@scripts/bench

# Regenerates the copy of templates/ compiled into the binary.
templates:
	@scripts/embed-templates

clean:
	rm -rf .build .demo
