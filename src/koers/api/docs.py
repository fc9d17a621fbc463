"""A human docs page for the API, rendered on the server from the API's own OpenAPI schema.

Nothing is loaded from the internet (no Swagger UI from a CDN, no JavaScript):
the page lists every operation with its parameters, an example body, the
answers it can give and a ready-to-paste curl command. It needs no login,
since it shows no data; calling the API needs a token.
"""

from __future__ import annotations

import json
import shlex
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .v1 import api

PREFIX = "/api/v1"
METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}
ANSWERS = {
    "200": _("OK"),
    "204": _("Done; no content"),
    "400": _("Invalid input; every error is listed and nothing is saved"),
    "401": _("No valid token"),
    "403": _("Your rights do not allow this"),
    "404": _("Not found (or of another organisation)"),
}


def schema() -> dict:
    return api.get_openapi_schema(path_prefix=PREFIX)


def _resolve(node: dict, components: dict) -> dict:
    seen = 0
    while "$ref" in node and seen < 20:
        node = components.get(node["$ref"].rsplit("/", 1)[-1], {})
        seen += 1
    return node


def example(node: dict, components: dict, depth: int = 0) -> Any:
    """A plausible example value for a JSON schema (its own examples first)."""
    node = _resolve(node, components)
    if depth > 6:
        return None
    if node.get("examples"):
        return node["examples"][0]
    if "example" in node:
        return node["example"]
    if node.get("default") is not None:
        return node["default"]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [o for o in node[key] if _resolve(o, components).get("type") != "null"]
            return example(options[0] if options else node[key][0], components, depth + 1)
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties", {})
        return {name: example(sub, components, depth + 1) for name, sub in props.items()}
    if kind == "array":
        return [example(node.get("items", {}), components, depth + 1)]
    if kind == "string":
        return {"date": "2025-01-01", "date-time": "2025-02-03T10:00:00+01:00"}.get(
            node.get("format"), "text"
        )
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    return None


def _path_example(path: str, params: list[dict]) -> str:
    samples = {"code": "PW-1", "period": "2025-01"}
    for p in params:
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", samples.get(p["name"], p["name"]))
    return path


def operations(base_url: str) -> list[dict]:
    """Every operation of the schema, with what the docs page shows of it."""
    doc = schema()
    components = doc.get("components", {}).get("schemas", {})
    ops = []
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            params = op.get("parameters", [])
            body_schema = (
                op.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            body = example(body_schema, components) if body_schema else None
            url = base_url + _path_example(path, params)
            # The token header in double quotes, so the shell fills in $KOERS_TOKEN.
            command = ["curl"]
            if method != "get":
                command += ["-X", method.upper()]
            command.append('-H "Authorization: Bearer $KOERS_TOKEN"')
            if body is not None:
                command += ["-H", shlex.quote("Content-Type: application/json")]
                command += ["-d", shlex.quote(json.dumps(body, ensure_ascii=False))]
            command.append(shlex.quote(url))
            responses = []
            for status, answer in sorted(op.get("responses", {}).items(), key=lambda i: str(i[0])):
                status = str(status)
                content = answer.get("content", {}).get("application/json", {}).get("schema")
                responses.append(
                    {
                        "status": status,
                        "description": ANSWERS.get(status, answer.get("description", "")),
                        "example": json.dumps(example(content, components), indent=2)
                        if content and status.startswith("2")
                        else "",
                    }
                )
            ops.append(
                {
                    "id": op.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in params
                    ],
                    "body": json.dumps(body, indent=2, ensure_ascii=False)
                    if body is not None
                    else "",
                    "responses": responses,
                    "curl": " ".join(command),
                }
            )
    ops.sort(key=lambda o: (o["path"], METHOD_ORDER.get(o["method"].lower(), 9)))
    return ops


def docs_page(request: HttpRequest) -> HttpResponse:
    base_url = request.build_absolute_uri("/").rstrip("/")
    context = {
        "operations": operations(base_url),
        "openapi_url": PREFIX + "/openapi.json",
        "base_url": base_url,
        "title": api.title,
    }
    return render(request, "api/docs.html", context)
