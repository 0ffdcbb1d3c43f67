import Foundation

/// Replaces the text content of the nodes an XPath 1.0 expression selects in an XML document
/// (Arazzo payload replacements on XML bodies), through the same libxml2 as xpath criteria.
///
/// Elements lose their children and get the text; attributes, text, CDATA, comment and
/// processing-instruction nodes get the text as their value. The document is written back with
/// libxml2's serialiser: an XML declaration is kept only if the input had one, and a trailing
/// newline only if the input ended with one. Namespaces are not registered, so prefixed names
/// in the expression do not resolve (as in xpath criteria).
public enum XMLTextReplacement {
  /// Why a replacement failed (bad expression, not XML, no node selected, libxml2 missing).
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
  }

  /// The document `xml` with every node selected by `xpath` holding `text`.
  public static func replace(
    _ xpath: String, with text: String, in xml: String
  ) -> Result<
    String, Failure
  > {
    guard let lib = LibXML2.shared, let setContent = lib.nodeSetContent,
      let dump = lib.docDumpMemory
    else { return .failure(Failure(message: "libxml2 could not be loaded")) }
    let program: XPathProgram
    switch XPathProgram.compile(xpath) {
    case .success(let p): program = p
    case .failure(let f): return .failure(Failure(message: "invalid XPath: \(f.message)"))
    }
    let result = program.withResult(
      on: xml, document: "payload.xml", notXML: "the payload is not well-formed XML"
    ) { doc, obj -> Result<String, XPathFailure> in
      // struct _xmlXPathObject { xmlXPathObjectType type; xmlNodeSetPtr nodesetval; … }
      guard obj.load(as: Int32.self) == 1 else {
        return .failure(XPathFailure(message: "the XPath expression does not select nodes"))
      }
      // struct _xmlNodeSet { int nodeNr; int nodeMax; xmlNodePtr *nodeTab; }
      guard let set = obj.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self),
        case let count = Int(set.load(as: Int32.self)), count > 0,
        let table = set.load(fromByteOffset: 8, as: UnsafeMutablePointer<OpaquePointer?>?.self)
      else { return .failure(XPathFailure(message: "the XPath expression selects no nodes")) }
      var changed = 0
      for i in 0..<count {
        guard let node = table[i] else { continue }
        // struct _xmlNode { void *_private; xmlElementType type; … }
        let type = UnsafeRawPointer(node).load(fromByteOffset: 8, as: Int32.self)
        switch type {
        case 1, 2:  // element, attribute: the content is parsed for entity references
          escaped(text).withCString { setContent(node, $0) }
          changed += 1
        case 3, 4, 7, 8:  // text, CDATA, processing instruction, comment: taken as is
          text.withCString { setContent(node, $0) }
          changed += 1
        default:
          continue
        }
      }
      guard changed > 0 else {
        return .failure(
          XPathFailure(message: "the XPath expression selects no element, attribute or text node"))
      }
      var mem: UnsafeMutablePointer<UInt8>? = nil
      var size: Int32 = 0
      dump(doc, &mem, &size)
      guard let mem else {
        return .failure(XPathFailure(message: "libxml2 could not write the document"))
      }
      var out = String(decoding: UnsafeBufferPointer(start: mem, count: Int(size)), as: UTF8.self)
      lib.xmlFree?(UnsafeMutableRawPointer(mem))
      let hadDeclaration = xml.drop(while: { $0.isWhitespace }).hasPrefix("<?xml")
      if !hadDeclaration, out.hasPrefix("<?xml"), let end = out.range(of: "?>") {
        out = String(out[end.upperBound...].drop(while: { $0 == "\n" }))
      }
      if !xml.hasSuffix("\n"), out.hasSuffix("\n") { out.removeLast() }
      return .success(out)
    }
    return result.mapError { Failure(message: $0.message) }
  }

  private static func escaped(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
