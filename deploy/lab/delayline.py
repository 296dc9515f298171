#!/usr/bin/env python3
"""TUN delay line for the SmokeTrace lab (there is no netem qdisc on the lab kernel).

Creates a TUN device, and every packet the kernel routes into it is held for --delay-ms
(+ uniform random 0..--jitter-ms) and written back into the same device, so the kernel
receives it again and forwards it on. The IPv4 TTL / IPv6 hop limit is incremented by one
before the packet goes back, so the extra pass through the routing code does not show up as
an extra hop in traceroute: the delay line is invisible except for the delay.
Runs until killed (SIGTERM); the device disappears with the process.
"""
import argparse, fcntl, heapq, itertools, os, random, select, signal, struct, sys, time

TUNSETIFF = 0x400454CA
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000


def ipv4_checksum(hdr: bytearray) -> int:
    s = 0
    for i in range(0, len(hdr), 2):
        s += (hdr[i] << 8) | hdr[i + 1]
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def bump_ttl(pkt: bytes) -> bytes:
    b = bytearray(pkt)
    if not b:
        return pkt
    ver = b[0] >> 4
    if ver == 4 and len(b) >= 20:
        ihl = (b[0] & 0x0F) * 4
        if b[8] < 255:
            b[8] += 1
            b[10] = b[11] = 0
            c = ipv4_checksum(b[:ihl])
            b[10], b[11] = c >> 8, c & 0xFF
    elif ver == 6 and len(b) >= 40:
        if b[7] < 255:
            b[7] += 1
    return bytes(b)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", default="delay0")
    ap.add_argument("--delay-ms", type=float, default=80.0)
    ap.add_argument("--jitter-ms", type=float, default=0.0)
    ap.add_argument("--pidfile")
    a = ap.parse_args()

    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", a.dev.encode(), IFF_TUN | IFF_NO_PI))
    if a.pidfile:
        with open(a.pidfile, "w") as f:
            f.write(f"{os.getpid()}\n")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    queue, seq = [], itertools.count()
    d, j = a.delay_ms / 1000.0, a.jitter_ms / 1000.0
    while True:
        now = time.monotonic()
        timeout = max(0.0, queue[0][0] - now) if queue else None
        r, _, _ = select.select([fd], [], [], timeout)
        if r:
            pkt = os.read(fd, 65535)
            due = time.monotonic() + d + (random.uniform(0, j) if j else 0.0)
            heapq.heappush(queue, (due, next(seq), bump_ttl(pkt)))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, pkt = heapq.heappop(queue)
            try:
                os.write(fd, pkt)
            except OSError:
                pass


if __name__ == "__main__":
    main()
