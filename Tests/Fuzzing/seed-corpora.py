#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora from the repository's examples and the shared test data.

usage: seed-corpora.py REPO SHARED OUT

Writes OUT/<target>/<sha1> files (git-ignored; `make fuzz` runs this first). A missing SHARED
folder is skipped: the committed seeds in seeds/<target>/ are enough to start from.
"""
import hashlib
import json
import os
import re
import sys

repo, shared, out = sys.argv[1:4]
# Larger seeds are skipped: libFuzzer would cut them to -max_len anyway.
MAX_SEED = 64 * 1024
counts = {}


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_SEED:
        return
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1


def files(root, suffixes):
    if not os.path.isdir(root):
        return
    for base, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(suffixes):
                yield os.path.join(base, name)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


documents = (".yaml", ".yml", ".json")
testdata = os.path.join(shared, "testdata")

# fuzz-loader: Arazzo and OpenAPI documents, in YAML and JSON.
for root in [os.path.join(repo, "examples"), os.path.join(repo, "Tests"),
             os.path.join(testdata, "arazzo-spec-examples"), os.path.join(testdata, "realworld")]:
    for path in files(root, documents):
        if "/Fuzzing/" not in path:
            put("fuzz-loader", read(path))

# fuzz-expression: the runtime-expression fixtures, one expression a file.
for name in ["runtime-expression.pass.txt", "runtime-expression.fail.txt"]:
    path = os.path.join(repo, "Tests/ArazzoExpressionsTests/Fixtures", name)
    if os.path.exists(path):
        for line in read(path).decode("utf-8").splitlines():
            if line and not line.startswith("#"):
                put("fuzz-expression", line)

# fuzz-condition and fuzz-expression: criteria conditions and {$…} values from Arazzo documents.
condition = re.compile(r"^\s*-?\s*condition:\s*(.+?)\s*$")
expression = re.compile(r"\$[a-zA-Z][^\s'\"}]*")
for root in [os.path.join(repo, "examples"), os.path.join(testdata, "arazzo-spec-examples"),
             os.path.join(testdata, "realworld")]:
    for path in files(root, (".yaml", ".yml")):
        for line in read(path).decode("utf-8", "replace").splitlines():
            m = condition.match(line)
            if m:
                put("fuzz-condition", m.group(1).strip("'\""))
            for e in expression.findall(line):
                put("fuzz-expression", e)

# fuzz-jsonpath: the compliance test suite's selectors, each with its document.
cts = load_json(os.path.join(testdata, "jsonpath-cts/cts.json")) or {"tests": []}
for test in cts["tests"]:
    document = test.get("document")
    text = test["selector"]
    if "\n" in text:
        continue
    put("fuzz-jsonpath", text + ("\n" + json.dumps(document) if document is not None else ""))

# fuzz-jsonschema: each test of the JSON-Schema-Test-Suite as [schema, instance].
for path in files(os.path.join(testdata, "json-schema-test-suite/draft2020-12"), (".json",)):
    for group in load_json(path) or []:
        for test in group.get("tests", []):
            put("fuzz-jsonschema", json.dumps([group["schema"], test["data"]]))
for path in files(os.path.join(testdata, "arazzo-schemas"), (".json",)):
    put("fuzz-jsonschema", read(path))

# fuzz-har: the recordings.
for path in files(os.path.join(repo, "examples"), (".har",)):
    put("fuzz-har", read(path))

for target in sorted(counts):
    print(f"seed corpus {target}: {counts[target]} new files in {os.path.join(out, target)}")
