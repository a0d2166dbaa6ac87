#!/usr/bin/python3
"""Check that a lab guest's serial console reaches its shell.

Usage: console-check.py PTY [TIMEOUT_SECONDS]

Opens the guest's pty (the <serial type='pty'> source path libvirt reports),
types a shell command whose output differs from its own echo, and waits for
that output. Exit 0 when seen, 1 on timeout. Prints nothing on success.
"""
import os
import select
import sys
import termios
import time
import tty

COMMAND = b"echo nc-console-$((40+2))\r"
EXPECT = b"nc-console-42"


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print("usage: console-check.py PTY [TIMEOUT]", file=sys.stderr)
        return 2
    path = sys.argv[1]
    timeout = float(sys.argv[2]) if len(sys.argv) == 3 else 90.0
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
    try:
        tty.setraw(fd, termios.TCSANOW)
        deadline = time.monotonic() + timeout
        buf = b""
        next_send = 0.0
        while time.monotonic() < deadline:
            now = time.monotonic()
            if now >= next_send:
                os.write(fd, COMMAND)
                next_send = now + 3.0
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    chunk = b""
                buf = (buf + chunk)[-8192:]
                # the echo of the typed line contains "$((40+2))", not the result
                for line in buf.replace(b"\r", b"\n").split(b"\n"):
                    if line.strip() == EXPECT:
                        return 0
        sys.stderr.write("console-check: no shell answer on %s within %.0fs; last output: %r\n"
                         % (path, timeout, buf[-300:]))
        return 1
    finally:
        os.close(fd)


if __name__ == "__main__":
    sys.exit(main())
