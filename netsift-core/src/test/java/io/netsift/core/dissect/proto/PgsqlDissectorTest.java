package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL against tshark 4.0 on zeek's greenhouse-app capture (SSL request and the server's
 * one-byte refusal, startup, MD5 authentication, parameter status, simple queries with row
 * descriptions, data rows, command completions and ready-for-query, several messages a segment):
 * every pgsql field netsift decodes and the Info column, recorded by
 * {@code scripts/apps/make-expectations.sh}.
 */
class PgsqlDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("apps", "zeek__postgresql__greenhouse-app.pcap", "pgsql.");
  }
}
