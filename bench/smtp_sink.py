#!/usr/bin/env python3
"""A minimal SMTP server for the benchmarks: accepts every message and appends it to a file.

Kluis sends its account-verification mail here, so the benchmark can register a customer through
the real API flow. Usage: smtp_sink.py PORT OUTFILE
"""
import socketserver
import sys

OUT = sys.argv[2]


class Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 bench-sink ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 bench-sink")
            elif command.startswith("DATA"):
                self.reply("354 end with <CRLF>.<CRLF>")
                message = []
                while True:
                    data = self.rfile.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    message.append(data.decode(errors="replace"))
                with open(OUT, "a") as out:
                    out.write("".join(message) + "\n=====\n")
                self.reply("250 queued")
            elif command.startswith("QUIT"):
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
