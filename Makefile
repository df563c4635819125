# clinkit — build, test, fuzz, bench, install.
#
#   make            library (build/libclinkit.a, .so) and CLI (build/clinkit)
#   make check      unit + integration tests
#   make asan       the same tests under AddressSanitizer + UBSan (build-asan/)
#   make fuzz       libFuzzer targets (clang), FUZZ_SECONDS=60 each: make fuzz-run
#   make tsan       the threaded code under ThreadSanitizer
#   make bench      benchmarks (bench/)
#   make install    PREFIX=/usr/local: library, headers, pkg-config file, CLI
#
# Sources are found by wildcard: a new module is a new file, nothing else.

CC       ?= cc
BUILD    ?= build
PREFIX   ?= /usr/local
PKGS      = jansson expat libxml-2.0 libarchive libutf8proc libpcre2-8 zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
HS_CFLAGS  := $(shell pkg-config --cflags libhs 2>/dev/null)
HS_LIBS    := $(shell pkg-config --libs libhs 2>/dev/null)
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wno-unused-parameter
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
             -Iinclude -Ilib -I$(BUILD)/gen $(PKG_CFLAGS) $(HS_CFLAGS) -fPIC $(CFLAGS) $(EXTRA_CFLAGS)
LDLIBS    = $(PKG_LIBS) $(HS_LIBS) -lm -lpthread

LIB_SRC  := $(sort $(wildcard lib/*/*.c))
CLI_SRC  := $(sort $(wildcard programs/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRC:= $(sort $(wildcard bench/*.c))

# Data files embedded in the library with tools/bin2c (generic rule below):
# lib/site/assets/NAME.EXT -> const char ck_asset_NAME_EXT[].
ASSETS   := $(sort $(wildcard lib/site/assets/*))
ASSET_SRC:= $(ASSETS:lib/site/assets/%=$(BUILD)/gen/assets/%.c)
GEN_SRC  := $(BUILD)/gen/catalog_data.c $(BUILD)/gen/deid_data.c $(ASSET_SRC)
.SECONDARY: $(ASSET_SRC)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:.c=.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCHES  := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all check unit integration asan tsan fuzz fuzz-run bench install clean demo
all: $(BUILD)/libclinkit.a $(BUILD)/libclinkit.so $(BUILD)/clinkit

$(BUILD)/%.o: %.c $(wildcard include/clinkit/*.h) $(wildcard lib/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/tools/bin2c: tools/bin2c.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 -o $@ $<

$(BUILD)/gen/catalog_data.c: catalog/catalog.json $(BUILD)/tools/bin2c
	@mkdir -p $(dir $@)
	$(BUILD)/tools/bin2c ck_catalog_json_data $< $@

$(BUILD)/gen/assets/%.c: lib/site/assets/% $(BUILD)/tools/bin2c
	@mkdir -p $(dir $@)
	$(BUILD)/tools/bin2c ck_asset_$(subst -,_,$(subst .,_,$*)) $< $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) -Wno-overflow -c $< -o $@

# De-identification data: tools/deid-lexicons.mjs regenerates the lexicons
# in data/deid/ from their packages when they are installed (the committed
# lists are its output); every data/deid file is embedded in the library.
DEID_DATA := $(sort $(wildcard data/deid/*.txt data/deid/*.tsv))
$(BUILD)/gen/deid-lexicons.stamp: tools/deid-lexicons.mjs
	@mkdir -p $(dir $@)
	@if command -v node >/dev/null 2>&1; then node tools/deid-lexicons.mjs data/deid; fi
	@touch $@

$(BUILD)/gen/deid_data.c: $(BUILD)/gen/deid-lexicons.stamp $(DEID_DATA) $(BUILD)/tools/bin2c
	@rm -f $@.tmp
	@for f in $(DEID_DATA); do n=$$(basename $$f); n=$${n%.*}; \
	  $(BUILD)/tools/bin2c ck_deid_$$n $$f $@.part && cat $@.part >> $@.tmp || exit 1; done
	@rm -f $@.part && mv $@.tmp $@

$(BUILD)/libclinkit.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libclinkit.so: $(LIB_OBJ)
	$(CC) -shared -o $@ $^ $(LDLIBS)

$(BUILD)/clinkit: $(CLI_OBJ) $(BUILD)/libclinkit.a
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libclinkit.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libclinkit.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libclinkit.a $(LDLIBS) -lcmocka

$(BUILD)/bench/%: bench/%.c $(BUILD)/libclinkit.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O3 -o $@ $< $(BUILD)/libclinkit.a $(LDLIBS)

unit: $(TESTS) $(BUILD)/clinkit
	@sh tests/run-unit.sh $(BUILD)

integration: $(BUILD)/clinkit
	@sh tests/integration/run.sh $(BUILD)/clinkit

check: unit integration

# AddressSanitizer + UndefinedBehaviorSanitizer build of the same tests.
asan:
	$(MAKE) BUILD=build-asan OPT=-O1 \
	    EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    check

# the threaded code (core/par.c and its users) under ThreadSanitizer
tsan:
	$(MAKE) BUILD=build-tsan OPT=-O1 EXTRA_CFLAGS="-fsanitize=thread" \
	    build-tsan/clinkit build-tsan/tests/test_par
	@sh tests/tsan.sh build-tsan

FUZZ_BINS := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
build-fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(GEN_SRC)
	@mkdir -p build-fuzz
	clang -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ilib $(PKG_CFLAGS) $(HS_CFLAGS) \
	    -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $< $(LIB_SRC) $(GEN_SRC) $(LDLIBS)
fuzz: $(FUZZ_BINS)
FUZZ_SECONDS ?= 60
fuzz-run: fuzz
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p build-fuzz/corpus-$$n; \
	  echo "== $$n ($(FUZZ_SECONDS)s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build-fuzz/corpus-$$n tests/fuzz/seeds/$${n#fuzz_} 2>&1 | tail -n 3 || exit 1; done

bench: $(BENCHES) $(BUILD)/clinkit
	@sh bench/run.sh $(BUILD)

demo: all
	$(BUILD)/clinkit samples samples --out $(BUILD)/samples-jsonl

install: all
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/clinkit \
	    $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(BUILD)/libclinkit.a $(BUILD)/libclinkit.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/clinkit/*.h $(DESTDIR)$(PREFIX)/include/clinkit/
	install -m 755 $(BUILD)/clinkit $(DESTDIR)$(PREFIX)/bin/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@PKGS@|$(PKGS) libhs|' clinkit.pc.in \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/clinkit.pc

clean:
	rm -rf build build-asan build-fuzz
