# cowork-dist: the two commands are `make run` (build the bundled example
# distributions into dist/) and `make test`. Both install missing system packages.
SWIFT   ?= swift
PREFIX  ?= /usr/local
OUT     ?= dist
BIN      = .build/release/cowork-dist
# The example desktop distribution bakes this in at build time (env.resolve).
export ACME_SUPPORT_URL ?= https://support.acme.example/cowork

.PHONY: all deps release run test bench install clean

all: release

deps:
	@scripts/ensure-system-packages.sh

release: deps
	$(SWIFT) build -c release --product cowork-dist

run: release
	scripts/run-examples.sh $(BIN) $(OUT)

test: deps
	@WITH_TEST_TOOLS=1 scripts/ensure-system-packages.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	scripts/bench.sh $(BIN)

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/cowork-dist
	install -d $(DESTDIR)$(PREFIX)/share/cowork-dist
	cp -R templates $(DESTDIR)$(PREFIX)/share/cowork-dist/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	           $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	           $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/cowork-dist
	$(BIN) --generate-completion-script zsh  > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cowork-dist
	$(BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/cowork-dist.fish

clean:
	rm -rf .build $(OUT)
