# ntm — the two commands of the README:
#   make run    set up what is missing, then issue every document of inputs/
#   make test   set up what is missing, then run the whole test suite
# Set-up installs only what is absent: the pinned typst CLI (a long build,
# never repeated when `typst --version` already reports it), a Times-compatible
# font with full Vietnamese coverage, and poppler-utils, LibreOffice Writer
# and chromium for the tests.

TYPST_VERSION := 0.15.1
TYPST_SERIES  := 0.15
CARGO_BIN     := $(HOME)/.cargo/bin
export PATH   := $(CARGO_BIN):$(PATH)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FONT_DIRS := /usr/share/fonts/truetype/liberation2 /usr/share/fonts/truetype/msttcorefonts

.PHONY: run test setup setup-typst setup-fonts setup-test-tools build clean

# The documents of inputs/documents, then the quarterly progress report.
run: setup
	cargo run --release --locked -- build --workspace inputs --output output
	cargo run --release --locked -- build --workspace inputs --output output --report tien-do --period 2023-Q3

test: setup setup-test-tools
	cargo test --locked

build:
	cargo build --release --locked

setup: setup-typst setup-fonts

setup-typst:
	@if typst --version 2>/dev/null | grep -q '^typst $(subst .,\.,$(TYPST_SERIES))\.'; then \
	  echo "typst: $$(typst --version)"; \
	else \
	  echo "Cài typst $(TYPST_VERSION) (biên dịch lần đầu mất khoảng 20 phút)…"; \
	  cargo install --locked typst-cli --version $(TYPST_VERSION); \
	fi

# Liberation Serif 2 (Times New Roman metrics, complete Vietnamese), or
# Times New Roman where the machine already has it.
setup-fonts:
	@found=""; for d in $(FONT_DIRS); do \
	  if [ -f $$d/LiberationSerif-Regular.ttf ] || [ -f $$d/Times_New_Roman.ttf ]; then found=$$d; fi; \
	done; \
	if [ -n "$$NTM_FONT_PATH" ] || [ -n "$$found" ]; then \
	  echo "phông chữ: $${NTM_FONT_PATH:-$$found}"; \
	else \
	  echo "Cài phông Liberation Serif (fonts-liberation2)…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-liberation2; \
	fi

# pdftotext, pdffonts, pdfinfo read the PDFs back; unzip reads the
# workbooks' XML; /usr/bin/time measures peak memory of hostile inputs;
# LibreOffice opens the .docx copies as an office would.
# headless chromium opens the dashboard's pages (tests/cli/dashboard.rs).
setup-test-tools:
	@missing=""; \
	command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || missing="$$missing poppler-utils"; \
	command -v unzip >/dev/null || missing="$$missing unzip"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -z "$$missing" ]; then \
	  echo "công cụ kiểm thử: đã có"; \
	else \
	  echo "Cài$$missing…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf output/build output/*.pdf

# The district-sized benchmark of issue #6 (bench/run.sh): 50,000 households,
# 200 documents; and the intake of six large workbooks against the pandas +
# python-calamine anchor of issue #17 (bench/anchor.py, set up in bench/.venv
# when missing); prints the figures and writes bench/last-results.md.
.PHONY: bench
bench: setup
	bash bench/run.sh
