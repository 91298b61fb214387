package io.netsift.net.dns;

import io.netsift.core.dns.DnsMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * One answered query: what was sent, what came back, from where and how.
 *
 * @param responseSize bytes of the response message (without TCP's length prefix)
 * @param elapsed time from sending the final query to its answer (dig's "Query time")
 * @param truncatedRetry whether a UDP answer had TC set and the query was repeated over TCP
 * @param ednsDropped whether the server rejected EDNS and the query was repeated without it
 */
public record DnsExchange(
    DnsMessage query,
    DnsMessage response,
    int responseSize,
    InetSocketAddress server,
    DnsClient.Protocol protocol,
    Duration elapsed,
    ZonedDateTime when,
    boolean truncatedRetry,
    boolean ednsDropped) {}
