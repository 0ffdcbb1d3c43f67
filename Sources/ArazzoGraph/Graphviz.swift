import Foundation

/// Draws DOT text as SVG or PNG with Graphviz's `dot`, run as a subprocess (found on `PATH`),
/// bounded in time and in the size of what it writes.
public enum Graphviz {
  /// The picture formats `dot` is asked for.
  public enum Format: String, Sendable, CaseIterable {
    case svg, png
  }

  /// Why there is no picture.
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// The message when `dot` cannot be found: what to install.
  public static let missingMessage =
    "drawing SVG or PNG needs Graphviz's `dot`, which is not on PATH; install the package "
    + "'graphviz' (apt-get install graphviz), or use --format mermaid or dot"

  /// The largest picture accepted from `dot` (64 MB).
  public static let maxOutput = 64 << 20

  /// The path of the `dot` executable on `path` (a `PATH` value), or nil.
  public static func locate(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String?
  {
    for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
      let candidate = String(directory) + "/dot"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// `dot -T<format>` over `source`: the picture's bytes. `dot` gets `timeout` to finish and is
  /// killed after it; what it writes past `maxOutput` is an error too.
  public static func render(
    _ source: String, format: Format, timeout: Duration = .seconds(30)
  ) throws(Failure) -> Data {
    guard let dot = locate() else { throw Failure(message: missingMessage) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: dot)
    process.arguments = ["-T" + format.rawValue]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    do {
      try process.run()
    } catch {
      throw Failure(message: "cannot run \(dot): \(error.localizedDescription)")
    }
    // Feed stdin and drain stdout and stderr at the same time, so no pipe fills up and blocks.
    let out = Collected()
    let err = Collected()
    let group = DispatchGroup()
    let data = Data(source.utf8)
    DispatchQueue.global().async(group: group) {
      try? input.fileHandleForWriting.write(contentsOf: data)
      try? input.fileHandleForWriting.close()
    }
    DispatchQueue.global().async(group: group) {
      out.read(output.fileHandleForReading, limit: maxOutput)
    }
    DispatchQueue.global().async(group: group) {
      err.read(errors.fileHandleForReading, limit: 64 << 10)
    }
    let seconds = Double(timeout.components.seconds)
    if finished.wait(timeout: .now() + seconds) == .timedOut {
      process.terminate()
      kill(process.processIdentifier, SIGKILL)
      _ = finished.wait(timeout: .now() + 5)
      _ = group.wait(timeout: .now() + 5)
      throw Failure(message: "`dot` did not finish within \(Int(seconds)) s and was stopped")
    }
    _ = group.wait(timeout: .now() + 5)
    if out.overflowed {
      throw Failure(message: "`dot` wrote more than \(maxOutput >> 20) MB; the graph is too large")
    }
    guard process.terminationStatus == 0 else {
      let text =
        String(decoding: err.data, as: UTF8.self)
        .split(separator: "\n").first.map(String.init) ?? ""
      throw Failure(
        message: "`dot` failed (exit status \(process.terminationStatus))"
          + (text.isEmpty ? "" : ": " + text))
    }
    return out.data
  }
}

/// What one pipe delivered, read on another thread, up to a limit.
private final class Collected: @unchecked Sendable {
  private let lock = NSLock()
  private var bytes = Data()
  private var over = false

  var data: Data { lock.withLock { bytes } }
  var overflowed: Bool { lock.withLock { over } }

  /// Reads until end of file; keeps at most `limit` bytes and notes whether there was more.
  func read(_ handle: FileHandle, limit: Int) {
    while true {
      let chunk = handle.availableData
      if chunk.isEmpty { return }
      lock.withLock {
        if bytes.count + chunk.count > limit { over = true } else { bytes.append(chunk) }
      }
    }
  }
}
