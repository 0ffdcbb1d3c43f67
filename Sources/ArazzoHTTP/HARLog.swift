import ArazzoJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An HTTP Archive 1.2 log (http://www.softwareishard.com/blog/har-12-spec/): the fields
/// browsers, Charles and `har-validator` expect, read and written through `JSONValue` so that
/// unknown fields of a log made by another tool are simply ignored.
public struct HARLog: Sendable, Hashable {
  public var version = "1.2"
  public var creatorName = "arazzo"
  public var creatorVersion = "0.1"
  public var entries: [HAREntry] = []

  public init(entries: [HAREntry] = []) { self.entries = entries }

  /// `{"log": {...}}`.
  public var json: JSONValue {
    .object(
      JSONObject(pairs: [
        (
          "log",
          .object(
            JSONObject(pairs: [
              ("version", .string(version)),
              ("creator", ["name": .string(creatorName), "version": .string(creatorVersion)]),
              ("pages", []),
              ("entries", .array(entries.map(\.json))),
            ]))
        )
      ]))
  }

  /// Parses a HAR document.
  public init(json: JSONValue) throws(HARError) {
    guard let log = json["log"], log.objectValue != nil else { throw HARError("no 'log' object") }
    version = log["version"]?.stringValue ?? "1.2"
    creatorName = log["creator"]?["name"]?.stringValue ?? ""
    creatorVersion = log["creator"]?["version"]?.stringValue ?? ""
    guard let list = log["entries"]?.arrayValue else { throw HARError("no 'log.entries' array") }
    entries = []
    for (i, entry) in list.enumerated() {
      do throws(HARError) {
        entries.append(try HAREntry(json: entry))
      } catch {
        throw HARError("entry \(i): \(error.message)")
      }
    }
  }

  /// The largest recording read: 256 MiB (bodies of a long run add up).
  public static let maxFileSize = 256 << 20

  /// Reads and parses a HAR file (a regular file, bounded: never a device or a FIFO).
  public static func read(path: String) throws(HARError) -> HARLog {
    let bytes: [UInt8]
    switch RegularFile.read(path, limit: maxFileSize) {
    case .success(let read): bytes = read
    case .failure(let failure):
      throw HARError(RegularFile.message(failure, path: path, limit: maxFileSize))
    }
    do {
      return try HARLog(json: try JSONParser.parse(bytes: bytes))
    } catch let error as HARError {
      throw HARError("\(path): \(error.message)")
    } catch {
      throw HARError("\(path): \(error)")
    }
  }

  /// Writes the log as pretty-printed JSON (to a temporary file, then renamed into place).
  public func write(path: String) throws(HARError) {
    let text = JSONPrinter.pretty(json) + "\n"
    guard FileIO.write(Array(text.utf8), to: path) else { throw HARError("cannot write \(path)") }
  }
}

/// A HAR file that could not be read.
public struct HARError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { "invalid HAR: \(message)" }
}

/// One request/response pair.
public struct HAREntry: Sendable, Hashable {
  /// ISO 8601 with milliseconds, UTC (`2026-11-29T11:05:00.123Z`).
  public var startedDateTime: String
  public var request: HTTPRequest
  /// `nil` when the exchange failed; `error` says why (recorded as status 0 and `_error`).
  public var response: HTTPResponse?
  public var error: String?

  public init(
    startedDateTime: String, request: HTTPRequest, response: HTTPResponse?, error: String? = nil
  ) {
    self.startedDateTime = startedDateTime
    self.request = request
    self.response = response
    self.error = error
  }

  /// Total milliseconds.
  public var time: Double { milliseconds(response?.timings.total ?? .zero) }

  var json: JSONValue {
    var url = (try? RequestURL(request.url))
    url?.fragment = nil
    let query = request.url.split(separator: "?", maxSplits: 1).dropFirst().first.map {
      $0.split(separator: "#", maxSplits: 1)[0]
    }
    var requestObject = JSONObject(pairs: [
      ("method", .string(request.method.rawValue)),
      ("url", .string(request.url)),
      ("httpVersion", "HTTP/1.1"),
      ("cookies", .array(HAREntry.requestCookies(request.headers))),
      ("headers", HAREntry.headersJSON(request.headers)),
      ("queryString", .array(HAREntry.queryJSON(query.map(String.init)))),
    ])
    if let body = request.body {
      requestObject["postData"] = .object(
        JSONObject(pairs: [
          ("mimeType", .string(request.headers["Content-Type"] ?? "")),
          ("text", .string(String(decoding: body, as: UTF8.self))),
        ]))
    }
    requestObject["headersSize"] = -1
    requestObject["bodySize"] = .integer(request.body?.count ?? 0)

    let response = self.response ?? HTTPResponse(status: 0, httpVersion: "")
    var content = JSONObject(pairs: [
      ("size", .integer(response.body.count)),
      ("mimeType", .string(response.headers["Content-Type"] ?? "x-unknown")),
    ])
    if let text = String(validating: response.body, as: UTF8.self) {
      content["text"] = .string(text)
    } else {
      content["text"] = .string(Base64.encode(response.body))
      content["encoding"] = "base64"
    }
    var responseObject = JSONObject(pairs: [
      ("status", .integer(response.status)),
      ("statusText", .string(response.reason)),
      ("httpVersion", .string(response.httpVersion)),
      ("cookies", .array(HAREntry.responseCookies(response.headers))),
      ("headers", HAREntry.headersJSON(response.headers)),
      ("content", .object(content)),
      ("redirectURL", .string(response.headers["Location"] ?? "")),
      ("headersSize", -1),
      ("bodySize", .integer(response.body.count)),
    ])
    if let error { responseObject["_error"] = .string(error) }
    let t = response.timings
    var object = JSONObject(pairs: [
      ("startedDateTime", .string(startedDateTime)),
      ("time", .number(time)),
      ("request", .object(requestObject)),
      ("response", .object(responseObject)),
      ("cache", .object(JSONObject())),
      (
        "timings",
        .object(
          JSONObject(pairs: [
            ("blocked", -1), ("dns", -1),
            ("connect", t.connect.map { .number(milliseconds($0)) } ?? -1),
            ("send", .number(milliseconds(t.send))),
            ("wait", .number(milliseconds(t.wait))),
            ("receive", .number(milliseconds(t.receive))),
            ("ssl", t.tls.map { .number(milliseconds($0)) } ?? -1),
          ]))
      ),
    ])
    if let url { object["_origin"] = .string(url.origin) }
    return .object(object)
  }

  init(json: JSONValue) throws(HARError) {
    guard let req = json["request"], let res = json["response"] else {
      throw HARError("needs 'request' and 'response'")
    }
    guard let method = req["method"]?.stringValue, let url = req["url"]?.stringValue else {
      throw HARError("request needs 'method' and 'url'")
    }
    startedDateTime = json["startedDateTime"]?.stringValue ?? ""
    var body: [UInt8]?
    if let text = req["postData"]?["text"]?.stringValue {
      body =
        req["postData"]?["encoding"]?.stringValue == "base64"
        ? Base64.decode(text) ?? [] : Array(text.utf8)
    }
    request = HTTPRequest(
      method: HTTPMethod(method), url: url, headers: HAREntry.headers(req["headers"]), body: body)
    let status = res["status"]?.intValue ?? 0
    error = res["_error"]?.stringValue
    if status == 0 {
      response = nil
      if error == nil { error = "no response was recorded" }
      return
    }
    var responseBody: [UInt8] = []
    if let text = res["content"]?["text"]?.stringValue {
      if res["content"]?["encoding"]?.stringValue == "base64" {
        guard let bytes = Base64.decode(text) else { throw HARError("content.text is not base64") }
        responseBody = bytes
      } else {
        responseBody = Array(text.utf8)
      }
    }
    let timings = json["timings"]
    func ms(_ name: String) -> Duration? {
      guard let v = timings?[name]?.doubleValue, v >= 0 else { return nil }
      // A recording may say anything (1e300 ms): a timing counts as at most a day.
      let longest = Duration.maximumWait.inSeconds * 1_000
      return .microseconds(Int64((min(v, longest) * 1000).rounded()))
    }
    response = HTTPResponse(
      status: status, reason: res["statusText"]?.stringValue ?? "",
      httpVersion: res["httpVersion"]?.stringValue ?? "HTTP/1.1",
      headers: HAREntry.headers(res["headers"]), body: responseBody,
      timings: HTTPTimings(
        connect: ms("connect"), tls: ms("ssl"), send: ms("send") ?? .zero,
        wait: ms("wait") ?? .zero, receive: ms("receive") ?? .zero))
  }

  // Field helpers -------------------------------------------------------------------------------

  static func headersJSON(_ headers: HeaderFields) -> JSONValue {
    .array(headers.map { ["name": .string($0.name), "value": .string($0.value)] })
  }

  static func headers(_ json: JSONValue?) -> HeaderFields {
    var headers = HeaderFields()
    for item in json?.arrayValue ?? [] {
      if let name = item["name"]?.stringValue {
        headers.add(name, item["value"]?.stringValue ?? "")
      }
    }
    return headers
  }

  static func queryJSON(_ query: String?) -> [JSONValue] {
    guard let query, !query.isEmpty else { return [] }
    return query.split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return [
        "name": .string(percentDecoded(String(parts[0]))),
        "value": .string(parts.count > 1 ? percentDecoded(String(parts[1])) : ""),
      ]
    }
  }

  static func requestCookies(_ headers: HeaderFields) -> [JSONValue] {
    headers.values(for: "Cookie").flatMap { value in
      value.split(separator: ";").compactMap { pair -> JSONValue? in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0]).trimmingASCIISpaces()
        guard !name.isEmpty else { return nil }
        return ["name": .string(name), "value": .string(parts.count > 1 ? String(parts[1]) : "")]
      }
    }
  }

  static func responseCookies(_ headers: HeaderFields) -> [JSONValue] {
    headers.values(for: "Set-Cookie").compactMap { value in
      let attributes = value.split(separator: ";")
      guard let first = attributes.first else { return nil }
      let parts = first.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      var cookie = JSONObject(pairs: [
        ("name", .string(String(parts[0]).trimmingASCIISpaces())),
        ("value", .string(parts.count > 1 ? String(parts[1]) : "")),
      ])
      for attribute in attributes.dropFirst() {
        let kv = attribute.split(separator: "=", maxSplits: 1).map {
          String($0).trimmingASCIISpaces()
        }
        switch kv[0].asciiLowercased {
        case "path": cookie["path"] = .string(kv.count > 1 ? kv[1] : "")
        case "domain": cookie["domain"] = .string(kv.count > 1 ? kv[1] : "")
        case "expires": cookie["expires"] = .string(kv.count > 1 ? kv[1] : "")
        case "httponly": cookie["httpOnly"] = true
        case "secure": cookie["secure"] = true
        default: break
        }
      }
      return .object(cookie)
    }
  }
}

func milliseconds(_ d: Duration) -> Double {
  let (s, atto) = d.components
  return ((Double(s) * 1000 + Double(atto) / 1e15) * 1000).rounded() / 1000
}

/// Wall-clock time as HAR wants it: ISO 8601, UTC, milliseconds.
func isoTimestampNow() -> String {
  var spec = timespec()
  clock_gettime(CLOCK_REALTIME, &spec)
  var seconds = time_t(spec.tv_sec)
  var parts = tm()
  gmtime_r(&seconds, &parts)
  func pad(_ v: Int32, _ width: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }
  let ms = Int32(spec.tv_nsec / 1_000_000)
  return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
    + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(ms, 3))Z"
}

/// Atomic whole-file writes without Foundation.
enum FileIO {
  static func write(_ bytes: [UInt8], to path: String) -> Bool {
    let temporary = path + ".tmp-\(getpid())"
    guard let file = fopen(temporary, "wb") else { return false }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file) == 0
    guard written == bytes.count, closed, rename(temporary, path) == 0 else {
      unlink(temporary)
      return false
    }
    return true
  }
}

extension JSONObject {
  /// An object from ordered pairs (a concrete type so literals infer).
  init(pairs: [(String, JSONValue)]) { self.init(pairs) }
}
