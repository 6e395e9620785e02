"""The clerk's browser on the portal's payment page, played with plain HTTP: load the page,
fill its form as a person would (the first bank, or a chosen channel), submit, confirm at
the (simulated) gateway, follow the redirect back to the portal's return page."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import requests


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}, "radios": {},
                               "buttons": []})  # fmt: skip
        elif not self.forms:
            return
        elif tag == "input" and a.get("type") == "hidden":
            self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif tag == "input" and a.get("type") == "radio":
            radios = self.forms[-1]["radios"].setdefault(a["name"], [])
            radios.append((a.get("value", ""), "checked" in a))
        elif tag == "button" and a.get("name"):
            self.forms[-1]["buttons"].append((a["name"], a.get("value", ""), a.get("id", "")))


def _form(html: str) -> dict:
    parser = _Forms()
    parser.feed(html)
    assert parser.forms, "the page has no form"
    return parser.forms[0]


def pay_in_browser(pay_url: str, *, channel: str | None = None, confirm: str = "confirm") -> str:
    """Pay through the payment page; returns the text of the page the person lands on."""
    with requests.Session() as browser:
        page = browser.get(pay_url, timeout=30)
        assert page.status_code == 200, page.text
        assert "Thanh toán phí, lệ phí hồ sơ" in page.text
        form = _form(page.text)
        fields = dict(form["fields"])
        for name, options in form["radios"].items():
            checked = [value for value, on in options if on] or [options[0][0]]
            fields[name] = channel if channel and name == "channel" else checked[0]
        gateway = browser.post(urljoin(pay_url, form["action"]), data=fields, timeout=30)
        assert gateway.status_code == 200, gateway.text
        second = _form(gateway.text)
        data = dict(second["fields"])
        name, value, _ = next(b for b in second["buttons"] if b[2] == confirm)
        data[name] = value
        landed = browser.post(urljoin(pay_url, second["action"]), data=data, timeout=30)
        assert landed.status_code == 200, landed.text
        return landed.text
