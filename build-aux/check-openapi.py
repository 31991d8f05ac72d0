#!/usr/bin/env python3
# Checks docs/platform-api.yaml: well-formed YAML, the OpenAPI 3.0 structure
# the project relies on (tags, unique operation ids, path parameters, every
# $ref resolving), and that it documents exactly the routes the sandbox
# serves (presence-bridge-sandbox --list-routes), method for method.
#
# Usage: check-openapi.py DOCUMENT SANDBOX_BINARY
import re
import subprocess
import sys

import yaml

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SANDBOX_SERVER = "http://127.0.0.1:{port}"
ADMIN_TAG = "sandbox-admin"

problems = []


def problem(text):
    problems.append(text)


def resolve(document, ref):
    if not ref.startswith("#/"):
        return False
    node = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def walk_refs(document, node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                if not isinstance(value, str) or not resolve(document, value):
                    problem(f"{where}: $ref {value!r} does not resolve")
            else:
                walk_refs(document, value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            walk_refs(document, value, f"{where}[{index}]")


def parameter_names(document, parameters, location):
    names = set()
    for parameter in parameters or []:
        if "$ref" in parameter:
            node = document
            for part in parameter["$ref"][2:].split("/"):
                node = node[part]
            parameter = node
        if parameter.get("in") == location:
            names.add(parameter.get("name"))
    return names


def main():
    document_path, sandbox = sys.argv[1], sys.argv[2]
    try:
        with open(document_path, encoding="utf-8") as stream:
            document = yaml.safe_load(stream)
    except (OSError, yaml.YAMLError) as error:
        print(f"{document_path}: not readable YAML: {error}")
        return 1

    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3.0."):
        print(f"{document_path}: not an OpenAPI 3.0 document")
        return 1
    for key in ("info", "paths", "components", "tags"):
        if key not in document:
            problem(f"missing top-level {key}")
    info = document.get("info", {})
    if not info.get("title") or not info.get("version"):
        problem("info needs a title and a version")

    walk_refs(document, document, "#")

    tags = {tag["name"] for tag in document.get("tags", [])}
    operation_ids = set()
    documented = set()
    for path, item in (document.get("paths") or {}).items():
        servers = item.get("servers") or document.get("servers") or []
        sandbox_urls = [server["url"] for server in servers if server.get("url", "").startswith(SANDBOX_SERVER)]
        if len(sandbox_urls) != 1:
            problem(f"{path}: needs exactly one presence-bridge-sandbox server ({SANDBOX_SERVER}…)")
            continue
        prefix = sandbox_urls[0][len(SANDBOX_SERVER):]
        is_admin_path = prefix == "/_sandbox"
        if not is_admin_path and len(servers) < 2:
            problem(f"{path}: a real server's path needs its real server listed too")
        template_names = set(re.findall(r"{([^}]+)}", path))

        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            where = f"{method.upper()} {path}"
            documented.add(f"{method.upper()} {prefix}{path}")

            operation_id = operation.get("operationId")
            if not operation_id:
                problem(f"{where}: no operationId")
            elif operation_id in operation_ids:
                problem(f"{where}: operationId {operation_id} used twice")
            operation_ids.add(operation_id)

            if not operation.get("responses"):
                problem(f"{where}: no responses")
            operation_tags = operation.get("tags") or []
            if not operation_tags or any(tag not in tags for tag in operation_tags):
                problem(f"{where}: tags {operation_tags} are not all declared")
            if (ADMIN_TAG in operation_tags) != is_admin_path:
                problem(f"{where}: the {ADMIN_TAG} tag is for the sandbox's admin paths, and only for them")

            declared = parameter_names(document, item.get("parameters"), "path") | \
                parameter_names(document, operation.get("parameters"), "path")
            if declared != template_names:
                problem(f"{where}: path parameters {sorted(declared)} do not match the path's {sorted(template_names)}")

    listing = subprocess.run([sandbox, "--list-routes"], check=True, capture_output=True, text=True).stdout
    served = set()
    for line in listing.splitlines():
        method, path, _endpoint = line.split(" ")
        served.add(f"{method} {path}")

    for route in sorted(served - documented):
        problem(f"the sandbox serves {route}, which the document does not describe")
    for route in sorted(documented - served):
        problem(f"the document describes {route}, which the sandbox does not serve")

    for text in problems:
        print(f"{document_path}: {text}")
    if not problems:
        print(f"{document_path}: {len(documented)} operations, all served by the sandbox and all documented")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
