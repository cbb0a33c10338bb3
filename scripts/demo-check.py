#!/usr/bin/env python3
"""Fetches every page of a served demonstration plant once, as several roles.

For each sign-in: sign in through the form (with its token), then GET the pages the nav offers,
every job linked from them, and expect 200 with the Content-Security-Policy header each time.
Usage: demo-check.py URL SIGN_INS_ENV   (standard library only)
"""
import html.parser
import http.cookiejar
import shlex
import sys
import urllib.error
import urllib.parse
import urllib.request

ROLES = ["TECHNICIAN", "SUPERVISOR", "QA", "DOCUMENT_CONTROL", "ADMIN"]


class Links(html.parser.HTMLParser):
    """The hrefs of a page, the nav's apart, and the value of its csrf field."""

    def __init__(self):
        super().__init__()
        self.nav, self.links, self.csrf, self.in_nav = [], [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self.in_nav = True
        elif tag == "a" and attrs.get("href", "").startswith("/"):
            (self.nav if self.in_nav else self.links).append(attrs["href"])
        elif tag == "input" and attrs.get("name") == "csrf":
            self.csrf = attrs.get("value")

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_nav = False


def read_plant(path):
    values = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                name, value = line.split("=", 1)
                values[name] = shlex.split(value)[0] if value else ""
    return values


def fetch(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=60) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def parse(page):
    links = Links()
    links.feed(page)
    return links


def main():
    url, plant = sys.argv[1], read_plant(sys.argv[2])
    passed, failures = 0, []
    for role in ROLES:
        user, password = plant[role], plant[role + "_PASSWORD"]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        status, _, page = fetch(opener, url + "/sign-in")
        form = urllib.parse.urlencode({"csrf": parse(page).csrf or "", "user": user, "password": password}).encode()
        status, _, page = fetch(opener, url + "/sign-in", form)
        if status != 200 or f"({user})" not in page:
            failures.append(f"{user}: sign-in answered {status}")
            continue
        home = parse(page)
        pages = list(dict.fromkeys(home.nav + [link for link in home.links if link.startswith("/jobs/")]))
        seen = set()
        while pages:
            path = pages.pop(0)
            if path in seen:
                continue
            seen.add(path)
            status, headers, page = fetch(opener, url + path)
            if status == 200 and "default-src 'self'" in headers.get("Content-Security-Policy", ""):
                passed += 1
                print(f"  {user:8} {status} {path}")
                # Records linked from a nav page are fetched once too.
                pages += [link for link in parse(page).links if link.startswith("/jobs/") and link not in seen and "/attachments/" not in link]
            else:
                failures.append(f"{user}: GET {path} answered {status}")
                print(f"  {user:8} {status} {path}  <- expected 200")
    print(f"demo check: {passed} pages answered 200 with their security headers")
    for failure in failures:
        print(f"  - {failure}", file=sys.stderr)
    print(f"demo check: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
