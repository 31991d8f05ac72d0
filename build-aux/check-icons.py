#!/usr/bin/env python3
# Checks the application icons against GNOME's icon guidelines as far as a
# program can: well-formed SVG on the right canvas (128×128 for the full
# colour icon, 16×16 for the symbolic one), nothing but shapes (no text, no
# embedded or linked images, no scripts), and a symbolic icon in one flat
# colour that GTK can recolour.
#
# Usage: check-icons.py APP_ICON SYMBOLIC_ICON
import sys
import xml.etree.ElementTree as ElementTree

SVG = "{http://www.w3.org/2000/svg}"
FORBIDDEN = ("text", "image", "script", "foreignObject", "use")


def check(path, size, symbolic):
    problems = []
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        return [f"{path}: {error}"]

    if root.tag != SVG + "svg":
        problems.append(f"{path}: not an SVG document")
    for attribute, expected in (("width", str(size)), ("height", str(size)), ("viewBox", f"0 0 {size} {size}")):
        if root.get(attribute) != expected:
            problems.append(f"{path}: {attribute} is {root.get(attribute)!r}, expected {expected!r}")

    colours = set()
    for element in root.iter():
        name = element.tag.replace(SVG, "")
        if name in FORBIDDEN:
            problems.append(f"{path}: <{name}> has no place in an icon")
        for key, value in element.attrib.items():
            if key.endswith("href") and not value.startswith("#"):
                problems.append(f"{path}: links to {value}")
            if key in ("fill", "stroke") and value not in ("none",) and not value.startswith("url("):
                colours.add(value.lower())
        if symbolic and "Gradient" in name:
            problems.append(f"{path}: a symbolic icon is flat, no <{name}>")
    if symbolic and len(colours) > 1:
        problems.append(f"{path}: a symbolic icon has one colour, not {sorted(colours)}")
    if not symbolic and not colours:
        problems.append(f"{path}: draws nothing")
    return problems


def main():
    if len(sys.argv) != 3:
        print(f"usage: {sys.argv[0]} APP_ICON SYMBOLIC_ICON", file=sys.stderr)
        return 2
    problems = check(sys.argv[1], 128, False) + check(sys.argv[2], 16, True)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
