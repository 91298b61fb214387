package io.netsift.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Errors: tshark 4.0's wording with the 0-based column and length of the offending characters
 * (the caret line tshark prints), plus netsift's own errors (regular-expression constructs RE2
 * lacks, nesting limits). The table test checks many more messages against tshark itself.
 */
class FilterErrorTest {
  private static FilterException error(String filter) {
    return assertThrows(FilterException.class, () -> Filter.compile(filter), filter);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // filter | message | column | length
      "ip ip                   | \"ip\" was unexpected in this context.                        | 3  | 2",
      "ip.src = 1.2.3.4        | \"=\" was unexpected in this context.                         | 7  | 1",
      "ip.src == 1.2.3.4 )     | \")\" was unexpected in this context.                         | 18 | 1",
      "ip \"abc\"              | \"\"abc\"\" was unexpected in this context.                   | 3  | 5",
      "ip and and udp          | \"and\" was unexpected in this context.                       | 7  | 3",
      "foo                     | foo is neither a field nor a protocol name.                   | 0  | 3",
      "foo.bar                 | foo.bar is neither a field nor a protocol name.               | 0  | 7",
      "foo == 1                | Left side of \"==\" expression must be a field or function, not foo. | 0 | 3",
      "ip.src == \"x           | The final quote was missing from a quoted string.             | 12 | 1",
      "ip.src == 'a            | The final quote was missing from a character constant.        | 12 | 1",
      "frame[1                 | The right bracket was missing from a slice.                   | 7  | 1",
      "ip.proto == udp         | ip.proto and udp are not of compatible types.                 | 12 | 3",
      "ip.src == 192.168.43    | \"192.168.43\" is not a valid hostname or IPv4 address.       | 10 | 10",
      "udp.port == 70000       | \"70000\" too big for this field, maximum 65535.              | 12 | 5",
      "ip.src contains 192     | ip.src (type=IPv4 address) cannot participate in contains comparison. | 0 | 6",
      "ip.flags.df == \"yes\"  | \"yes\" cannot be found among the possible values for ip.flags.df. | 15 | 5",
      "frame contains \"\\q\"  | \\q is not a valid character escape sequence                  | 16 | 2",
      "frame[1:0] == 00        | Range 1:0 isn't valid because length 0 isn't positive         | 6  | 3",
      "ip.src#a == 1           | Expected digit or \"[\", not \"a\"                            | 7  | 1",
      "foo(ip.src) == 1        | Function 'foo' does not exist                                 | 0  | 3",
      "len() == 1              | Function len needs at least 1 arguments.                      | 0  | 3",
      "upper(ip.src)           | You cannot test whether a function is present.                | 0  | 5",
      "udp.srcport[0] == 0     | \"udp.srcport\" is a Unsigned integer (2 bytes) and cannot be sliced into a sequence of bytes. | 0 | 11",
      "frame.time_relative * 2 > 20 | FT_RELATIVE_TIME cannot *.                              | 0  | 19",
      "2 + ip.ttl == 66        | Constant arithmetic expression on the LHS is invalid.         | 0  | 1",
      "dns_unknown.qry == 1 or | Unexpected end of filter expression.                          | 23 | 0",
  })
  void tsharkWording(String filter, String message, int column, int length) {
    FilterException e = error(filter);
    assertEquals(message, e.getMessage());
    assertEquals(column, e.column(), "column");
    assertEquals(length, e.length(), "length");
  }

  @Test
  void unexpectedEndHasNoLocation() {
    FilterException e = error("(ip.src == 1.2.3.4");
    assertEquals("Unexpected end of filter expression.", e.getMessage());
    assertFalse(e.hasLocation());
    assertEquals("Unexpected end of filter expression.", e.pointer());
  }

  @Test
  void pointerUnderlinesTheOffendingToken() {
    FilterException e = error("tcp.port == 80 and ip.sr == 1.2.3.4");
    assertEquals("Left side of \"==\" expression must be a field or function, not ip.sr.\n"
        + "    tcp.port == 80 and ip.sr == 1.2.3.4\n"
        + "                       ^~~~~", e.pointer());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "frame matches \"a(?=b)\"       | lookahead",
      "frame matches \"a(?!b)\"       | negative lookahead",
      "frame matches \"(?<=a)b\"      | lookbehind",
      "frame matches \"(?<!a)b\"      | negative lookbehind",
      "frame matches \"(a)\\\\1\"     | backreference \\1",
      "frame matches \"(?P<x>a)(?P=x)\" | named backreference",
      "frame matches \"(?>a+)b\"      | atomic group",
      "frame matches \"a++\"          | possessive quantifier",
      "frame matches \"(a)(?(1)b)\"   | conditional group",
      "frame matches \"(?R)\"         | recursion",
      "frame matches \"a(*SKIP)b\"    | backtracking control verb",
  })
  void regexConstructsRe2LacksAreNamed(String filter, String construct) {
    FilterException e = error(filter);
    assertTrue(e.getMessage().startsWith("Regex compilation error: "), e.getMessage());
    assertTrue(e.getMessage().contains(construct), e.getMessage());
    assertTrue(e.getMessage().contains("RE2"), e.getMessage());
    assertEquals(filter.indexOf('"'), e.column(), "points at the pattern");
  }

  @Test
  void regexSyntaxErrorsKeepRe2jsReason() {
    FilterException e = error("frame matches \"a(b\"");
    assertTrue(e.getMessage().startsWith("Regex compilation error: "), e.getMessage());
  }

  @Test
  void regexFeaturesRe2HasCompile() throws FilterException {
    for (String p : new String[] {"(?-i)GET", "^GET /[a-z]+\\\\.html$", "[[:digit:]]{3}", "(?P<verb>GET|POST)", "\\\\QGET\\\\E",
        "\\\\bhost\\\\b", "a*?b", "(?i:get)"}) {
      Filter.compile("frame matches \"" + p + "\"");
    }
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "(".repeat(10_000) + "ip" + ")".repeat(10_000);
    assertTrue(error(deep).getMessage().startsWith("Filter nests too deeply"));
    String chain = "ip" + " and ip".repeat(20_000);
    assertTrue(error(chain).getMessage().startsWith("Filter nests too deeply"));
    String nots = "!".repeat(20_000) + "ip";
    assertTrue(error(nots).getMessage().startsWith("Filter nests too deeply"));
  }

  @Test
  void filterCommandCheckAndExplain() {
    FilterCommand.Result ok = FilterCommand.check("tcp.port == 80");
    assertEquals(0, ok.exitCode());
    assertTrue(ok.output().contains("tcp.port"), ok.output());
    FilterCommand.Result bad = FilterCommand.check("tcp.port == ");
    assertEquals(2, bad.exitCode());
    assertEquals("Unexpected end of filter expression.\n", bad.output());
    FilterCommand.Result bad2 = FilterCommand.check("tcp.prt == 80");
    assertEquals(2, bad2.exitCode());
    assertTrue(bad2.output().endsWith("    tcp.prt == 80\n    ^~~~~~~\n"), bad2.output());
    FilterCommand.Result plan = FilterCommand.explain("tcp.port == 80 && ip.addr == 10.0.0.0/8");
    assertEquals(0, plan.exitCode());
    assertTrue(plan.output().contains("FIELD(tcp.port <FT_UINT16>)"), plan.output());
    assertTrue(plan.output().contains("FVALUE(10.0.0.0/8 <FT_IPv4>)"), plan.output());
    assertTrue(plan.output().contains("tcp.port <FT_UINT16>  by walking only the layers of: tcp"), plan.output());
  }
}
