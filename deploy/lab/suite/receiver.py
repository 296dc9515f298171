#!/usr/bin/env python3
"""Alert receivers for the lab demo: a webhook endpoint and an SMTP sink on the host.

    receiver.py [--http-port 9099] [--smtp-port 2525] [--bind 127.0.0.1]

Every webhook POST and every mail is printed (one header line, then the body) to stdout, which
bin/smoketrace lab up sends to run/lab/logs/lab-receiver.log. The SMTP side speaks just enough
SMTP (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for the alerting service's mailer; it is a
sink for one machine, not a mail server.
"""
import argparse
import datetime
import http.server
import socketserver
import sys
import threading


def log(kind, head, body):
    stamp = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    sys.stdout.write(f"===== {stamp} {kind} {head}\n{body}\n")
    sys.stdout.flush()


class Webhook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        log("WEBHOOK", self.path + " idempotency-key=" + str(self.headers.get("Idempotency-Key")), body)
        self.send_response(204)
        self.end_headers()

    def log_message(self, fmt, *args):
        pass


class Smtp(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 smoketrace-lab SMTP sink")
        sender, rcpts = None, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            if verb == "EHLO":
                self.reply("250-smoketrace-lab")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 smoketrace-lab")
            elif verb == "MAIL":
                sender, rcpts = line[10:].strip(), []
                self.reply("250 OK")
            elif verb == "RCPT":
                rcpts.append(line[8:].strip())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    raw = self.rfile.readline()
                    if not raw:
                        return
                    text = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if text == ".":
                        break
                    lines.append(text[1:] if text.startswith("..") else text)
                log("MAIL", f"from={sender} to={','.join(rcpts)}", "\n".join(lines))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            else:
                self.reply("502 not implemented")


class ThreadingTcp(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--http-port", type=int, default=9099)
    parser.add_argument("--smtp-port", type=int, default=2525)
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args()
    http_server = http.server.ThreadingHTTPServer((args.bind, args.http_port), Webhook)
    smtp_server = ThreadingTcp((args.bind, args.smtp_port), Smtp)
    threading.Thread(target=smtp_server.serve_forever, daemon=True).start()
    print(f"lab receiver: webhook http://{args.bind}:{args.http_port}/alerts, SMTP {args.bind}:{args.smtp_port}", flush=True)
    http_server.serve_forever()


if __name__ == "__main__":
    main()
