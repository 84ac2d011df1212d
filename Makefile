# The project's front door for builds: `make demo`, `make test`, `make bench`.
SWIFT ?= swift
APT_PACKAGES := libsqlite3-dev libcurl4-openssl-dev pkg-config
# Release binaries carry the Swift runtime, so they need no $ORIGIN in their library search path
# (where a planted libcurl.so.4 would be loaded); they stay position-independent, and full RELRO
# binds every symbol at start and then makes the relocated data read-only.
RELEASE := $(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath \
	-Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now

.PHONY: deps build release test demo bench templates clean

# Installs the system libraries the build links against, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# One debug build of everything, tests included: the demo runs its binaries and the tests reuse
# it, so `make demo` then `make test` compiles the package once. Dependencies are resolved first,
# on their own: a build that resolves them passes Hummingbird's trait flags in another order than
# later builds do, and the next build would compile Hummingbird again.
build: deps
	$(SWIFT) package resolve
	$(SWIFT) build --build-tests

release: deps
	$(RELEASE) --product devlog
	$(RELEASE) --product devlog-sandbox

# Serial: the publisher's real-time test checks a 429's retry_after to within 50 ms, which two
# cores shared with every other test cannot promise. Beside a throwaway PostgreSQL cluster when
# the server is installed (`apt-get install postgresql`); without it those tests skip, saying why.
test: build
	scripts/pg-cluster $(SWIFT) test --skip-build --no-parallel

demo: build
	@scripts/demo

bench: deps
	@scripts/pg-cluster scripts/bench

# Regenerates the copy of templates/ compiled into the binary.
templates:
	@scripts/embed-templates

clean:
	rm -rf .build .demo
