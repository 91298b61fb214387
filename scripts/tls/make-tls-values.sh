#!/bin/sh
# Regenerates the TLS value-string table from tshark 4.0's own list (tshark -G values):
# one line per value, "field<TAB>value<TAB>label", in tshark's order (a later declaration of a
# field name, TLS after SSLv2, overrides an earlier one), for the fields TlsValues reads.
set -e
out=netsift-core/src/main/resources/io/netsift/core/dissect/proto/tls/tls-values.tsv
WIRESHARK_CONFIG_DIR=/tmp/ws-empty HOME=/tmp/ws-empty tshark -G values 2>/dev/null | awk -F'\t' '
  $1 == "V" && ($2 == "tls.record.content_type" || $2 == "tls.record.version" || $2 == "tls.handshake.type" ||
    $2 == "tls.handshake.ciphersuite" || $2 == "tls.handshake.extension.type" ||
    $2 == "tls.handshake.extensions_supported_group" || $2 == "tls.handshake.sig_hash_alg" ||
    $2 == "tls.handshake.sig_hash_hash" || $2 == "tls.handshake.sig_hash_sig" ||
    $2 == "tls.handshake.extensions_ec_point_format" || $2 == "tls.handshake.comp_method" ||
    $2 == "tls.alert_message.level" || $2 == "tls.alert_message.desc" ||
    $2 == "tls.handshake.extensions_server_name_type" || $2 == "tls.extension.psk_ke_mode" ||
    $2 == "tls.compress_certificate.algorithm" || $2 == "tls.handshake.extensions_status_request_type" ||
    $2 == "tls.handshake.server_curve_type" || $2 == "tls.handshake.extension.heartbeat.mode" ||
    $2 == "tls.handshake.cert_type" || $2 == "tls.handshake.cipherspec" || $2 == "tls.heartbeat_message.type") {
    print $2 "\t" $3 "\t" $4
  }' | awk '!seen[$0]++' > "$out"
wc -l "$out"
