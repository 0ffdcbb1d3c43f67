import ArazzoJSON

/// [1.1] The XPath query of a Selector Object (`type: xpath`), compiled once, applied to an
/// XML document to give the JSON value an output holds. XPath 1.0 through libxml2, as for xpath
/// criteria and XML payload replacements.
///
/// The value: a node-set of one node is that node's string value (its text), of several an
/// array of their string values in document order, of none a failure; a number is a JSON
/// number (an integer when it has no fraction), a string a string, a boolean a boolean.
public struct XPathSelector: Sendable {
  /// Why compiling or selecting failed (bad expression, not XML, nothing selected, no libxml2).
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
  }

  /// The expression as written.
  public let text: String
  private let program: XPathProgram

  private init(text: String, program: XPathProgram) {
    self.text = text
    self.program = program
  }

  /// Compiles `text` (libxml2's message when it is not an XPath 1.0 expression).
  public static func compile(_ text: String) -> Result<XPathSelector, Failure> {
    switch XPathProgram.compile(text) {
    case .success(let program): return .success(XPathSelector(text: text, program: program))
    case .failure(let f): return .failure(Failure(message: f.message))
    }
  }

  /// The value the expression selects in the XML document `xml`.
  public func select(in xml: String) -> Result<JSONValue, Failure> {
    guard let lib = LibXML2.shared else {
      return .failure(Failure(message: "libxml2 could not be loaded"))
    }
    let result = program.withResult(
      on: xml, document: "context.xml", notXML: "the context is not well-formed XML"
    ) { _, obj -> Result<JSONValue, XPathFailure> in
      // struct _xmlXPathObject { xmlXPathObjectType type; xmlNodeSetPtr nodesetval; … }
      switch obj.load(as: Int32.self) {
      case 1: return Self.nodeValues(obj, lib).mapError { XPathFailure(message: $0.message) }
      case 2: return .success(.bool(lib.castToBoolean(obj) != 0))
      case let type where type == 3 || type == 4:
        let text = Self.string(lib.castToString(obj), lib)
        guard type == 3 else { return .success(.string(text)) }
        guard let number = Double(text), number.isFinite else { return .success(.string(text)) }
        if number == number.rounded(), abs(number) < 9e15 { return .success(.integer(Int(number))) }
        return .success(.number(number))
      case let type:
        return .failure(XPathFailure(message: "the XPath result (type \(type)) has no JSON form"))
      }
    }
    return result.mapError { Failure(message: $0.message) }
  }

  /// The string values of a node-set's nodes.
  private static func nodeValues(
    _ obj: UnsafeMutableRawPointer, _ lib: LibXML2
  ) -> Result<JSONValue, Failure> {
    guard let castNode = lib.castNodeToString else {
      return .failure(Failure(message: "this libxml2 lacks xmlXPathCastNodeToString"))
    }
    // struct _xmlNodeSet { int nodeNr; int nodeMax; xmlNodePtr *nodeTab; }
    guard let set = obj.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self),
      case let count = Int(set.load(as: Int32.self)), count > 0,
      let table = set.load(fromByteOffset: 8, as: UnsafeMutablePointer<OpaquePointer?>?.self)
    else { return .failure(Failure(message: "the XPath expression selects no nodes")) }
    var values: [JSONValue] = []
    for i in 0..<count {
      guard let node = table[i] else { continue }
      values.append(.string(string(castNode(node), lib)))
    }
    return .success(values.count == 1 ? values[0] : .array(values))
  }

  /// Takes a libxml2 string (freeing it).
  private static func string(_ chars: UnsafeMutablePointer<UInt8>?, _ lib: LibXML2) -> String {
    guard let chars else { return "" }
    let text = String(cString: chars)
    lib.xmlFree?(UnsafeMutableRawPointer(chars))
    return text
  }
}
