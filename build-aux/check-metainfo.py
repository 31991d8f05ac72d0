#!/usr/bin/env python3
# Checks the merged AppStream metainfo: appstreamcli with no warnings and
# no infos (the one info AppStream 0.16 gives for the AppStream 1.0
# <developer> tag aside), then what software centres and Flathub expect of
# it that the validator does not check: the newest release is the version
# being built, the launchable is the desktop file, every screenshot has a
# caption and points at a PNG in data/screenshots that exists.
#
# Usage: check-metainfo.py APPSTREAMCLI METAINFO DESKTOP_ID VERSION SCREENSHOT_DIR
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

SCREENSHOT_URL = "https://raw.githubusercontent.com/presencebridge/presence-bridge/main/data/screenshots/"
# Flathub's guideline for the line under the name.
SUMMARY_MAX = 35
# AppStream 0.16 (Debian 12) predates <developer id>; 1.0 requires it.
KNOWN_UNKNOWN_TAGS = {"developer"}


def validator_problems(appstreamcli, metainfo):
    problems = []
    strict = subprocess.run([appstreamcli, "validate", "--no-net", "--strict",
                             "--override=unknown-tag=pedantic", metainfo],
                            capture_output=True, text=True)
    if strict.returncode != 0:
        problems.append("appstreamcli validate --strict:\n" + strict.stdout + strict.stderr)
    # The override above would hide a misspelt tag: list them.
    pedantic = subprocess.run([appstreamcli, "validate", "--no-net", "--pedantic", metainfo],
                              capture_output=True, text=True)
    for tag in re.findall(r"^[EWIP]: [^:]+:\d+: unknown-tag (\S+)", pedantic.stdout, re.MULTILINE):
        if tag not in KNOWN_UNKNOWN_TAGS:
            problems.append(f"unknown tag <{tag}>")
    return problems


def content_problems(metainfo, desktop_id, version, screenshot_dir):
    problems = []
    root = ElementTree.parse(metainfo).getroot()

    summary = root.findtext("summary", "")
    if len(summary) > SUMMARY_MAX or summary.endswith("."):
        problems.append(f"summary “{summary}”: at most {SUMMARY_MAX} characters, no full stop")

    launchables = [element.text for element in root.findall("launchable[@type='desktop-id']")]
    if launchables != [desktop_id]:
        problems.append(f"launchable is {launchables}, expected [{desktop_id!r}]")

    developer = root.find("developer")
    if developer is None or not developer.get("id") or not developer.findtext("name"):
        problems.append("<developer> needs an id and a <name>")

    for url_type in ("homepage", "bugtracker", "vcs-browser", "help"):
        if root.find(f"url[@type='{url_type}']") is None:
            problems.append(f"no <url type=\"{url_type}\">")

    releases = root.findall("releases/release")
    if not releases or releases[0].get("version") != version:
        newest = releases[0].get("version") if releases else None
        problems.append(f"the newest release is {newest}, but this is version {version}")
    for release in releases:
        if release.find("description") is None:
            problems.append(f"release {release.get('version')} says nothing about what changed")

    screenshots = root.findall("screenshots/screenshot")
    if not screenshots or screenshots[0].get("type") != "default":
        problems.append("the first screenshot must be the default one")
    for screenshot in screenshots:
        if not screenshot.findtext("caption"):
            problems.append("a screenshot has no caption")
        for image in screenshot.findall("image"):
            url = image.text or ""
            if not url.startswith(SCREENSHOT_URL) or not url.endswith(".png"):
                problems.append(f"screenshot {url} is not a PNG in data/screenshots")
                continue
            path = os.path.join(screenshot_dir, url[len(SCREENSHOT_URL):])
            try:
                with open(path, "rb") as stream:
                    if stream.read(8) != b"\x89PNG\r\n\x1a\n":
                        problems.append(f"{path} is not a PNG")
            except OSError as error:
                problems.append(f"screenshot {url}: {error.strerror}: {path}")

    return problems


def main():
    if len(sys.argv) != 6:
        print(f"usage: {sys.argv[0]} APPSTREAMCLI METAINFO DESKTOP_ID VERSION SCREENSHOT_DIR", file=sys.stderr)
        return 2
    appstreamcli, metainfo, desktop_id, version, screenshot_dir = sys.argv[1:]
    problems = validator_problems(appstreamcli, metainfo)
    problems += content_problems(metainfo, desktop_id, version, screenshot_dir)
    for problem in problems:
        print(f"{metainfo}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
