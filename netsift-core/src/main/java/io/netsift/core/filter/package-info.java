/**
 * Wireshark display filters, compiled: {@link io.netsift.core.filter.Filter#compile} turns an
 * expression such as {@code tcp.port == 80 && !(ip.addr == 10.0.0.0/8)} into a thread-safe
 * predicate over dissected frames. The pipeline is lexer, parser, semantic check (types from
 * the field registry, tshark 4.0's rules and messages) and a tree of tests that reads only the
 * fields it needs. Operators and functions are tables ({@code CompareOp}, {@code ArithOp},
 * {@code FilterFunction}): each constant holds its spelling, type rules and evaluator.
 * {@code matches} runs on re2j, so every pattern runs in linear time; PCRE-only constructs
 * (backreferences, lookaround, atomic groups, possessive quantifiers) are rejected by name.
 */
package io.netsift.core.filter;
