import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// XPath 1.0 through libxml2, the library FoundationXML itself wraps.
///
/// Why not `FoundationXML.XMLDocument` directly (checked with Swift 6.3.1 on Linux):
/// - `nodes(forXPath:)` returns `[]` for any expression whose result is not a node-set
///   (`count(//b) > 1`, `string(/a)`, `1 = 1`), so the XPath Effective Boolean Value cannot be
///   computed for booleans, numbers or strings;
/// - `objects(forXQuery:)` is marked unavailable in swift-corelibs-foundation;
/// - an XPath with a syntax error (`//b[`) **crashes the process** (`_CFXMLNodesForXPath`
///   dereferences the null result), so a user's condition cannot be checked with it safely.
///
/// So this file loads the same libxml2 at run time (`dlopen`, no headers or module map needed)
/// and calls `xmlXPathCtxtCompile` (syntax check, once), `xmlReadMemory`, `xmlXPathCompiledEval` and
/// `xmlXPathCastToBoolean` (the XPath 1.0 `boolean()` function: a non-empty node-set, a non-zero
/// non-NaN number, a non-empty string, or `true`). Parser and XPath errors are captured through
/// `xmlSetStructuredErrorFunc` instead of being printed. No namespaces are registered, network
/// access is off (`XML_PARSE_NONET`), and `XML_PARSE_HUGE` is not set, so libxml2 keeps its own
/// limits (elements nested at most 256 deep, text node sizes). Expressions are compiled with a
/// context, so libxml2's XPath recursion limit also holds while compiling (without one it
/// recurses once per operator of a long `or` chain, unbounded); their nesting is checked here
/// first (`XPathProgram.maxDepth`). If libxml2 cannot be loaded, xpath criteria report that as
/// their error and fail.
final class LibXML2: @unchecked Sendable {
  typealias ReadMemory =
    @convention(c) (
      UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32
    ) -> OpaquePointer?
  typealias Free1 = @convention(c) (OpaquePointer?) -> Void
  typealias Compile = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
  typealias NewContext = @convention(c) (OpaquePointer?) -> OpaquePointer?
  typealias CompiledEval =
    @convention(c) (OpaquePointer?, OpaquePointer?) -> UnsafeMutableRawPointer?
  typealias FreeObject = @convention(c) (UnsafeMutableRawPointer?) -> Void
  typealias CastToBoolean = @convention(c) (UnsafeMutableRawPointer?) -> Int32
  typealias CastToString = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutablePointer<UInt8>?
  typealias StructuredHandler =
    @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void
  typealias SetStructured = @convention(c) (UnsafeMutableRawPointer?, StructuredHandler?) -> Void
  typealias GenericHandler =
    @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void
  typealias SetGeneric = @convention(c) (UnsafeMutableRawPointer?, GenericHandler?) -> Void
  typealias FreeFn = @convention(c) (UnsafeMutableRawPointer?) -> Void

  let readMemory: ReadMemory
  let freeDoc: Free1
  let compile: Compile
  let freeCompExpr: Free1
  let newContext: NewContext
  let freeContext: Free1
  let compiledEval: CompiledEval
  let freeObject: FreeObject
  let castToBoolean: CastToBoolean
  let castToString: CastToString
  let setStructured: SetStructured
  let setGeneric: SetGeneric
  let xmlFree: FreeFn?
  /// Accessors for the (per-thread) current error handlers, to restore them afterwards.
  typealias Accessor = @convention(c) () -> UnsafeMutablePointer<UnsafeMutableRawPointer?>?
  let structuredError: Accessor?
  let structuredErrorContext: Accessor?
  let genericError: Accessor?
  let genericErrorContext: Accessor?
  /// For editing documents (payload replacements); nil when this libxml2 lacks them.
  typealias SetContent = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Void
  typealias DumpMemory =
    @convention(c) (
      OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
      UnsafeMutablePointer<Int32>?
    ) -> Void
  let nodeSetContent: SetContent?
  let docDumpMemory: DumpMemory?
  /// A node's XPath string value (for selectors); nil when this libxml2 lacks it.
  typealias CastNodeToString = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<UInt8>?
  let castNodeToString: CastNodeToString?

  /// Serialises all libxml2 use here (error handlers are per-thread globals, compiled
  /// expressions are not documented as thread-safe).
  let lock = NSLock()

  static let shared: LibXML2? = LibXML2()

  private init?() {
    #if canImport(Darwin)
      let names = ["/usr/lib/libxml2.2.dylib", "libxml2.2.dylib", "libxml2.dylib"]
    #else
      let names = ["libxml2.so.2", "libxml2.so"]
    #endif
    var handle: UnsafeMutableRawPointer? = nil
    for n in names where handle == nil { handle = dlopen(n, RTLD_NOW) }
    guard let handle else { return nil }
    func sym<T>(_ name: String, _: T.Type) -> T? {
      guard let p = dlsym(handle, name) else { return nil }
      return unsafeBitCast(p, to: T.self)
    }
    guard let readMemory = sym("xmlReadMemory", ReadMemory.self),
      let freeDoc = sym("xmlFreeDoc", Free1.self),
      let compile = sym("xmlXPathCtxtCompile", Compile.self),
      let freeCompExpr = sym("xmlXPathFreeCompExpr", Free1.self),
      let newContext = sym("xmlXPathNewContext", NewContext.self),
      let freeContext = sym("xmlXPathFreeContext", Free1.self),
      let compiledEval = sym("xmlXPathCompiledEval", CompiledEval.self),
      let freeObject = sym("xmlXPathFreeObject", FreeObject.self),
      let castToBoolean = sym("xmlXPathCastToBoolean", CastToBoolean.self),
      let castToString = sym("xmlXPathCastToString", CastToString.self),
      let setStructured = sym("xmlSetStructuredErrorFunc", SetStructured.self),
      let setGeneric = sym("xmlSetGenericErrorFunc", SetGeneric.self)
    else { return nil }
    self.readMemory = readMemory
    self.freeDoc = freeDoc
    self.compile = compile
    self.freeCompExpr = freeCompExpr
    self.newContext = newContext
    self.freeContext = freeContext
    self.compiledEval = compiledEval
    self.freeObject = freeObject
    self.castToBoolean = castToBoolean
    self.castToString = castToString
    self.setStructured = setStructured
    self.setGeneric = setGeneric
    self.structuredError = sym("__xmlStructuredError", Accessor.self)
    self.structuredErrorContext = sym("__xmlStructuredErrorContext", Accessor.self)
    self.genericError = sym("__xmlGenericError", Accessor.self)
    self.genericErrorContext = sym("__xmlGenericErrorContext", Accessor.self)
    self.nodeSetContent = sym("xmlNodeSetContent", SetContent.self)
    self.docDumpMemory = sym("xmlDocDumpMemory", DumpMemory.self)
    self.castNodeToString = sym("xmlXPathCastNodeToString", CastNodeToString.self)
    // `xmlFree` is a variable holding a function pointer.
    if let p = dlsym(handle, "xmlFree") {
      self.xmlFree = p.assumingMemoryBound(to: FreeFn?.self).pointee
    } else {
      self.xmlFree = nil
    }
  }

  /// Parses XML text with no network access and no error output; nil when not well-formed.
  /// Call with `lock` held (inside `capturingErrors`).
  func parse(_ xml: String, name: String) -> OpaquePointer? {
    let bytes = Array(xml.utf8)
    // XML_PARSE_NONET (2048) | XML_PARSE_NOERROR (32) | XML_PARSE_NOWARNING (64)
    return bytes.withUnsafeBufferPointer { buf in
      buf.baseAddress.flatMap { base in
        base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
          readMemory($0, Int32(buf.count), name, "UTF-8", 2048 | 32 | 64)
        }
      }
    }
  }

  /// Collects error messages while `body` runs (instead of libxml2 printing them).
  func capturingErrors<T>(_ body: () -> T) -> (T, [String]) {
    let box = XMLErrorBox()
    let ctx = Unmanaged.passRetained(box).toOpaque()
    defer { Unmanaged<XMLErrorBox>.fromOpaque(ctx).release() }
    let handler: StructuredHandler = { user, error in
      guard let user, let error else { return }
      // struct _xmlError { int domain; int code; char *message; … }
      let message = error.load(fromByteOffset: 8, as: UnsafePointer<CChar>?.self)
      let box = Unmanaged<XMLErrorBox>.fromOpaque(user).takeUnretainedValue()
      if let message {
        box.messages.append(
          String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines))
      }
    }
    let quiet: GenericHandler = { _, _ in }
    // Save whatever handlers are installed (FoundationXML may have its own) and restore them.
    let saved = [structuredError, structuredErrorContext, genericError, genericErrorContext].map {
      $0?()?.pointee
    }
    setStructured(ctx, handler)
    setGeneric(nil, quiet)
    defer {
      if structuredError != nil, structuredErrorContext != nil, genericError != nil,
        genericErrorContext != nil
      {
        structuredError?()?.pointee = saved[0] ?? nil
        structuredErrorContext?()?.pointee = saved[1] ?? nil
        genericError?()?.pointee = saved[2] ?? nil
        genericErrorContext?()?.pointee = saved[3] ?? nil
      } else {
        setStructured(nil, nil)
        setGeneric(nil, nil)
      }
    }
    return (body(), box.messages)
  }
}

/// A compiled XPath 1.0 expression.
final class XPathProgram: @unchecked Sendable {
  let text: String
  let compiled: OpaquePointer
  private let lib: LibXML2

  /// The deepest nesting of `(` and `[` an expression may have (libxml2 recurses on each).
  static let maxDepth = 256

  /// Compiles `text`; the error is libxml2's message ("Invalid expression", …).
  static func compile(_ text: String) -> Result<XPathProgram, XPathFailure> {
    if let tooDeep = nestingError(text) { return .failure(tooDeep) }
    guard let lib = LibXML2.shared else {
      return .failure(XPathFailure(message: "libxml2 could not be loaded"))
    }
    lib.lock.lock()
    defer { lib.lock.unlock() }
    let (comp, errors) = lib.capturingErrors { () -> OpaquePointer? in
      guard let context = lib.newContext(nil) else { return nil }
      defer { lib.freeContext(context) }
      return text.withCString { lib.compile(context, $0) }
    }
    guard let comp else {
      return .failure(XPathFailure(message: errors.first ?? "invalid XPath expression"))
    }
    return .success(XPathProgram(text: text, compiled: comp, lib: lib))
  }

  /// A failure at the first `(` or `[` nested deeper than `maxDepth` (string literals skipped).
  static func nestingError(_ text: String) -> XPathFailure? {
    var depth = 0
    var quote: Unicode.Scalar? = nil
    for (offset, c) in text.unicodeScalars.enumerated() {
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "'" || c == "\"" {
        quote = c
      } else if c == "(" || c == "[" {
        depth += 1
        if depth > maxDepth {
          return XPathFailure(
            message: "the expression nests deeper than \(maxDepth) levels (column \(offset + 1))",
            offset: offset)
        }
      } else if c == ")" || c == "]" {
        depth = max(0, depth - 1)
      }
    }
    return nil
  }

  private init(text: String, compiled: OpaquePointer, lib: LibXML2) {
    self.text = text
    self.compiled = compiled
    self.lib = lib
  }

  deinit { lib.freeCompExpr(compiled) }

  /// The result: its XPath 1.0 boolean value and a short description of what it was.
  struct Outcome {
    var value: Bool
    var description: String
  }

  /// Evaluates against an XML document given as text.
  func evaluate(xml: String) -> Result<Outcome, XPathFailure> {
    withResult(on: xml, document: "context.xml", notXML: "the context is not well-formed XML") {
      _, obj in
      let truth = lib.castToBoolean(obj) != 0
      // struct _xmlXPathObject { xmlXPathObjectType type; xmlNodeSetPtr nodesetval; … }
      let type = obj.load(as: Int32.self)
      var what: String
      switch type {
      case 1:
        let set = obj.load(fromByteOffset: 8, as: UnsafeMutableRawPointer?.self)
        let n = set.map { Int($0.load(as: Int32.self)) } ?? 0
        what = "node-set of \(n) node\(n == 1 ? "" : "s")"
      case 2: what = "boolean \(truth)"
      case 3, 4:
        var text = ""
        if let s = lib.castToString(obj) {
          text = String(cString: s)
          lib.xmlFree?(UnsafeMutableRawPointer(s))
        }
        what = type == 3 ? "number \(text)" : "string '\(text)'"
      default: what = "value of type \(type)"
      }
      return .success(Outcome(value: truth, description: what))
    }
  }

  /// Parses `xml` (called `document` in libxml2's messages), evaluates the expression on it and
  /// hands the document and the XPath object to `body`, all under the library's lock; both are
  /// freed afterwards. A failure's message gets libxml2's first error appended. The one path
  /// for xpath criteria, selectors and XML payload replacements.
  func withResult<T>(
    on xml: String, document: String, notXML: String,
    _ body: (_ doc: OpaquePointer, _ object: UnsafeMutableRawPointer) -> Result<T, XPathFailure>
  ) -> Result<T, XPathFailure> {
    lib.lock.lock()
    defer { lib.lock.unlock() }
    let (result, errors): (Result<T, XPathFailure>, [String]) = lib.capturingErrors {
      guard let doc = lib.parse(xml, name: document) else {
        return .failure(XPathFailure(message: notXML))
      }
      defer { lib.freeDoc(doc) }
      guard let ctx = lib.newContext(doc) else {
        return .failure(XPathFailure(message: "libxml2 could not make an XPath context"))
      }
      defer { lib.freeContext(ctx) }
      guard let obj = lib.compiledEval(compiled, ctx) else {
        return .failure(XPathFailure(message: "the XPath expression could not be evaluated"))
      }
      defer { lib.freeObject(obj) }
      return body(doc, obj)
    }
    if case .failure(var f) = result, let first = errors.first {
      f.message += ": " + first
      return .failure(f)
    }
    return result
  }
}

final class XMLErrorBox {
  var messages: [String] = []
}

struct XPathFailure: Error, Sendable {
  var message: String
  /// Where in the expression the problem is (scalar offset), when known.
  var offset: Int? = nil
}
