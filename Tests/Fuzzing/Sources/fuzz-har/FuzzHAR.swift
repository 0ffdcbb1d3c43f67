import ArazzoHTTP
import ArazzoJSON
import FuzzSupport

/// The HAR reader (`--replay`): the input is parsed as JSON and read as a HAR log; a log that
/// reads is written back, read again, and indexed for replay (which normalises every URL).
@main enum FuzzHAR {
  static func main() { FuzzDriver.run(testOneInput) }
}

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let json = try? JSONParser.parse(bytes: FuzzInput.bytes(data, size)),
    let log = try? HARLog(json: json)
  else { return 0 }
  let written = JSONPrinter.pretty(log.json)
  if let again = try? JSONParser.parse(written), let reread = try? HARLog(json: again) {
    _ = reread.entries.count
  }
  _ = ReplayTransport(log: log)
  return 0
}
