#!/usr/bin/env python3
"""Writes a synthetic MRT TABLE_DUMP_V2 RIB (RFC 6396) for benchmarks: N IPv4 /24s seen from P peers,
each with a random 4-octet AS path, ORIGIN, NEXT_HOP, sometimes MED and communities. Deterministic
(fixed seed), gzip-compressed like RouteViews/RIS dumps.

usage: generate-table-dump-v2.py OUT.gz [ROUTES] [PEERS]      (default 1,000,000 routes, 20 peers)
"""
import gzip
import random
import struct
import sys

out_path = sys.argv[1]
routes = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
peer_count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
random.seed(7)
TIMESTAMP = 1_700_000_000
TABLE_DUMP_V2, PEER_INDEX_TABLE, RIB_IPV4_UNICAST = 13, 1, 2
peers = [(bytes([192, 0, 2, i + 1]), 64500 + i) for i in range(peer_count)]


def record(subtype, body):
    return struct.pack('>IHHI', TIMESTAMP, TABLE_DUMP_V2, subtype, len(body)) + body


def attribute(flags, code, value):
    if len(value) > 255:
        return bytes([flags | 0x10, code]) + struct.pack('>H', len(value)) + value
    return bytes([flags, code, len(value)]) + value


with gzip.open(out_path, 'wb', 6) as out:
    index = bytes([198, 51, 100, 1]) + struct.pack('>HH', 0, len(peers))
    for address, asn in peers:
        index += bytes([0x02]) + address + address + struct.pack('>I', asn)  # IPv4 peer, 4-octet AS
    out.write(record(PEER_INDEX_TABLE, index))
    prefixes = (routes + len(peers) - 1) // len(peers)
    written = 0
    for sequence in range(prefixes):
        network = bytes([1 + (sequence >> 16) % 223, (sequence >> 8) & 0xff, sequence & 0xff])
        entries = bytearray()
        count = 0
        for peer_index, (address, asn) in enumerate(peers):
            if written == routes:
                break
            path = [asn] + [random.randint(1, 400_000) for _ in range(random.randint(2, 6))]
            attrs = attribute(0x40, 1, bytes([random.choice([0, 0, 0, 2])]))
            attrs += attribute(0x40, 2, bytes([2, len(path)]) + b''.join(struct.pack('>I', a) for a in path))
            attrs += attribute(0x40, 3, address)
            if random.random() < 0.3:
                attrs += attribute(0x80, 4, struct.pack('>I', random.randint(0, 1000)))
            communities = random.randint(0, 5)
            if communities:
                attrs += attribute(0xC0, 8, b''.join(struct.pack('>HH', asn & 0xFFFF, random.randint(0, 3000))
                                                     for _ in range(communities)))
            entries += struct.pack('>HIH', peer_index, TIMESTAMP - random.randint(0, 100_000), len(attrs)) + attrs
            count += 1
            written += 1
        out.write(record(RIB_IPV4_UNICAST, struct.pack('>IB', sequence, 24) + network + struct.pack('>H', count) + entries))
print(f'{written} routes from {len(peers)} peers in {out_path}', file=sys.stderr)
