# The README's two commands are `make demo` and `make test`.
SWIFT ?= swift

.PHONY: build release test demo bench clean

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

test:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: build
	.build/debug/arazzo validate examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml

bench: release
	bench/run

clean:
	rm -rf .build
