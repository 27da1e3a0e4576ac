#!/usr/bin/env python3
"""Renders every hall screen of motcua-kiosk for the README into docs/screenshots/, from canned
server states (--fake-state) so that no server is needed. Run under a display or xvfb-run:
    xvfb-run -a -s "-screen 0 1920x1080x24" scripts/screenshots.py [build/release/kiosk/motcua-kiosk]
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIOSK = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/release/kiosk/motcua-kiosk")
OUT = os.path.join(ROOT, "docs/screenshots")
NOW = "2026-11-28T09:41:00.400+07:00"  # unlit phase of the board's flash


def service(id, code, name, name_en, prefix, waiting, eta, closure=None):
    s = {"id": id, "code": code, "name": name, "name_en": name_en, "prefix": prefix,
         "open": closure is None, "waiting": waiting, "eta_minutes": eta}
    if closure:
        s["closure"] = {"code": "limit", "message": closure[0], "message_en": closure[1]}
    return s


SERVICES = [
    service(1, "NCC", "Người có công", "Persons of merit", "A", 12, 25),
    service(2, "BTXH", "Bảo trợ xã hội", "Social protection", "B", 5, 10),
    service(3, "LDVL", "Lao động – Việc làm", "Labour and employment", "C", 0, 0,
            ("Đã hết số hôm nay", "No more numbers today")),
    service(4, "TKQ", "Trả kết quả", "Results", "D", 3, 6),
]


def ticket(id, number, service, state="called", at="2026-11-28T09:40:00+07:00", counter=None):
    t = {"id": id, "number": number, "service": service, "priority": "none", "state": state,
         "issued_at": "2026-11-28T08:50:00+07:00", "called_at": at}
    if counter:
        t["counter"] = counter
    return t


def call(id, number, service, counter, at):
    return {"ticket": ticket(id, number, service, at=at, counter=counter), "counter": counter,
            "counter_name": f"Quầy {counter}", "at": at}


RECENT = [call(40, "B015", 2, 4, "2026-11-28T09:39:30+07:00"),
          call(39, "A033", 1, 2, "2026-11-28T09:38:10+07:00"),
          call(38, "D007", 4, 6, "2026-11-28T09:37:00+07:00"),
          call(37, "A032", 1, 1, "2026-11-28T09:35:40+07:00"),
          call(36, "C021", 3, 5, "2026-11-28T09:33:00+07:00")]


def hello(role, recent=()):
    return {"ok": True, "role": role, "user": f"demo-{role}", "seq": 120, "server_time": NOW,
            "snapshot": {"services": SERVICES, "counters": [], "waiting": [],
                         "recent_calls": list(recent), "rating_levels": 5}}


DOSSIER = {"ok": True, "code": "000.00.00.H99-261118-0007",
           "procedure": "Trợ cấp xã hội hằng tháng", "procedure_en": "Monthly social allowance",
           "status": "result_ready", "received_at": "2026-11-18T08:30:00+07:00",
           "due_at": "2026-12-02T17:00:00+07:00", "late": False,
           "history": [{"at": "2026-11-18T08:30:00+07:00", "step": "Tiếp nhận hồ sơ"},
                       {"at": "2026-11-18T14:00:00+07:00", "step": "Chuyển Phòng Lao động – Việc làm thẩm định"},
                       {"at": "2026-11-25T10:15:00+07:00", "step": "Lãnh đạo ký duyệt"},
                       {"at": "2026-11-27T16:00:00+07:00", "step": "Có kết quả, chờ trả"}],
           "ticket_offer": {"service": 4, "purpose": "collect_result"}}

TAKEN = {"ok": True, "ahead": 12, "eta_minutes": 25,
         "ticket": {"id": 61, "number": "A046", "service": 1, "priority": "elderly",
                    "state": "waiting", "issued_at": "2026-11-28T09:41:00+07:00",
                    "public_token": "5d41402abc4b2a76b9719d911017c592",
                    "public_url": "https://motcua.example.vn/ve/5d41402abc4b2a76b9719d911017c592"}}


def kiosk_state(taps=(), online=True):
    return {"now": NOW, "online": online, "hello": hello("kiosk"), "taps": list(taps),
            "answers": {"take_ticket": TAKEN, "lookup_dossier": DOSSIER}}


CALLED = {"type": "event", "seq": 121, "event": "ticket_called",
          "ticket": ticket(62, "A034", 1, at="2026-11-28T09:40:58+07:00", counter=3),
          "counter": 3, "counter_name": "Quầy 3"}
DONE = {"type": "event", "seq": 121, "event": "ticket_changed",
        "ticket": dict(ticket(39, "A033", 1, counter=2), state="done",
                       finished_at="2026-11-28T09:40:50+07:00")}

SCREENS = [
    # name, mode, state, extra flags
    ("kiosk-home", "ticket", kiosk_state(), []),
    ("kiosk-home-en", "ticket", kiosk_state(["language"]), []),
    ("kiosk-home-portrait", "ticket", kiosk_state(), ["--size", "1080x1920"]),
    ("kiosk-priority", "ticket", kiosk_state(["service:1"]), []),
    ("kiosk-ticket", "ticket", kiosk_state(["service:1", "priority:elderly"]), ["--printer", "/dev/null"]),
    ("kiosk-lookup", "ticket", kiosk_state(["lookup", "keys:000.00.00.H99-261118-0007"]), []),
    ("kiosk-dossier", "ticket", kiosk_state(["lookup", "keys:000.00.00.H99-261118-0007", "enter"]), []),
    ("kiosk-offline", "ticket", kiosk_state(online=False), []),
    ("board", "display", {"now": NOW, "hello": hello("display", RECENT), "events": [CALLED]},
     ["--notice", "Trung tâm làm việc từ 7 giờ 30 đến 17 giờ, thứ Hai đến thứ Sáu. Xin giữ trật tự."]),
    ("rating", "rating", {"now": NOW, "hello": hello("kiosk"), "events": [DONE]}, ["--counter", "2"]),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, mode, state, extra in SCREENS:
            path = os.path.join(tmp, name + ".json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(state, f, ensure_ascii=False)
            size = "1280x800" if mode == "rating" else "1920x1080"
            png = os.path.join(OUT, name + ".png")
            subprocess.run([KIOSK, "--mode", mode, "--fake-state", path, "--size", size,
                            "--screenshot", png] + extra, check=True)  # a later --size wins


if __name__ == "__main__":
    main()
