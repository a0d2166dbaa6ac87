#!/usr/bin/python3
"""Keystroke-to-echo latency of `virsh console` (for `npm run bench -- console`).

Usage: console-virsh.py URI DOMAIN KEYSTROKES

Runs `virsh -c URI console --force DOMAIN` on a pty (as a person's terminal
would), waits for the console to be attached, then types KEYSTROKES
characters one at a time, each after the echo of the previous one, and
prints one JSON line: {"ms": [latency of each keystroke, ...]}.
"""
import json
import os
import pty
import select
import sys
import time

LETTERS = b"abcdefghijklmnopqrstuvwxyz"


def read_until(fd, want, timeout):
    buf = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not r:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        if want in buf:
            return buf
    raise SystemExit("console-virsh: timed out waiting for %r; got %r" % (want, buf[-200:]))


def drain(fd, quiet=0.15):
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return
        try:
            if not os.read(fd, 4096):
                return
        except OSError:
            return


def main():
    uri, dom, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp("virsh", ["virsh", "-c", uri, "console", "--force", dom])
    try:
        read_until(fd, b"Escape character", 30)
        os.write(fd, b"\x15\r")  # a fresh prompt
        read_until(fd, b"# ", 10)
        drain(fd)
        ms = []
        for i in range(n):
            c = LETTERS[i % 26: i % 26 + 1]
            t = time.perf_counter()
            os.write(fd, c)
            read_until(fd, c, 10)
            ms.append((time.perf_counter() - t) * 1000)
            if i % 20 == 19:
                os.write(fd, b"\x15")  # kill the line
                drain(fd)
        os.write(fd, b"\x15")
        drain(fd)
        print(json.dumps({"ms": ms}))
    finally:
        os.write(fd, b"\x1d")  # ^] leaves virsh console
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


if __name__ == "__main__":
    main()
