/// Rewrites libyaml's problem and context texts into sentences for diagnostics.
///
/// libyaml reports terse phrases ("did not find expected key", "while parsing a block
/// mapping"). The table covers the messages its scanner and parser produce; anything else keeps
/// libyaml's words.
enum SyntaxMessage {
  /// The start of the message for a `\u` escape libyaml rejects (the loader keys a retry on it).
  static let badUnicodeEscape = "invalid \\u escape"

  /// The longest key libyaml accepts without `? `: from its start to its `:`, on one line.
  static let maxKeyLength = 1024

  /// The message for a key longer than `maxKeyLength` (libyaml's words are about the ':').
  static let keyTooLong =
    "this mapping key is too long: YAML allows at most \(maxKeyLength) characters from a key's "
    + "start to its ':'"

  /// The main message for a scanner or parser `problem`.
  static func problem(_ problem: String, context: String?) -> String {
    switch problem {
    case "mapping values are not allowed in this context":
      return "unexpected ':' here; a plain value cannot contain ': ' (quote it), "
        + "and a nested mapping must start on its own line"
    case "did not find expected key":
      return "expected a mapping key here; this line's indentation does not fit the mapping above"
    case "could not find expected ':'":
      return "expected ':' after a mapping key (a key and its ':' must be on one line)"
    case "found character that cannot start any token":
      return "this character cannot start a YAML value; quote the value "
        + "(tabs cannot indent, and '@' and '`' are reserved)"
    case "found unexpected end of stream":
      if let context, context.contains("quoted scalar") {
        return "the file ends inside a quoted string; the closing quote is missing"
      }
      return "the file ends too early"
    case "did not find expected ',' or ']'":
      return "expected ',' or ']' in this flow sequence"
    case "did not find expected ',' or '}'":
      return "expected ',' or '}' in this flow mapping"
    case "did not find expected node content":
      return "expected a value here"
    case "did not find expected '-' indicator":
      return "expected a '- ' list item at this indentation"
    case "block sequence entries are not allowed in this context":
      return "a '- ' list item is not allowed here; check the indentation"
    case "found unknown escape character":
      return "unknown escape sequence in a double-quoted string"
    case "did not find expected <document start>":
      return "unexpected content after the end of the document"
    case "found a tab character that violates indentation",
      "found a tab character where an indentation space is expected":
      return "a tab character is used for indentation; YAML indents with spaces only"
    case "found undefined tag handle":
      return "this tag uses a handle that no %TAG directive defines"
    case "found invalid Unicode character escape code":
      return badUnicodeEscape + " (a lone UTF-16 surrogate, or beyond U+10FFFF)"
    case "found unexpected ':'":
      return "unexpected ':' here"
    case "found a comment without whitespace preceding it",
      "comment lines must start with whitespace":
      return "a '#' comment needs a space before it"
    default:
      if problem.hasPrefix("Maximum nesting level") {
        return "the document nests too deeply for the YAML parser (more than 1000 levels)"
      }
      let capitalised = problem.prefix(1).uppercased() + problem.dropFirst()
      return "YAML syntax error: " + capitalised
    }
  }

  /// The note attached at libyaml's context mark (where the construct it was parsing began).
  static func context(_ context: String) -> String {
    let what: String
    switch context {
    case "while parsing a block mapping": what = "the mapping"
    case "while parsing a block collection": what = "the block collection"
    case "while parsing a flow sequence": what = "the flow sequence"
    case "while parsing a flow mapping": what = "the flow mapping"
    case "while scanning a simple key": what = "the key"
    case "while scanning a quoted scalar": what = "the quoted string"
    case "while scanning a block scalar": what = "the block scalar"
    case "while parsing a block node", "while parsing a flow node": what = "the value"
    case "while scanning an anchor", "while scanning an alias": what = "the anchor or alias"
    case "while scanning a tag", "while parsing a node": what = "the tag"
    default: return context + " that starts here"
    }
    return what + " starts here"
  }
}
