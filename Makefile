# ntm — the two commands of the README:
#   make run    set up what is missing, then issue every document of inputs/
#   make test   set up what is missing, then run the whole test suite
# Set-up installs only what is absent: the pinned typst CLI (a long build,
# never repeated when `typst --version` already reports it), a Times-compatible
# font with full Vietnamese coverage, and poppler-utils, LibreOffice Writer
# and chromium for the tests; `make test` also builds the Windows package
# (`make windows`: mingw-w64, the Rust target, a cross-built typst.exe kept
# between runs) and runs it under Wine.

TYPST_VERSION := 0.15.1
TYPST_SERIES  := 0.15
CARGO_BIN     := $(HOME)/.cargo/bin
export PATH   := $(CARGO_BIN):$(PATH)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FONT_DIRS := /usr/share/fonts/truetype/liberation2 /usr/share/fonts/truetype/msttcorefonts

.PHONY: run test setup setup-typst setup-fonts setup-test-tools build clean windows setup-windows

# The documents of inputs/documents, then the quarterly progress report.
run: setup
	cargo run --release --locked -- build --workspace inputs --output output
	cargo run --release --locked -- build --workspace inputs --output output --report tien-do --period 2023-Q3

# The Windows tests (tests/windows.rs) are ignored by a bare `cargo test`:
# they need the package `make windows` writes, and Wine.
test: setup setup-test-tools windows
	cargo test --locked
	cargo test --locked --test windows -- --ignored

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
# headless chromium opens the dashboard's pages (tests/cli/dashboard.rs);
# Wine runs the Windows package (tests/windows.rs).
setup-test-tools:
	@missing=""; \
	command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || missing="$$missing poppler-utils"; \
	command -v unzip >/dev/null || missing="$$missing unzip"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v wine >/dev/null || missing="$$missing wine wine64"; \
	if [ -z "$$missing" ]; then \
	  echo "công cụ kiểm thử: đã có"; \
	else \
	  echo "Cài$$missing…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf output/build output/*.pdf

# --- Windows package (issue #18) ---------------------------------------------
# output/dist/ntm-windows-x64.zip: ntm.exe and typst.exe cross-built with
# mingw-w64, the Liberation Serif fonts and their licence, the example
# workspace, HUONG-DAN.txt and the .bat files of templates/windows.
WINDOWS_TARGET := x86_64-pc-windows-gnu
# The cross-built typst, kept outside the clone like the Linux one (about 12
# minutes to build on 2 cores, then never again for the same version).
WINDOWS_TYPST_ROOT := $(HOME)/.cargo/ntm-windows
WINDOWS_TYPST := $(WINDOWS_TYPST_ROOT)/bin/typst.exe
WINDOWS_ZIP := output/dist/ntm-windows-x64.zip
LIBERATION := /usr/share/fonts/truetype/liberation2
TARGET_DIR = $${CARGO_TARGET_DIR:-target}

# Both programs stripped of their symbols (a clerk has no debugger; the zip
# is a third of the size); SOURCE_DATE_EPOCH keeps strip from writing the
# clock into the .exe header, as --no-insert-timestamp does for the linker
# (.cargo/config.toml): the same sources give the same zip.
windows: setup-windows
	cargo build --release --locked --target $(WINDOWS_TARGET)
	@mkdir -p $(TARGET_DIR)/windows-package
	SOURCE_DATE_EPOCH=0 x86_64-w64-mingw32-strip -o $(TARGET_DIR)/windows-package/ntm.exe $(TARGET_DIR)/$(WINDOWS_TARGET)/release/ntm.exe
	SOURCE_DATE_EPOCH=0 x86_64-w64-mingw32-strip -o $(TARGET_DIR)/windows-package/typst.exe $(WINDOWS_TYPST)
	cargo run --locked --example windows_package -- $(WINDOWS_ZIP) \
	  $(TARGET_DIR)/windows-package/ntm.exe $(TARGET_DIR)/windows-package/typst.exe \
	  $(LIBERATION) /usr/share/doc/fonts-liberation2/copyright /usr/share/common-licenses/Apache-2.0 \
	  templates/windows inputs

# The package ships Liberation Serif itself, whatever font the machine uses.
setup-windows:
	@missing=""; \
	command -v x86_64-w64-mingw32-gcc >/dev/null || missing="$$missing gcc-mingw-w64-x86-64"; \
	[ -f $(LIBERATION)/LiberationSerif-Regular.ttf ] || missing="$$missing fonts-liberation2"; \
	[ -f /usr/share/common-licenses/Apache-2.0 ] || missing="$$missing base-files"; \
	if [ -n "$$missing" ]; then \
	  echo "Cài$$missing…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@rustup target list --installed | grep -qx $(WINDOWS_TARGET) || rustup target add $(WINDOWS_TARGET)
	@if grep -qs '^"typst-cli $(subst .,\.,$(TYPST_VERSION)) ' $(WINDOWS_TYPST_ROOT)/.crates.toml && [ -f $(WINDOWS_TYPST) ]; then \
	  echo "typst.exe: $(TYPST_VERSION) ($(WINDOWS_TYPST))"; \
	else \
	  echo "Biên dịch typst.exe $(TYPST_VERSION) cho Windows (lần đầu mất khoảng 12–15 phút)…"; \
	  cargo install --locked typst-cli --version $(TYPST_VERSION) --target $(WINDOWS_TARGET) --root $(WINDOWS_TYPST_ROOT); \
	fi

# The district-sized benchmark of issue #6 (bench/run.sh): 50,000 households,
# 200 documents; and the intake of six large workbooks against the pandas +
# python-calamine anchor of issue #17 (bench/anchor.py, set up in bench/.venv
# when missing); prints the figures and writes bench/last-results.md.
.PHONY: bench
bench: setup
	bash bench/run.sh
