package io.netsift.server;

/**
 * One summary line of the packet list with its coloring rule's colors ({@code fg}/{@code bg} as
 * {@code #rrggbb}, null when no rule matched). {@code time} is the absolute time (ISO-8601 UTC),
 * {@code relTime} seconds since the first packet, as tshark's default Time column.
 */
public record PacketRow(long no, String time, double relTime, String src, String dst, String proto,
    long len, String info, String fg, String bg, String rule) {
}
