package io.netsift.core.filter;

/**
 * One token of a display filter: its kind, the text it was made from and where it sits
 * (0-based, end exclusive). String and character tokens carry their decoded value.
 */
record Token(Kind kind, String text, int start, int end, Object value) {
  enum Kind {
    /** A field name or an unparsed literal: resolved by the checker. */
    WORD,
    /** {@code .name}: a name that must be a field. */
    DOTWORD,
    STRING, CHARCONST,
    LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, DOTDOT, HASH, ATSIGN,
    AND, OR, XOR, NOT, IN, ANY, ALL, CONTAINS, MATCHES,
    /** A comparison; {@link #value} is its {@link CompareOp}. */
    COMPARE,
    PLUS, MINUS, STAR, SLASH, PERCENT, BITAND,
    /** Inside brackets: the text of one range ({@code 1:2}, {@code -3}, {@code 4-}). */
    RANGE_NODE,
    /** After {@code #}: a layer number. */
    LAYER_INDEX,
    /** A character no rule takes ({@code ^}, {@code =}, {@code ?}): the parser rejects it. */
    UNKNOWN,
    /** A lexical error, raised when the parser reaches it (as tshark's scanner is driven by its parser). */
    ERROR,
    EOF
  }

  int length() {
    return end - start;
  }

  boolean is(Kind k) {
    return kind == k;
  }
}
