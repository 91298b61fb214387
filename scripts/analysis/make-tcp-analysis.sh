#!/bin/sh
# Records tshark 4.0's TCP sequence analysis (default one-pass read) for TcpAnalysisTest: one
# TSV per capture under netsift-core/src/test/resources/tcp-analysis/, one row per TCP frame
# that shows any of it: the frame number, every tcp.analysis.* field below (occurrences joined
# by "|"), the TCP-analysis expert notes (message, severity, group; other protocols' notes are
# dropped) and the "[TCP ...]" markers tshark put in the Info column. A frame without a row
# has none of these. Run from the repository root; the corpus is ../shared/corpus.
set -e
corpus=${CORPUS:-../shared/corpus}
out=netsift-core/src/test/resources/tcp-analysis
mkdir -p "$out" /tmp/ws-empty
fields="tcp.analysis tcp.analysis.flags tcp.analysis.retransmission tcp.analysis.fast_retransmission
 tcp.analysis.spurious_retransmission tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num
 tcp.analysis.duplicate_ack_frame tcp.analysis.lost_segment tcp.analysis.ack_lost_segment
 tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.zero_window_probe_ack
 tcp.analysis.window_full tcp.analysis.window_update tcp.analysis.keep_alive tcp.analysis.keep_alive_ack
 tcp.analysis.out_of_order tcp.analysis.reused_ports tcp.analysis.acks_frame tcp.analysis.ack_rtt
 tcp.analysis.initial_rtt tcp.analysis.bytes_in_flight tcp.analysis.push_bytes_sent tcp.analysis.rto
 tcp.analysis.rto_frame"
args=""
header="frame.number"
for f in $fields; do args="$args -e $f"; header="$header	$f"; done
header="$header	_ws.expert.message	_ws.expert.severity	_ws.expert.group	info.markers"
# Captures with retransmissions, duplicate ACKs, lost segments, keep-alives, window updates,
# a zero window and a window full (found with: tshark -r F -Y tcp.analysis.flags).
files="ndpi__pop3.pcap dpkt__http.pcap zeek__tls__ssl.v3.pcap zeek__http__bro.org.pcap ndpi__ftp.pcap
 zeek__ftp__bruteforce.pcap zeek__ldap__gap-data-missing.pcapng zeek__pop3__pop3.pcap ndpi__syslog.pcap
 zeek__redis__pubsub.pcap zeek__smtp.pcap zeek__socks.pcap ndpi__KakaoTalk_talk.pcap zeek__ssh__ssh.pcap
 ndpi__bittorrent.pcap ndpi__1kxun.pcap ndpi__netflix.pcap pcapplusplus__many-protocols.pcap
 ndpi__alexa-app.pcapng ndpi__ocs.pcap ndpi__rtsp.pcap pcapplusplus__tls2.pcap tcpdump__of13_ericsson.pcapng
 zeek__rfb__vnc-mac-to-linux.pcap zeek__http__1000-requests-one-dropped-response.pcap.gz"
record() { # $1 capture path, $2 output name
  {
    printf '%s\n' "$header"
    # shellcheck disable=SC2086
    TZ=UTC WIRESHARK_CONFIG_DIR=/tmp/ws-empty HOME=/tmp/ws-empty tshark -n -r "$1" -Y tcp -T fields \
        -E occurrence=a -E 'aggregator=|' -e frame.number $args \
        -e _ws.expert.message -e _ws.expert.severity -e _ws.expert.group -e _ws.col.Info 2>/dev/null |
      awk -F'\t' -v OFS='\t' '
        function analysis(m) {
          return m ~ /^(This frame is a \(suspected\) |Previous segment\(s\) not captured|ACKed segment that wasn.t captured|Duplicate ACK \(#[0-9]+\)$|TCP keep-alive segment$|ACK to a TCP keep-alive segment$|TCP window update$|TCP window specified by the receiver is now completely full$|TCP Zero Window segment$|TCP Zero Window Probe$|ACK to a TCP Zero Window Probe$|A new tcp session is started with the same ports)/
        }
        {
          n = NF - 4
          split($(NF - 3), msg, "|"); split($(NF - 2), sev, "|"); split($(NF - 1), grp, "|")
          m = ""; s = ""; g = ""
          for (i = 1; i in msg; i++) {
            if (analysis(msg[i])) {
              m = m (m == "" ? "" : "|") msg[i]; s = s (s == "" ? "" : "|") sev[i]; g = g (g == "" ? "" : "|") grp[i]
            }
          }
          info = $NF; mk = ""
          while (match(info, /\[TCP [^]]*\]/)) {
            t = substr(info, RSTART, RLENGTH)
            if (t != "[TCP segment of a reassembled PDU]") mk = mk t
            info = substr(info, RSTART + RLENGTH)
          }
          line = $1; any = 0
          for (i = 2; i <= n; i++) { line = line OFS $i; if ($i != "") any = 1 }
          if (any || m != "" || mk != "") print line, m, s, g, mk
        }'
  } > "$out/$2.tsv"
  echo "$2: $(($(wc -l < "$out/$2.tsv") - 1)) rows"
}
for f in $files; do record "$corpus/$f" "$f"; done
for f in samples/*.pcap*; do record "$f" "samples__$(basename "$f")"; done
# A made-up conversation with the window cases the corpus lacks (zero window and probes, window
# full, keep-alive, fast and spurious retransmission), kept beside its expectations.
python3 scripts/analysis/make-window-sample.py "$out/tcp-windows.pcap"
record "$out/tcp-windows.pcap" tcp-windows.pcap
