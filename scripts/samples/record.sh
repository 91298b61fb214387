#!/usr/bin/env bash
# Records netsift's own sample captures on the loopback interface with real programs.
#
#   sudo scripts/samples/record.sh            # (re)writes all samples listed below
#   sudo scripts/samples/record.sh apps       # only samples/apps.pcapng; any subset of the names works
#
#   http -> samples/http.pcapng   dns -> samples/dns.pcap   ping -> samples/ping.pcap
#   tcp  -> samples/tcp-handshake.pcapng   apps -> samples/apps.pcapng (HTTP + DNS over TCP + TLS)
#   tftp -> samples/tftp.pcap (tftpd-hpa serving reads and a write to curl, tftp-hpa and atftp)
#
# Needs root (packet capture, dnsmasq on port 53, HTTP server on port 80, TLS server on 443, TFTP on 69) and
# nothing beyond loopback: every server and client runs on this machine. Missing tools are
# installed with apt-get. Safe to re-run: outputs are written to a temporary directory and then
# moved into samples/; samples that are not named are left alone.
set -euo pipefail
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/../.."
OUT=samples

HTTP_ADDR=127.0.0.1 HTTP_PORT=80          # Wireshark/tshark dissect port 80 as HTTP
DNS_ADDR=127.0.0.53 DNS_PORT=53           # avoid 5353: tshark decodes that as mDNS
ECHO_ADDR=127.0.0.1 ECHO_PORT=4242 CLOSED_TCP_PORT=4243
CLOSED_UDP_PORT=33434
TLS_ADDR=127.0.0.1 TLS_PORT=443           # tshark dissects 443 as TLS
APPS_MTU=1500                             # MTU of the private loopback used for apps.pcapng

TFTP_ADDR=127.0.0.1 TFTP_PORT=69

ALL_SAMPLES=(http dns ping tcp apps tftp)
sample_file() {
  case $1 in
    http) echo http.pcapng ;; dns) echo dns.pcap ;; ping) echo ping.pcap ;;
    tcp) echo tcp-handshake.pcapng ;; apps) echo apps.pcapng ;; tftp) echo tftp.pcap ;;
    *) return 1 ;;
  esac
}

log() { echo "record.sh: $*" >&2; }
die() { log "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (packet capture, ports 53/80/443)"
if [ "${1:-}" != --apps-in-netns ]; then
  [ $# -gt 0 ] || set -- "${ALL_SAMPLES[@]}"
  for s in "$@"; do sample_file "$s" >/dev/null || die "unknown sample '$s' (choose from: ${ALL_SAMPLES[*]})"; done
fi

# --- tools -------------------------------------------------------------------------------------
apt_install() {
  # Install Debian packages if missing; retry while another apt holds the dpkg lock.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then return 0; fi
    apt-get update -q >/dev/null 2>&1 || true
    sleep 5
  done
  die "could not install ${missing[*]}"
}
need=()
command -v tcpdump  >/dev/null || need+=(tcpdump)
command -v dnsmasq  >/dev/null || need+=(dnsmasq-base)   # -base: the binary without a system service
command -v dig      >/dev/null || need+=(bind9-dnsutils)
command -v curl     >/dev/null || need+=(curl)
command -v ping     >/dev/null || need+=(iputils-ping)
command -v ss       >/dev/null || need+=(iproute2)
command -v python3  >/dev/null || need+=(python3)
command -v openssl  >/dev/null || need+=(openssl)
command -v ethtool  >/dev/null || need+=(ethtool)        # offloads off on the private loopback
command -v unshare  >/dev/null || need+=(util-linux)     # private network namespace for apps
command -v in.tftpd  >/dev/null || need+=(tftpd-hpa)      # TFTP server (run by hand below, on loopback)
command -v tftp     >/dev/null || need+=(tftp-hpa)
command -v atftp    >/dev/null || need+=(atftp)          # a client that sends RFC 2349 options on request
for t in tshark dumpcap editcap capinfos; do command -v "$t" >/dev/null || { need+=(tshark); break; }; done
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"

# --- background processes and cleanup -----------------------------------------------------------
TMP=$(mktemp -d /tmp/netsift-samples.XXXXXX)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_listen tcp|udp ADDR PORT: poll ss (no packets are sent) until something listens there.
wait_listen() {
  local flag=-Hltn; [ "$1" = udp ] && flag=-Hlun
  for _ in $(seq 100); do
    ss "$flag" "src $2:$3" 2>/dev/null | grep -q . && return 0
    sleep 0.1
  done
  die "nothing listening on $1 $2:$3"
}
port_free() {  # port_free tcp|udp ADDR PORT
  local flag=-Hltn; [ "$1" = udp ] && flag=-Hlun
  ! ss "$flag" "sport = :$3" 2>/dev/null | grep -Eq "($2|\*|0\.0\.0\.0|\[::\]):$3 " ||
    die "$1 port $3 on $2 is already in use; stop that service first"
}

# start_capture TOOL FILE FILTER: TOOL is tcpdump (pcap) or dumpcap (pcapng); sets CAP_PID.
start_capture() {
  local tool=$1 file=$2 filter=$3 errlog="$TMP/$(basename "$2").log"
  case $tool in
    tcpdump) tcpdump -i lo -s 0 -U -n -Z root -w "$file" "$filter" 2>"$errlog" & ;;
    dumpcap) dumpcap -i lo -s 0 -q -f "$filter" -w "$file" 2>"$errlog" & ;;
  esac
  CAP_PID=$!; PIDS+=("$CAP_PID")
  for _ in $(seq 100); do
    grep -Eq 'listening on|Capturing on' "$errlog" && { sleep 1; return 0; }
    kill -0 "$CAP_PID" 2>/dev/null || { cat "$errlog" >&2; die "$tool failed to start"; }
    sleep 0.1
  done
  die "$tool did not start"
}
stop_capture() {
  sleep 1
  kill -INT "$CAP_PID"
  wait "$CAP_PID" || true   # let it flush and close the file
}
start_bg() { "$@" & LAST_PID=$!; PIDS+=("$LAST_PID"); }

# --- 1. HTTP/1.1 -------------------------------------------------------------------------------
# The server for http.pcapng and apps.pcapng. The paths that http.pcapng requests are answered as
# they always were; the larger bodies further down are only requested for apps.pcapng.
write_httpd() {
  cat >"$TMP/httpd.py" <<'PY'
import gzip, http.server, json, socket, struct, sys, time, urllib.parse, zlib

def png(w=16, h=16):
    rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (x * 16, y * 16, 128)) for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))

HTML = b"""<!DOCTYPE html>
<html><head><title>netsift sample</title></head>
<body><h1>netsift</h1><p>A page served on loopback for the HTTP sample capture.</p>
<img src="/logo.png" alt="logo"></body></html>
"""
JSON = b'{"name": "netsift", "kind": "sample", "items": [1, 2, 3], "ok": true}\n'
TEXT = b"".join(b"line %02d: netsift compresses well when the same words repeat\n" % i for i in range(40))
FILES = {"/": ("text/html; charset=utf-8", HTML), "/index.html": ("text/html; charset=utf-8", HTML),
         "/data.json": ("application/json", JSON), "/logo.png": ("image/png", png())}

# apps.pcapng: bodies of several TCP segments (MTU 1500), all fixed.
def words(lines, seed=20240601):
    # Deterministic pseudo-random prose (an LCG picking words): gzip shrinks it to about a third,
    # so the compressed body still spans several segments.
    vocab = (b"packet frame segment stream header payload checksum window offset length field "
             b"layer dissect capture loopback tshark netsift socket buffer chunk gzip record").split()
    x, out = seed, []
    for i in range(lines):
        ws = []
        for _ in range(9):
            x = (x * 1103515245 + 12345) & 0x7fffffff
            ws.append(vocab[(x >> 16) % len(vocab)])
        out.append(b"%04d %s.\n" % (i, b" ".join(ws)))
    return b"".join(out)
WORDS = words(400)
REPORT = (b"<!DOCTYPE html>\n<html><head><title>netsift capture report</title></head>\n<body>\n"
          b"<h1>Capture report</h1>\n<table>\n<tr><th>frame</th><th>protocol</th><th>length</th></tr>\n"
          + b"".join(b"<tr><td>%d</td><td>%s</td><td>%d bytes</td></tr>\n"
                     % (i, (b"tcp", b"udp", b"dns", b"http", b"tls")[i % 5], 60 + (i * 37) % 1400)
                     for i in range(1, 121))
          + b"</table>\n</body></html>\n")
ITEMS = (json.dumps({"service": "netsift", "version": 1, "items": [
    {"id": i, "name": "item-%03d" % i, "size": (i * 97) % 1500, "tags": ["sample", "loopback"],
     "ok": i % 7 != 0} for i in range(1, 51)]}, indent=2) + "\n").encode()
FILES.update({"/report.html": ("text/html; charset=utf-8", REPORT),
              "/api/items.json": ("application/json", ITEMS)})
STREAM = [b"".join(b"chunk %d line %03d: %s\n" % (n, i, b"netsift streams this body in chunks".ljust(43, b"."))
                   for i in range(1, 151)) for n in range(1, 9)]   # 8 chunks of 9300 bytes

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "netsift-sample/1.0"
    sys_version = ""

    def log_message(self, *a):
        pass

    def send_body(self, code, ctype, body, extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path in FILES:
            self.send_body(200, *FILES[self.path])
        elif self.path == "/words.txt":
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                self.send_body(200, "text/plain; charset=utf-8", gzip.compress(WORDS, 9, mtime=0),
                               [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")])
            else:
                self.send_body(200, "text/plain; charset=utf-8", WORDS, [("Vary", "Accept-Encoding")])
        elif self.path == "/stream.txt":
            # A body produced over time, one write per chunk, sent as soon as it is written.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in STREAM:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                time.sleep(0.01)
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/compressed.txt":
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                self.send_body(200, "text/plain; charset=utf-8", gzip.compress(TEXT, mtime=0),
                               [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")])
            else:
                self.send_body(200, "text/plain; charset=utf-8", TEXT, [("Vary", "Accept-Encoding")])
        elif self.path == "/chunked.txt":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"first chunk\n", b"second chunk, a little longer\n", b"third and last chunk\n"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_body(404, "text/html; charset=utf-8",
                           b"<html><body><h1>404 Not Found</h1><p>%s</p></body></html>\n"
                           % self.path.encode("ascii", "replace"))

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Content-Type", "").startswith("application/json"):
            items = json.loads(body).get("items", [])
            self.send_body(201, "application/json",
                           json.dumps({"created": len(items), "bytes": len(body)}).encode() + b"\n",
                           [("Location", "/api/items/%d" % len(items))])
            return
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        reply = "".join("%s=%s\n" % (k, ",".join(v)) for k, v in sorted(form.items()))
        self.send_body(200, "text/plain; charset=utf-8", ("received:\n" + reply).encode())

http.server.HTTPServer((sys.argv[1], int(sys.argv[2])), H).serve_forever()
PY
}
record_http() {
  port_free tcp "$HTTP_ADDR" "$HTTP_PORT"
  write_httpd
  start_bg python3 "$TMP/httpd.py" "$HTTP_ADDR" "$HTTP_PORT"; local srv=$LAST_PID
  wait_listen tcp "$HTTP_ADDR" "$HTTP_PORT"
  start_capture dumpcap "$TMP/http.pcapng" "tcp and host $HTTP_ADDR and port $HTTP_PORT"
  local base="http://$HTTP_ADDR:$HTTP_PORT" c=(curl -sS --noproxy '*' -o /dev/null -w '%{http_code} %{url_effective}\n')
  "${c[@]}" "$base/index.html"
  "${c[@]}" "$base/data.json"
  "${c[@]}" "$base/logo.png"
  "${c[@]}" --compressed "$base/compressed.txt"
  "${c[@]}" "$base/chunked.txt"
  "${c[@]}" "$base/missing.html"
  "${c[@]}" -d 'name=netsift&lang=java&note=hello+world' "$base/submit"
  # two requests on one keep-alive connection
  "${c[@]}" "$base/" -o /dev/null "$base/data.json"
  stop_capture
  kill "$srv"
}

# --- 2. DNS ------------------------------------------------------------------------------------
# start_dnsmasq [EXTRA-OPTION...]: the netsift.test zone of dns.pcap (apps.pcapng adds a record).
start_dnsmasq() {
  start_bg dnsmasq --keep-in-foreground --conf-file=/dev/null --pid-file= \
    --listen-address="$DNS_ADDR" --bind-interfaces --port="$DNS_PORT" \
    --no-resolv --no-hosts --no-negcache --local=/netsift.test/ \
    --host-record=www.netsift.test,127.0.0.10,fd00::10 \
    --address=/static.netsift.test/127.0.0.20 \
    --mx-host=netsift.test,mail.netsift.test,10 \
    --host-record=mail.netsift.test,127.0.0.25 \
    --txt-record=netsift.test,"v=spf1 -all","netsift sample zone" \
    --srv-host=_http._tcp.netsift.test,www.netsift.test,80,0,5 \
    --cname=alias.netsift.test,www.netsift.test \
    --ptr-record=11.0.0.127.in-addr.arpa,printer.netsift.test "$@"
  wait_listen udp "$DNS_ADDR" "$DNS_PORT"; wait_listen tcp "$DNS_ADDR" "$DNS_PORT"
}
record_dns() {
  port_free udp "$DNS_ADDR" "$DNS_PORT"; port_free tcp "$DNS_ADDR" "$DNS_PORT"
  start_dnsmasq
  local dns=$LAST_PID
  start_capture tcpdump "$TMP/dns.pcap" "host $DNS_ADDR and port $DNS_PORT"
  local d=(dig @"$DNS_ADDR" -p "$DNS_PORT" +tries=1 +time=2 +noall +comments +answer)
  q() { "${d[@]}" "$@" | sed -n 's/.*status: \([A-Z]*\).*/\1/p' | tr '\n' ' '; echo "dig $*"; }
  q www.netsift.test A
  q www.netsift.test AAAA
  q netsift.test MX
  q netsift.test TXT
  q _http._tcp.netsift.test SRV
  q alias.netsift.test CNAME
  q alias.netsift.test A
  q static.netsift.test A
  q -x 127.0.0.11
  q nope.netsift.test A
  q +tcp netsift.test MX
  stop_capture
  kill "$dns"
}

# --- 6. TFTP (tftp.pcap) -----------------------------------------------------------------------
# Reads of a short text, of exactly two 512-byte blocks (so an empty last block) and of a larger
# binary with blksize 1024 and 700, a read of a missing file (ERROR), and a write: curl asks for
# tsize/blksize/timeout, tftp-hpa for nothing, atftp for what it is told. The server answers from
# a port of its own for each transfer, as RFC 1350 says.
record_tftp() {
  port_free udp "$TFTP_ADDR" "$TFTP_PORT"
  local root=$TMP/tftproot cli=$TMP/tftpclient
  mkdir -p "$root" "$cli"
  python3 - "$root" "$cli" <<'PY'
import sys
root, cli = sys.argv[1], sys.argv[2]
open(root + "/hello.txt", "wb").write(b"Hello from the netsift TFTP sample.\n")
open(root + "/two-blocks.bin", "wb").write(bytes((i * 7) & 255 for i in range(1024)))
open(root + "/image.bin", "wb").write(bytes((i * i + 3 * i) & 255 for i in range(3000)))
open(cli + "/upload.txt", "wb").write(b"".join(b"line %02d of a file put with TFTP\n" % i for i in range(30)))
PY
  start_bg in.tftpd --foreground --address "$TFTP_ADDR:$TFTP_PORT" --secure --create --user root "$root"
  local tftpd=$LAST_PID
  wait_listen udp "$TFTP_ADDR" "$TFTP_PORT"
  start_capture tcpdump "$TMP/tftp.pcap" "udp and host $TFTP_ADDR and not port 53"
  local url=tftp://$TFTP_ADDR
  curl -sS -o "$cli/hello.txt" "$url/hello.txt"
  curl -sS --tftp-blksize 1024 -o "$cli/image.bin" "$url/image.bin"
  curl -sS -o "$cli/two-blocks.bin" "$url/two-blocks.bin"
  curl -sS -o "$cli/missing.txt" "$url/missing.txt" 2>/dev/null && die "missing.txt should not exist"
  curl -sS -T "$cli/upload.txt" "$url/upload.txt"
  (cd "$cli" && printf 'binary\nget hello.txt hello-again.txt\nquit\n' | tftp "$TFTP_ADDR" "$TFTP_PORT" >/dev/null)
  atftp --option "tsize 0" --option "blksize 700" -g -r image.bin -l "$cli/image-700.bin" "$TFTP_ADDR" "$TFTP_PORT" 2>/dev/null
  stop_capture
  kill "$tftpd"
  cmp -s "$root/upload.txt" "$cli/upload.txt" || die "the TFTP upload differs"
  cmp -s "$root/image.bin" "$cli/image-700.bin" || die "the atftp download differs"
  log "tftp: $(ls "$cli" | tr '\n' ' ')"
}

# --- 3. ICMP / ICMPv6 --------------------------------------------------------------------------
record_ping() {
  port_free udp 127.0.0.1 "$CLOSED_UDP_PORT"
  local V6=0   # probe IPv6 loopback before the capture starts
  if ping -6 -n -c 1 -W 1 ::1 >/dev/null 2>&1; then V6=1; else log "IPv6 loopback unusable; ping.pcap has IPv4 only"; fi
  start_capture tcpdump "$TMP/ping.pcap" "icmp or icmp6 or udp port $CLOSED_UDP_PORT"
  ping -n -c 4 -i 0.2 -W 1 127.0.0.1 | tail -2
  [ "$V6" = 1 ] && ping -6 -n -c 4 -i 0.2 -W 1 ::1 | tail -2
  python3 - "$CLOSED_UDP_PORT" "$V6" <<'PY'
import socket, sys, time
port, v6 = int(sys.argv[1]), sys.argv[2] == "1"
targets = [(socket.AF_INET, "127.0.0.1")] + ([(socket.AF_INET6, "::1")] if v6 else [])
for fam, addr in targets:
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.sendto(b"netsift probe to a closed port\n", (addr, port))
    time.sleep(0.2)
    s.close()
print("sent UDP to closed port %d" % port)
PY
  stop_capture
}

# --- 4. TCP handshake, data, FIN, RST ----------------------------------------------------------
record_tcp() {
  port_free tcp "$ECHO_ADDR" "$ECHO_PORT"; port_free tcp "$ECHO_ADDR" "$CLOSED_TCP_PORT"
  cat >"$TMP/echo.py" <<'PY'
import socket, sys, time
addr, port = sys.argv[2], int(sys.argv[3])
if sys.argv[1] == "server":
    srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((addr, port)); srv.listen(1)
    conn, _ = srv.accept()
    while data := conn.recv(4096):
        conn.sendall(data)
    conn.close(); srv.close()
else:
    c = socket.create_connection((addr, port))
    for msg in (b"hello from the netsift client\n", b"second message, echoed back too\n"):
        c.sendall(msg)
        got = b""
        while len(got) < len(msg):
            got += c.recv(4096)
        assert got == msg, got
        time.sleep(0.1)
    c.shutdown(socket.SHUT_WR)
    assert c.recv(4096) == b""       # server's FIN
    c.close()
    try:
        socket.create_connection((addr, int(sys.argv[4])), timeout=2)
        sys.exit("closed port accepted a connection")
    except ConnectionRefusedError:
        print("echo ok; connection to closed port refused (RST)")
PY
  start_bg python3 "$TMP/echo.py" server "$ECHO_ADDR" "$ECHO_PORT"; local srv=$LAST_PID
  wait_listen tcp "$ECHO_ADDR" "$ECHO_PORT"
  start_capture dumpcap "$TMP/tcp-handshake.pcapng" \
    "tcp and host $ECHO_ADDR and (port $ECHO_PORT or port $CLOSED_TCP_PORT)"
  python3 "$TMP/echo.py" client "$ECHO_ADDR" "$ECHO_PORT" "$CLOSED_TCP_PORT"
  wait "$srv"
  stop_capture
}

# --- 5. Application protocols: HTTP, DNS over TCP, TLS (apps.pcapng) ----------------------------
# Recorded inside a private network namespace (unshare --net), on that namespace's own loopback
# with an Ethernet-sized MTU and TSO/GSO off: TCP then sends segments of at most 1448 bytes of
# payload, so large HTTP bodies, DNS answers and TLS certificates span several segments as on a
# real network (the host's lo has MTU 65536 and would hand a 70 KB body over in one or two
# "packets"). The host's lo, its settings and its services are not touched; ports 53, 80 and 443
# are free in the namespace whatever runs on the host. tcpdump 4.99 with libpcap 1.10 writes
# only pcap, so dumpcap writes the pcapng.
record_apps() { unshare --net -- "$SELF" --apps-in-netns "$TMP/apps.pcapng"; }

apps_in_netns() {
  local file=$1
  # only ever in the fresh namespace made by record_apps: it has lo and nothing else
  [ "$(ip -o link show | wc -l)" -eq 1 ] || die "--apps-in-netns is internal; run: record.sh apps"
  ip link set lo mtu "$APPS_MTU" up
  ethtool -K lo tso off gso off >/dev/null

  # servers: HTTP on 127.0.0.1:80, dnsmasq on 127.0.0.53:53, openssl s_server on 127.0.0.1:443
  write_httpd
  start_bg python3 "$TMP/httpd.py" "$HTTP_ADDR" "$HTTP_PORT"
  wait_listen tcp "$HTTP_ADDR" "$HTTP_PORT"

  # big.netsift.test: 8 TXT records of two 251-byte strings, a 4.1 KB answer (truncated over UDP)
  local big=() i filler
  filler=$(printf '%.0s0123456789abcdef' $(seq 15))
  for i in 1 2 3 4 5 6 7 8; do
    big+=(--txt-record="big.netsift.test,record $i of 8 first string ${filler:0:223},record $i of 8 second string ${filler:0:222}")
  done
  start_dnsmasq "${big[@]}"

  # A private CA (RSA 4096) and a server certificate for example.test (RSA 2048) signed by it;
  # the server sends both, so the Certificate message takes about 2.6 KB (several segments).
  cat >"$TMP/openssl.cnf" <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:example.test,DNS:www.example.test,DNS:api.example.test,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
  local ossl=(openssl req -x509 -config "$TMP/openssl.cnf" -sha256 -nodes)
  "${ossl[@]}" -extensions ca_ext -newkey rsa:4096 -keyout "$TMP/ca.key" -out "$TMP/ca.pem" \
    -subj "/C=XX/O=netsift samples/CN=netsift sample root CA" -days 3650 -set_serial 1 2>/dev/null
  "${ossl[@]}" -extensions leaf_ext -newkey rsa:2048 -keyout "$TMP/server.key" -out "$TMP/server.pem" \
    -subj "/C=XX/O=netsift samples/CN=example.test" -CA "$TMP/ca.pem" -CAkey "$TMP/ca.key" \
    -days 825 -set_serial 4097 2>/dev/null
  start_bg openssl s_server -accept "$TLS_ADDR:$TLS_PORT" -cert "$TMP/server.pem" -key "$TMP/server.key" \
    -cert_chain "$TMP/ca.pem" -alpn http/1.1 -rev </dev/null >"$TMP/s_server.log" 2>&1
  wait_listen tcp "$TLS_ADDR" "$TLS_PORT"

  python3 -c 'import json; print(json.dumps({"items": [{"id": i, "name": "new-item-%03d" % i,
    "tags": ["posted", "by", "curl"]} for i in range(1, 41)]}))' >"$TMP/post.json"   # 2.9 KB POST body

  start_capture dumpcap "$file" "tcp or udp"

  # HTTP/1.1 with curl: one connection per request, then two requests on one connection
  local base="http://$HTTP_ADDR:$HTTP_PORT" c=(curl -sS --noproxy '*' -o /dev/null -w '%{http_code} %{url_effective}\n')
  "${c[@]}" "$base/stream.txt"                       # chunked: 8 chunks of 9300 bytes, 74 KB
  "${c[@]}" --compressed "$base/words.txt"           # Content-Encoding: gzip
  "${c[@]}" "$base/report.html"                      # text/html with Content-Length
  "${c[@]}" "$base/api/items.json"                   # application/json
  "${c[@]}" "$base/logo.png"                         # image/png
  "${c[@]}" "$base/no/such/page.html"                # 404
  "${c[@]}" -H 'Content-Type: application/json' -H 'Expect:' --data-binary @"$TMP/post.json" "$base/api/items"
  "${c[@]}" "$base/index.html" -o /dev/null "$base/data.json"   # keep-alive: two requests
  sleep 0.5

  # DNS with dig: one query over UDP, then TCP (each query its own connection, then two on one)
  local d=(dig @"$DNS_ADDR" -p "$DNS_PORT" +tries=1 +time=2 +noall +comments +answer)
  q() { "${d[@]}" "$@" | sed -n 's/.*status: \([A-Z]*\).*/\1/p' | tr '\n' ' '; echo "dig $*"; }
  q www.netsift.test A
  q +tcp www.netsift.test A
  q +tcp www.netsift.test AAAA
  q +tcp netsift.test MX
  q +tcp netsift.test TXT
  q +tcp +keepopen alias.netsift.test A _http._tcp.netsift.test SRV
  q big.netsift.test TXT                # UDP answer truncated (TC), dig retries over TCP
  sleep 0.5

  # TLS with SNI and ALPN: openssl s_client against s_server (-rev echoes each line reversed),
  # TLS 1.2 then TLS 1.3; the client sends a line, reads the reply, then closes (close_notify).
  local v msg rmsg j
  for v in 1_2 1_3; do
    msg="hello from s_client over TLS ${v/_/.}" rmsg=
    for ((j = ${#msg} - 1; j >= 0; j--)); do rmsg+=${msg:j:1}; done   # what s_server -rev answers
    { printf '%s\n' "$msg"; sleep 0.5; } |
      openssl s_client -connect "$TLS_ADDR:$TLS_PORT" -servername example.test -tls$v -alpn http/1.1 \
        -CAfile "$TMP/ca.pem" -verify_hostname example.test -verify_return_error -no_ign_eof \
        >"$TMP/s_client.log" 2>&1 || { cat "$TMP/s_client.log" >&2; die "s_client -tls$v failed"; }
    grep -qxF "$rmsg" "$TMP/s_client.log" ||
      { cat "$TMP/s_client.log" >&2; die "no reply from s_server over TLS ${v/_/.}"; }
    echo "TLS ${v/_/.} with SNI example.test: $(grep -m1 '^ALPN' "$TMP/s_client.log"), certificate verified, reply received"
    sleep 0.3
  done
  stop_capture
}

if [ "${1:-}" = --apps-in-netns ]; then   # internal: record_apps re-runs the script in the namespace
  apps_in_netns "$2"
  exit 0
fi

for s in "$@"; do "record_$s"; done

mkdir -p "$OUT"
for s in "$@"; do
  f=$(sample_file "$s")
  [ -s "$TMP/$f" ] || die "$f is empty"
  chmod 644 "$TMP/$f"
  mv -f "$TMP/$f" "$OUT/$f"
done
printf '%-28s %7s %7s\n' file packets bytes
for s in "$@"; do
  f=$OUT/$(sample_file "$s")
  printf '%-28s %7s %7s\n' "$f" "$(tshark -n -r "$f" 2>/dev/null | wc -l)" "$(stat -c %s "$f")"
done
