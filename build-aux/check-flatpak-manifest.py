#!/usr/bin/env python3
# Checks the Flatpak manifest offline, beyond what flatpak-builder's own
# parser does: the identity of the app, the runtime, a sandbox no wider than
# flatpak/README.md justifies, and a single module built with meson from
# this checkout. Prints one line per problem and exits 1 when there is any.
#
# Usage: check-flatpak-manifest.py MANIFEST APPLICATION_ID
import json
import os
import re
import sys

# The latest stable GNOME runtime when this was written (GNOME 51, released
# September 2026; 50 is the old stable one). Bump it with each GNOME release,
# together with the manifest (flatpak/README.md says how).
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
RUNTIME_VERSION = "51"

# Every permission the app may ask for. Nothing else, and never
# --filesystem: files go through the file chooser portal, secrets through
# libsecret's portal backend.
ALLOWED_FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}

REQUIRED_KEYS = ("id", "runtime", "runtime-version", "sdk", "command", "finish-args", "modules")


def check(manifest, manifest_dir, readme, application_id):
    """The problems of @manifest (parsed), which lives in @manifest_dir
    beside a README whose text is @readme."""
    problems = []
    if not isinstance(manifest, dict):
        return ["the manifest is not a JSON object"]

    for key in REQUIRED_KEYS:
        if key not in manifest:
            problems.append(f"missing key “{key}”")
    if "app-id" in manifest:
        problems.append("use “id”, not the old “app-id”")

    expected = {
        "id": application_id,
        "command": "presence-bridge",
        "runtime": RUNTIME,
        "runtime-version": RUNTIME_VERSION,
        "sdk": SDK,
    }
    for key, value in expected.items():
        if key in manifest and manifest[key] != value:
            problems.append(f"“{key}” is {manifest[key]!r}, expected {value!r}")

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list) or not all(isinstance(arg, str) for arg in finish_args):
        problems.append("“finish-args” is not a list of strings")
        finish_args = []
    seen = set()
    for arg in finish_args:
        if arg in seen:
            problems.append(f"finish-arg {arg} is given twice")
        seen.add(arg)
        if arg.startswith("--filesystem") or arg.startswith("--persist"):
            problems.append(f"finish-arg {arg}: no file system access; files go through the portal")
        elif arg not in ALLOWED_FINISH_ARGS:
            problems.append(f"finish-arg {arg} is not in the allow-list")
        if f"`{arg}`" not in readme:
            problems.append(f"finish-arg {arg} is not justified in flatpak/README.md")
    if "--socket=fallback-x11" in seen and "--share=ipc" not in seen:
        problems.append("--socket=fallback-x11 needs --share=ipc")

    modules = manifest.get("modules", [])
    if not isinstance(modules, list) or len(modules) != 1 or not isinstance(modules[0], dict):
        problems.append("expected exactly one module, the app itself: the runtime has every library it needs")
        return problems
    module = modules[0]
    if module.get("name") != "presence-bridge":
        problems.append(f"the module is named {module.get('name')!r}, expected 'presence-bridge'")
    if module.get("buildsystem") != "meson":
        problems.append("the module is not built with meson")
    build_args = module.get("build-options", {}).get("build-args", [])
    if any(arg.startswith("--share=network") for arg in build_args):
        problems.append("the build must not need the network")
    sources = module.get("sources", [])
    if len(sources) != 1 or not isinstance(sources[0], dict) or sources[0].get("type") != "dir":
        problems.append("the module's one source must be the checkout (“type”: “dir”)")
        return problems
    source_dir = os.path.normpath(os.path.join(manifest_dir, sources[0].get("path", "")))
    try:
        with open(os.path.join(source_dir, "meson.build"), encoding="utf-8") as stream:
            top = stream.read()
    except OSError:
        top = ""
    if not re.search(r"project\(\s*'presence-bridge'", top):
        problems.append(f"the source path {sources[0].get('path')!r} is not the checkout ({source_dir})")

    return problems


def self_test(manifest, manifest_dir, readme, application_id):
    """The checker would be worthless if it passed anything: each of these
    changes to the real manifest must be reported."""
    def changed(change):
        copy = json.loads(json.dumps(manifest))
        change(copy)
        return copy

    cases = {
        "an old runtime": lambda m: m.update({"runtime-version": "47"}),
        "another id": lambda m: m.update({"id": "org.example.Other"}),
        "another command": lambda m: m.update({"command": "presence-bridge-cli"}),
        "home access": lambda m: m["finish-args"].append("--filesystem=home"),
        "a bus name": lambda m: m["finish-args"].append("--talk-name=org.freedesktop.secrets"),
        "a repeated permission": lambda m: m["finish-args"].append(m["finish-args"][0]),
        "no command": lambda m: m.pop("command"),
        "an extra module": lambda m: m["modules"].insert(0, {"name": "json-glib", "buildsystem": "meson"}),
        "another build system": lambda m: m["modules"][-1].update({"buildsystem": "simple"}),
        "a tarball": lambda m: m["modules"][-1].update({"sources": [{"type": "archive", "url": "https://example.org/x.tar.xz"}]}),
        "another directory": lambda m: m["modules"][-1]["sources"][0].update({"path": "../.."}),
        "network while building": lambda m: m["modules"][-1].update({"build-options": {"build-args": ["--share=network"]}}),
    }
    failures = 0
    for name, change in cases.items():
        if not check(changed(change), manifest_dir, readme, application_id):
            print(f"not reported: {name}")
            failures += 1
    if not check(manifest, manifest_dir, readme.replace("`--device=dri`", "dri"), application_id):
        print("not reported: a permission the README does not justify")
        failures += 1
    return failures


def main():
    arguments = [arg for arg in sys.argv[1:] if arg != "--self-test"]
    if len(arguments) != 2:
        print(f"usage: {sys.argv[0]} [--self-test] MANIFEST APPLICATION_ID", file=sys.stderr)
        return 2
    manifest_path, application_id = arguments
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
    try:
        with open(manifest_path, encoding="utf-8") as stream:
            manifest = json.load(stream)
        with open(os.path.join(manifest_dir, "README.md"), encoding="utf-8") as stream:
            readme = stream.read()
    except (OSError, ValueError) as error:
        print(f"{manifest_path}: {error}")
        return 1

    if "--self-test" in sys.argv:
        return 1 if self_test(manifest, manifest_dir, readme, application_id) else 0

    problems = check(manifest, manifest_dir, readme, application_id)
    for problem in problems:
        print(f"{manifest_path}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
