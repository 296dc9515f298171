#!/bin/bash
# Builds h1 - r1 - r2 - h2 in network namespaces (documentation addresses only).
set -e
for n in h1 r1 r2 h2; do ip netns del st-$n 2>/dev/null || true; ip netns add st-$n; ip -n st-$n link set lo up; done
link() { ip link add $1 netns st-$2 type veth peer name $3 netns st-$4; ip -n st-$2 link set $1 up; ip -n st-$4 link set $3 up; }
link e0 h1 e0 r1
link e1 r1 e0 r2
link e1 r2 e0 h2
ip -n st-h1 addr add 192.0.2.1/30 dev e0;  ip -n st-r1 addr add 192.0.2.2/30 dev e0
ip -n st-r1 addr add 192.0.2.5/30 dev e1;  ip -n st-r2 addr add 192.0.2.6/30 dev e0
ip -n st-r2 addr add 192.0.2.9/29 dev e1;  ip -n st-h2 addr add 192.0.2.10/29 dev e0
ip -n st-h1 -6 addr add 2001:db8:1::1/64 dev e0 nodad; ip -n st-r1 -6 addr add 2001:db8:1::2/64 dev e0 nodad
ip -n st-r1 -6 addr add 2001:db8:2::1/64 dev e1 nodad; ip -n st-r2 -6 addr add 2001:db8:2::2/64 dev e0 nodad
ip -n st-r2 -6 addr add 2001:db8:3::1/64 dev e1 nodad; ip -n st-h2 -6 addr add 2001:db8:3::10/64 dev e0 nodad
ip -n st-h1 route add default via 192.0.2.2; ip -n st-h1 -6 route add default via 2001:db8:1::2
ip -n st-r1 route add default via 192.0.2.6; ip -n st-r1 -6 route add default via 2001:db8:2::2
ip -n st-r2 route add 192.0.2.0/30 via 192.0.2.5; ip -n st-r2 -6 route add 2001:db8:1::/64 via 2001:db8:2::1
ip -n st-h2 route add default via 192.0.2.9; ip -n st-h2 -6 route add default via 2001:db8:3::1
# r2: 198.51.100.0/25 administratively prohibited (!X), 198.51.100.128/25 host unreachable (!H)
ip -n st-r2 route add prohibit 198.51.100.0/25; ip -n st-r2 route add unreachable 198.51.100.128/25
ip -n st-r2 route add blackhole 203.0.113.0/24
for n in h1 r1 r2 h2; do
  ip netns exec st-$n sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
done
