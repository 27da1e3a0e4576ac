#!/usr/bin/python3
"""The ticket's page on the citizen's phone (/ve/{token}, issue 14) in headless Chromium at
360x640, driven by Selenium against the real server.

A kiosk takes two tickets over the WebSocket (python3-websocket); the phone opens the second's
page: the number, one person ahead. A clerk calls the first: the page says "you are next"; the
clerk marks it absent and calls the phone's ticket: the page turns into "Mời đến Quầy 1" by its
event stream, without a reload (a mark set on the page survives), and the time from the call's
reply to the change is printed (a figure, not a pass mark: tests are not timed). Then served,
done, rated from the phone; a third ticket is given up through the confirm step; the English
page. Screenshots: ticket-phone-*.png in the folder given.

Usage: ticket_page.py SERVER_BINARY SCREENSHOT_DIR
Exit 0 when it passed, 1 when it failed, 77 (skipped) when chromium-driver is missing.
"""
import json
import os
import sys
import time

from browser_kit import browser, check, main, settled

WS_SECONDS = 10


class Peer:
    """A WebSocket client of the motcua.v1 protocol: one request, its reply."""

    def __init__(self, base, **hello):
        import websocket
        self.ws = websocket.create_connection(
            base.replace("http://", "ws://") + "/ws", subprotocols=["motcua.v1"],
            timeout=WS_SECONDS, suppress_origin=True)  # a device, not a page
        self.next_id = 0
        self.call("hello", **hello)

    def call(self, verb, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"type": verb, "id": self.next_id, **params}))
        while True:  # events may come first
            message = json.loads(self.ws.recv())
            if message.get("type") == "reply" and message.get("id") == self.next_id:
                check(message.get("ok"), f"{verb}: {message.get('error')}")
                return message

    def close(self):
        self.ws.close()


def ticket_page(b, base, shots):
    from selenium.webdriver.common.by import By

    def shot(step):
        b.save_screenshot(os.path.join(shots, f"ticket-phone-{step}.png"))

    def now_says(text):
        return text in b.find_element(By.ID, "now").text

    kiosk = Peer(base, device_token="demo-kiosk")
    clerk = Peer(base, username="clerk1", password="demo")
    try:
        kiosk.call("take_ticket", service=1, request_key="browser-ahead")
        mine = kiosk.call("take_ticket", service=1, request_key="browser-mine")["ticket"]
        token = mine["public_token"]

        b.get(base + "/ve/" + token)
        check(b.find_element(By.CSS_SELECTOR, ".ticket-number").text == mine["number"],
              "the number is shown")
        check(now_says("Còn 1 người trước quý vị"), "one person ahead")
        check('http-equiv="refresh"' in b.page_source, "a refresh without scripts")
        settled(b, lambda: "tự cập nhật" in b.find_element(By.ID, "live").text,
                "the page follows its event stream")
        b.execute_script("window.kept = true")
        shot("1-waiting")

        clerk.call("open_counter", counter=1, services=[1])
        clerk.call("call_next")
        settled(b, lambda: now_says("Quý vị là người tiếp theo"), "next after the call")
        shot("2-next")

        clerk.call("no_show")
        # The page notes when its block changes (the wall clock, which this script shares).
        b.execute_script("""new MutationObserver(function () {
            if (!window.calledAt) window.calledAt = Date.now();
          }).observe(document.getElementById('now'), {childList: true, subtree: true});""")
        clerk.call("call_next")
        called_at = time.time()
        settled(b, lambda: now_says("Mời đến Quầy 1"), "called to counter 1")
        shown_after = b.execute_script("return window.calledAt") - called_at * 1000
        print(f"ticket page: the call reached the page {shown_after:.0f} ms after its reply")
        check(b.execute_script("return window.kept === true"), "without a reload")
        check(b.title.startswith("Mời đến Quầy 1"), "the tab's title says it too")
        shot("3-called")

        clerk.call("start_service")
        settled(b, lambda: now_says("Đang phục vụ tại Quầy 1"), "being served")
        clerk.call("finish")
        settled(b, lambda: now_says("Đã xong"), "done")
        shot("4-done")
        b.find_element(By.LINK_TEXT, "Đánh giá sự phục vụ").click()
        settled(b, lambda: "/danh-gia" in b.current_url, "the rating page")
        shot("5-rating")
        b.find_elements(By.CSS_SELECTOR, "ul.choices button")[0].click()
        settled(b, lambda: "Cảm ơn quý vị đã đánh giá" in b.page_source, "rated")
        shot("6-rated")

        # Another ticket given up from its page, through the confirm step.
        other = kiosk.call("take_ticket", service=1, request_key="browser-give-up")["ticket"]
        b.get(base + "/ve/" + other["public_token"])
        b.find_element(By.LINK_TEXT, "Tôi không chờ nữa").click()
        settled(b, lambda: "/huy" in b.current_url, "the confirm step")
        shot("7-cancel-confirm")
        b.find_element(By.CSS_SELECTOR, "form button.danger").click()
        settled(b, lambda: "Quý vị đã huỷ số này" in b.page_source, "given up")
        check(now_says("Số này đã huỷ"), "the ticket shows cancelled")
        shot("8-cancelled")
        waiting = kiosk.call("list_services")["services"][0]["waiting"]
        check(waiting == 0, f"its place is freed ({waiting} waiting)")

        # English.
        third = kiosk.call("take_ticket", service=1, request_key="browser-english")["ticket"]
        b.get(base + "/ve/" + third["public_token"] + "?lang=en")
        check(b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "lang=en")
        check(now_says("You are next"), "in English")
        shot("9-english")
    finally:
        kiosk.close()
        clerk.close()


def run(driver_path, base, shots):
    b = browser(driver_path, 360, 640)
    try:
        ticket_page(b, base, shots)
    finally:
        b.quit()
    print("ticket page: passed at 360x640")


if __name__ == "__main__":
    sys.exit(main("ticket_page", run))
