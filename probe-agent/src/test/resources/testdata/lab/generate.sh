#!/bin/bash
# Regenerates the lab fixtures beside this script: real tool output traced across network
# namespaces built by lab.sh (Debian bookworm: scamper 20211212, traceroute 2.1.2,
# iputils-tracepath 20221126, tcptraceroute 1.5beta7). Run as root; sends nothing off the machine.
set -e
cd "$(dirname "$0")"
bash lab.sh
in_h1() { ip netns exec st-h1 "$@"; }
ip netns exec st-h2 python3 -m http.server 80 --bind :: >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
in_h1 scamper -O json -c "trace -P icmp-paris -q 2 -w 1" -i 192.0.2.10 > scamper_icmp_paris_v4.json
in_h1 scamper -O json -c "trace -P udp-paris -q 2 -w 1" -i 198.51.100.200 > scamper_udp_paris_hostunreach.json
in_h1 scamper -O json -c "trace -P udp -Q -q 3 -w 1" -i 198.51.100.5 > scamper_udp_allattempts_adminprohib.json
in_h1 scamper -O json -c "trace -P icmp-paris -q 2 -w 1 -g 3" -i 203.0.113.1 > scamper_icmp_paris_gaplimit.json
in_h1 scamper -O json -c "trace -P tcp -d 80 -q 1 -w 1" -i 2001:db8:3::10 > scamper_tcp_v6.json
in_h1 traceroute -q 3 -w 1 198.51.100.5 > traceroute_adminprohib.out || true
in_h1 traceroute -n -q 3 -w 1 198.51.100.200 > traceroute_n_hostunreach.out || true
in_h1 traceroute -n -I -e -q 3 -w 1 192.0.2.10 > traceroute_n_icmp_e.out
in_h1 traceroute -n -T -p 80 -q 2 -w 1 192.0.2.10 > traceroute_n_tcp80.out
in_h1 traceroute6 -n -q 3 -w 1 2001:db8:3::10 > traceroute6_n.out
in_h1 tcptraceroute -n -q 2 -w 1 192.0.2.10 80 > tcptraceroute_n_open.out 2>&1
in_h1 tcptraceroute -n -q 2 -w 1 192.0.2.10 81 > tcptraceroute_n_closed.out 2>&1
in_h1 tracepath -n 192.0.2.10 > tracepath_n.out
in_h1 tracepath -b 2001:db8:3::10 > tracepath6_b.out
