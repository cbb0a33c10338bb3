#!/usr/bin/env python3
"""The web application in a real browser, on a phone-sized window.

A technician, a supervisor and QA each sign in to their own headless Chromium session and take
today's job from "My jobs" to closed: start, every step signed with the password (one reading out
of its limits), the supervisor's disposition, a photo attached through the file input, completion,
review and closing from QA's approval queue. Every page visited is screenshot, checked by axe-core
against WCAG 2.1 A and AA, checked for inline style and script, for its Content-Security-Policy
header, and for CSP violations in the browser console. The history left behind must pass
`recrepo verify` and stock `git verify-commit` on every commit.

Usage: web-test.py --url URL --repo REPO --bin RECREPO --plant PLANT_ENV --work DIR --screenshots DIR
(web-test.sh builds the plant, starts the server and passes these.)
"""
import argparse
import base64
import importlib.util
import json
import os
import re
import shlex
import struct
import subprocess
import sys
import urllib.error
import urllib.request
import zlib

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script():
    """A current axe-core (4.x): the one axe-selenium-python bundles predates the WCAG 2.1 tags and
    never answers when asked for them. axe-playwright-python ships one; only the file is used."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("axe-playwright-python is not installed (web-test.sh installs it)")
    return os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")


class Failure(Exception):
    pass


def read_plant(path):
    """The sign-ins demo-plant.sh wrote: shell assignments NAME='value'."""
    values = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                name, value = line.split("=", 1)
                values[name] = shlex.split(value)[0] if value else ""
    return values


def png(path, width=32, height=24):
    """A small RGB PNG: a gradient, written with the standard library only."""
    rows = b"".join(b"\x00" + b"".join(bytes((x * 8 % 256, y * 10 % 256, 128)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


class Browser:
    """One person's browser session; every page it lands on is checked and screenshot."""

    counter = 0

    def __init__(self, name, args, problems):
        self.name = name
        self.args = args
        self.problems = problems
        options = webdriver.ChromeOptions()
        options.binary_location = args.chromium
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=390,844",
                     "--no-first-run", "--disable-extensions", "--password-store=basic"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=args.chromedriver), options=options)
        self.driver.set_window_size(390, 844)
        self.driver.set_script_timeout(60)

    def quit(self):
        self.driver.quit()

    def go(self, path, name):
        self.driver.get(self.args.url + path)
        self.check(name)

    def check(self, name):
        """Screenshot, axe, inline style/script, CSP header and console of the page now shown."""
        Browser.counter += 1
        driver = self.driver
        label = f"{self.name}: {name} ({driver.current_url})"
        os.makedirs(self.args.screenshots, exist_ok=True)
        self.screenshot(os.path.join(self.args.screenshots, f"web-{Browser.counter:02d}-{name}.png"))
        source = driver.page_source
        for pattern, what in [(r"<script\b", "a <script> element"), (r"<style\b", "a <style> element"),
                              (r"\sstyle\s*=", "a style attribute"), (r"\son[a-z]+\s*=", "an inline event handler")]:
            if re.search(pattern, source, re.IGNORECASE):
                self.problems.append(f"{label}: the page has {what}")
        self.check_headers(label)
        axe = Axe(driver, script_url=self.args.axe)
        axe.inject()
        results = axe.run(options=json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}}))
        if "violations" not in results:
            raise Failure(f"{label}: axe-core did not run: {results}")
        for violation in results.get("violations", []):
            targets = "; ".join(" ".join(node.get("target", [])) for node in violation.get("nodes", [])[:5])
            self.problems.append(f"{label}: axe {violation['id']} ({violation.get('impact')}): {violation['help']} at {targets}")
        for entry in driver.get_log("browser"):
            message = entry.get("message", "")
            if "Content Security Policy" in message or "Content-Security-Policy" in message:
                self.problems.append(f"{label}: CSP violation in the console: {message}")
            elif entry.get("level") == "SEVERE" and "favicon.ico" not in message:
                self.problems.append(f"{label}: console error: {message}")
        print(f"  checked {Browser.counter:02d} {name}: {driver.title}")

    def screenshot(self, path):
        """The whole page at the phone's width, not only the part in the window."""
        size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))

    def fetch(self, url):
        """GETs `url` outside the browser with this session's cookies: (body, headers)."""
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(url, headers={"Cookie": cookies})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.read(), error.headers

    def check_headers(self, label):
        """The page's own response, fetched again with this session's cookies: CSP must be there."""
        _, headers = self.fetch(self.driver.current_url.split("#")[0])
        policy = headers.get("Content-Security-Policy", "")
        if "default-src 'self'" not in policy or "'unsafe-inline'" in policy:
            self.problems.append(f"{label}: Content-Security-Policy header missing or weak: {policy!r}")

    def fill(self, element_id, text):
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(text)

    def press(self, text, name):
        """Clicks the button labelled `text` and checks the page it leads to."""
        self.driver.find_element(By.XPATH, f"//button[normalize-space()='{text}']").click()
        self.check(name)

    def expect(self, text, what):
        if text not in self.driver.find_element(By.TAG_NAME, "body").text:
            raise Failure(f"{self.name}: {what}: {text!r} is not on {self.driver.current_url}\n{self.driver.find_element(By.TAG_NAME, 'main').text[:2000]}")

    def sign_in(self, user, password):
        self.go("/sign-in", f"{self.name}-sign-in")
        self.fill("user", user)
        self.fill("password", password)
        self.press("Sign in", f"{self.name}-my-jobs")
        self.expect(f"({user})", "signed in")


def run(args, problems):
    plant = read_plant(args.plant)
    tech = Browser("tech", args, problems)
    supervisor = qa = None
    try:
        tech.sign_in(plant["TECHNICIAN"], plant["TECHNICIAN_PASSWORD"])
        for path in ["/static/app.css", "/no-such-page"]:
            _, headers = tech.fetch(args.url + path)
            if "default-src 'self'" not in headers.get("Content-Security-Policy", ""):
                problems.append(f"{path}: the response has no Content-Security-Policy header")
        job = plant["TODAYS_JOB"]
        tech.expect(job, "today's job in My jobs")
        tech.driver.find_element(By.PARTIAL_LINK_TEXT, job).click()
        tech.check("tech-job")
        tech.fill("start-reason", "On the floor")
        tech.fill("start-password", plant["TECHNICIAN_PASSWORD"])
        tech.press("Start this job", "tech-started")
        tech.expect("The job is started", "start")

        readings = {}
        for step in tech.driver.find_elements(By.CSS_SELECTOR, "li.step"):
            number = int(step.get_attribute("id").split("-")[1])
            if "Reading:" in step.text:
                readings[number] = None
        out_of_limits = max(readings) if readings else None
        if out_of_limits is None:
            raise Failure("the demonstration job has no reading step")
        number = 1
        while tech.driver.find_elements(By.ID, f"s{number}-password"):
            if number in readings:
                tech.fill(f"s{number}-value", "2.6" if number == out_of_limits else "2.2")
            tech.fill(f"s{number}-note", f"Step {number} done as written")
            tech.fill(f"s{number}-password", plant["TECHNICIAN_PASSWORD"])
            tech.press(f"Sign step {number}", f"tech-step-{number}")
            tech.expect("The step is signed", f"step {number}")
            number += 1
        tech.expect("Outside its limits", "the out-of-limits reading")
        tech.expect("a supervisor decides", "completion blocked until the disposition")

        supervisor = Browser("supervisor", args, problems)
        supervisor.sign_in(plant["SUPERVISOR"], plant["SUPERVISOR_PASSWORD"])
        supervisor.go(f"/jobs/{job}", "supervisor-job")
        Select(supervisor.driver.find_element(By.ID, f"s{out_of_limits}-decision")).select_by_value("accept")
        supervisor.fill(f"s{out_of_limits}-d-reason", "Gauge reads high; confirmed on the reference gauge")
        supervisor.fill(f"s{out_of_limits}-d-password", plant["SUPERVISOR_PASSWORD"])
        supervisor.press("Sign the disposition", "supervisor-disposed")
        supervisor.expect("The disposition is signed", "disposition")

        tech.go(f"/jobs/{job}", "tech-job-after-disposition")
        tech.driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(png(os.path.join(args.work, "gauge.png")))
        tech.fill("attach-reason", "Photo of the gauge")
        tech.fill("attach-password", plant["TECHNICIAN_PASSWORD"])
        tech.press("Attach", "tech-attached")
        tech.expect("The file is attached", "attachment")
        tech.expect("gauge.png", "the attachment listed")
        served, _ = tech.fetch(tech.driver.find_element(By.LINK_TEXT, "gauge.png").get_attribute("href"))
        with open(os.path.join(args.work, "gauge.png"), "rb") as handle:
            if served != handle.read():
                problems.append("the attachment does not come back with the bytes of the photo attached")
        tech.go(f"/jobs/{job}", "tech-job-to-complete")
        tech.fill("complete-reason", "All steps done")
        tech.fill("complete-password", plant["TECHNICIAN_PASSWORD"])
        tech.press("Complete the job", "tech-completed")
        tech.expect("The job is completed", "completion")

        supervisor.go(f"/jobs/{job}", "supervisor-job-to-review")
        supervisor.fill("review-reason", "Records complete and legible")
        supervisor.fill("review-password", plant["SUPERVISOR_PASSWORD"])
        supervisor.press("Review the job", "supervisor-reviewed")
        supervisor.expect("The job is reviewed", "review")

        qa = Browser("qa", args, problems)
        qa.sign_in(plant["QA"], plant["QA_PASSWORD"])
        qa.go("/queue", "qa-queue")
        qa.driver.find_element(By.PARTIAL_LINK_TEXT, job).click()
        qa.check("qa-job")
        qa.fill("close-reason", "Released for use")
        qa.fill("close-password", plant["QA_PASSWORD"])
        qa.press("Close the job", "qa-closed")
        qa.expect("The job is closed", "closing")
        qa.expect("Status closed", "the job's status")
    finally:
        for browser in (tech, supervisor, qa):
            if browser:
                browser.quit()
    check_history(args, problems)


def check_history(args, problems):
    """recrepo verify, then stock git: every commit on main has a good signature by its author."""
    verify = subprocess.run([args.bin, "verify", "--repo", args.repo], capture_output=True, text=True)
    if verify.returncode != 0:
        problems.append(f"recrepo verify exited {verify.returncode}: {verify.stdout}{verify.stderr}")
    signers = os.path.join(args.work, "allowed_signers")
    subprocess.run([args.bin, "allowed-signers", "--repo", args.repo, "--output", signers], check=True, capture_output=True)
    git = ["git", "-C", args.repo, "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={signers}"]
    commits = subprocess.run(git + ["rev-list", "main"], check=True, capture_output=True, text=True).stdout.split()
    for commit in commits:
        checked = subprocess.run(git + ["verify-commit", commit], capture_output=True, text=True)
        if checked.returncode != 0:
            problems.append(f"git verify-commit {commit}: {checked.stderr.strip()}")
            continue
        signer, author = subprocess.run(git + ["log", "-1", "--format=%GS%n%ae", commit], check=True, capture_output=True,
                                        text=True).stdout.split("\n")[:2]
        if signer != author:
            problems.append(f"commit {commit} is signed by {signer!r} but authored by {author!r}")
    print(f"  recrepo verify: exit {verify.returncode}; git verify-commit: {len(commits)} commits checked")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--plant", required=True, help="the sign-ins file demo-plant.sh wrote")
    parser.add_argument("--work", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    args.axe = axe_script()
    problems = []
    try:
        run(args, problems)
    except Failure as failure:
        problems.append(str(failure))
    if problems:
        print(f"web test: {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print("web test: 0 passed, 1 failed")
        return 1
    print(f"web test: the job went from My jobs to closed in three browser sessions; {Browser.counter} pages checked")
    print("web test: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
