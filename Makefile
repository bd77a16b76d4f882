# The two commands of the README. Each does whatever set-up is missing first (tools/setup.sh).
VENV := .venv
PY := $(VENV)/bin/python
QUALITY ?= medium

.PHONY: lecture test bench setup setup-test clean

lecture: setup
	$(VENV)/bin/hessian-lecture lecture --quality $(QUALITY)

test: setup-test
	CI=$${CI:-1} $(PY) -m pytest -n auto --dist loadfile

setup:
	@tools/setup.sh

setup-test:
	@tools/setup.sh --test

clean:
	rm -rf media/videos media/images media/texts media/Tex media/lecture

bench: setup-test
	$(PY) bench/run.py
