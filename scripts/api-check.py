#!/usr/bin/env python3
"""Checks the JSON API of `recrepo serve` against its OpenAPI document.

    api-check.py BASE_URL USER PASSWORD [--max-examples N] [--document PATH]

1. Validates the document (templates/web/openapi.json, or the one given) with
   openapi-spec-validator, and checks that the server serves the same document at /openapi.json.
2. Signs in through the API (POST /api/v1/session) and runs schemathesis against the live server
   with the session cookie and the X-CSRF-Token header: every GET call, bounded in examples and
   time. It fails on any server error (5xx) and on any response that breaks the document (status,
   content type, headers, body schema). Calls that sign are left out: each would need a password
   and a random one counts toward locking the account.

Needs openapi-spec-validator and schemathesis (pip install openapi-spec-validator schemathesis).
Exits 0 when everything passes.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

HERE = os.path.dirname(os.path.abspath(__file__))
DOCUMENT = os.path.normpath(os.path.join(HERE, "..", "templates", "web", "openapi.json"))
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance"


def fail(message):
    print(f"api-check: {message}", file=sys.stderr)
    sys.exit(1)


def validate_document(path):
    spec, _ = read_from_filename(path)
    validate(spec)
    if not spec.get("openapi", "").startswith("3.1"):
        fail(f"{path} is not an OpenAPI 3.1 document")
    print(f"api-check: {path} is a valid OpenAPI {spec['openapi']} document")
    return spec


def served_document(base):
    try:
        with urllib.request.urlopen(f"{base}/openapi.json", timeout=30) as response:
            if not response.headers.get("Content-Type", "").startswith("application/json"):
                fail("/openapi.json is not served as application/json")
            return json.load(response)
    except urllib.error.URLError as error:
        fail(f"no server answers at {base} ({error.reason}); start one with 'recrepo serve --repo PATH --listen HOST:PORT'")


def sign_in(base, user, password):
    body = json.dumps({"user": user, "password": password}).encode()
    request = urllib.request.Request(f"{base}/api/v1/session", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.load(response)
            cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    except urllib.error.HTTPError as error:
        fail(f"signing in as {user} was refused ({error.code}): {error.read().decode(errors='replace')}")
    session = [c for c in cookies if c.startswith("recrepo_session=")]
    if not session or "csrf" not in answer:
        fail("the sign-in answered no session cookie or no csrf token")
    return session[0], answer["csrf"]


def schemathesis_command():
    beside = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    found = beside if os.path.exists(beside) else shutil.which("schemathesis")
    if not found:
        fail("schemathesis is not installed (pip install schemathesis)")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the server's address, such as http://127.0.0.1:8080")
    parser.add_argument("user", help="the user to sign in as")
    parser.add_argument("password", help="that user's password")
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--max-time", type=int, default=150, help="seconds for the schemathesis run")
    parser.add_argument("--document", default=DOCUMENT)
    arguments = parser.parse_args()
    base = arguments.base.rstrip("/")

    spec = validate_document(arguments.document)
    if served_document(base) != spec:
        fail("the server's /openapi.json differs from the document checked")
    cookie, csrf = sign_in(base, arguments.user, arguments.password)
    print(f"api-check: signed in as {arguments.user}")

    with tempfile.TemporaryDirectory() as reports:
        command = [
            schemathesis_command(), "run", os.path.abspath(arguments.document), "--url", base,
            "--header", f"Cookie: {cookie}", "--header", f"X-CSRF-Token: {csrf}",
            "--include-method", "GET", "--checks", CHECKS,
            "--max-examples", str(arguments.max_examples), "--max-time", str(arguments.max_time),
            "--phases", "examples,coverage,fuzzing", "--workers", "1", "--seed", "19",
            "--suppress-health-check", "all", "--report-dir", reports,
        ]
        print("api-check: " + " ".join(c if not c.startswith(("Cookie:", "X-CSRF")) else c.split(":")[0] + ": …" for c in command))
        # Run from the temporary folder, so that schemathesis's example database stays out of the work tree.
        result = subprocess.run(command, cwd=reports)
    # The session must have survived the run (no call signed it out).
    request = urllib.request.Request(f"{base}/api/v1/session", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        if json.load(response).get("user") != arguments.user:
            fail("the session did not survive the run")
    if result.returncode != 0:
        fail(f"schemathesis found problems (exit {result.returncode})")
    print("api-check: no server error and no response that breaks the document")


if __name__ == "__main__":
    main()
