#!/usr/bin/python3
"""The booking pages (/dat-lich, issue 13) in headless Chromium driven by Selenium.

Starts the real server (--demo, --listen 127.0.0.1:0, its own database in a temporary folder),
reads the address from its "listening on" line, then books a time through the pages at phone
size (360x640) and at desktop size (1280x800), as a citizen would: a service, a procedure (its
papers shown), a day, a time, the form (first sent with a field wrong: named beside it, nothing
stored), the booking's own page, moves it to another time of the day (the same code), then
cancels it through its confirm step. Screenshots of each
step go to the folder given as the second argument (booking-phone-*.png, booking-desktop-*.png).

Usage: booking_flow.py SERVER_BINARY SCREENSHOT_DIR
Exit 0 when it passed, 1 when it failed, 77 (skipped) when chromium-driver is not installed.
"""
import os
import re
import sys

from browser_kit import browser, check, main, settled


def booking_flow(b, base, name, shots):
    from selenium.webdriver.common.by import By

    def shot(step):
        b.save_screenshot(os.path.join(shots, f"booking-{name}-{step}.png"))

    def click_link(text_part):
        for a in b.find_elements(By.CSS_SELECTOR, "main a"):
            if text_part in a.text:
                a.click()
                return
        raise AssertionError(f"no link with {text_part!r} on {b.current_url}")

    b.get(base + "/dat-lich")
    check(b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi", "lang=vi")
    shot("1-services")
    click_link("Người có công")
    procedures = b.find_elements(By.CSS_SELECTOR, "main ul.choices")[0]
    procedures.find_elements(By.TAG_NAME, "a")[0].click()
    check("Giấy tờ cần mang theo" in b.page_source, "the papers to bring are shown")
    check("Lệ phí" in b.page_source, "the fee is shown")
    shot("2-procedure-days")
    days = b.find_elements(By.CSS_SELECTOR, "main ul.choices")[-1]
    days.find_elements(By.TAG_NAME, "a")[0].click()
    shot("3-times")
    # Every link of the day is a time with places left; a full one is not a link.
    times = b.find_elements(By.CSS_SELECTOR, "ul.times a")
    check(times, "times to choose")
    for a in times:
        check(a.size["height"] >= 44, "a time is a large target")
    times[0].click()

    # The form, first with the phone wrong: the field is named, nothing stored.
    b.find_element(By.ID, "full_name").send_keys("Nguyễn Thị Hoa")
    b.find_element(By.ID, "phone").send_keys("12")
    shot("4-form")
    b.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    check(b.find_element(By.ID, "phone").get_attribute("aria-invalid") == "true",
          "the phone is marked wrong")
    check(b.find_element(By.ID, "phone-error").is_displayed(), "the phone's problem is shown")
    check(b.find_element(By.ID, "full_name").get_attribute("value") == "Nguyễn Thị Hoa",
          "the name is kept")
    shot("5-form-error")
    phone = b.find_element(By.ID, "phone")
    phone.clear()
    phone.send_keys("0912 345 678" if name == "phone" else "0987 654 321")
    b.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()

    # The booking's own page.
    settled(b, lambda: re.search(r"/dat-lich/[A-Z0-9]{8}\?token=[0-9a-f]{64}", b.current_url),
            f"on the booking's own page: {b.current_url}")
    code = b.find_element(By.CSS_SELECTOR, ".big-code").text
    check(re.fullmatch(r"[A-Z0-9]{8}", code), f"a booking code: {code!r}")
    check(b.find_element(By.CSS_SELECTOR, "svg.qr").is_displayed(), "the QR code is shown")
    check("Đã đặt lịch" in b.page_source, "booked")
    shot("6-booked")
    before = b.find_elements(By.CSS_SELECTOR, "dd")[4].text  # the time, e.g. 07:00–07:15

    # Move it: a day, then a time that is not its own, each time a button of one form.
    own = b.current_url
    click_link("Đổi giờ hẹn")
    check("Giờ hẹn hiện tại" in b.page_source, "the move shows the time now")
    shot("7-move-days")
    b.find_elements(By.CSS_SELECTOR, "main ul.choices a")[0].click()
    buttons = b.find_elements(By.CSS_SELECTOR, "ul.times button")
    check(len(buttons) >= 2, "times to move to")
    for button in buttons:
        check(button.size["height"] >= 44, "a time is a large target")
    shot("8-move-times")
    target = next(x for x in buttons if x.text.split()[0] != before)
    chosen = target.text.split()[0]
    target.click()
    settled(b, lambda: "Đã đổi giờ hẹn" in b.page_source, "moved")
    check(b.current_url.startswith(own), "back on the booking's own page")
    check(b.find_element(By.CSS_SELECTOR, ".big-code").text == code, "the same code")
    check(chosen in b.page_source, f"at its new time {chosen}")
    shot("9-moved")

    # Cancel: the confirm step, then the post.
    click_link("Huỷ lịch hẹn")
    shot("10-cancel-confirm")
    b.find_element(By.CSS_SELECTOR, "form button.danger").click()
    settled(b, lambda: "Đã huỷ" in b.page_source, "cancelled")
    shot("11-cancelled")

    # The English pages.
    b.get(base + "/dat-lich?lang=en")
    check(b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "lang=en")
    check("Book an appointment" in b.page_source, "in English")


def run(driver_path, base, shots):
    for name, (width, height) in (("phone", (360, 640)), ("desktop", (1280, 800))):
        b = browser(driver_path, width, height)
        try:
            booking_flow(b, base, name, shots)
        finally:
            b.quit()
    print("booking flow: passed at 360x640 and 1280x800")


if __name__ == "__main__":
    sys.exit(main("booking_flow", run))
