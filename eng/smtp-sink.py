#!/usr/bin/python3
"""A loopback SMTP sink for the tests: every message received is written to a directory as one JSON file
({"from", "to": [...], "data"}), named in arrival order. Prints "ready <port>" once it listens; runs until killed.

Usage: eng/smtp-sink.py <port> <directory>      (Debian's python3-aiosmtpd; eng/test.sh installs it)
"""
import itertools, json, os, sys, time
from aiosmtpd.controller import Controller

class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        body = envelope.content.decode("utf-8", errors="replace") if isinstance(envelope.content, bytes) else envelope.content
        tmp = os.path.join(self.folder, f"{n:06d}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "data": body}, f, ensure_ascii=False)
        os.replace(tmp, os.path.join(self.folder, f"{n:06d}.json"))  # whole files only: a reader never sees half a message
        return "250 OK"

def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"ready {port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()

main()
