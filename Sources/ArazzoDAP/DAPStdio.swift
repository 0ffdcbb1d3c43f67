import ArazzoJSON
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Serves the protocol on file descriptors (`arazzo dap`: stdin and stdout). A reader thread
/// keeps reading while the run moves, so a `pause` reaches a running `continue`; the server
/// handles the requests in order. Only protocol frames are written to `output`.
public enum DAPStdio {
  /// Serves until `disconnect` or the end of input.
  public static func serve(
    handlers: DAPHandlerFactory = .none, input: Int32 = 0, output: Int32 = 1,
    log: @escaping (String) -> Void
  ) async {
    let writer = FrameWriter(fd: output)
    let server = DAPServer(handlers: handlers, send: { writer.write($0) }, log: log)
    let interrupt = server.interrupt
    let (stream, continuation) = AsyncStream.makeStream(of: DAPInput.self)
    let thread = Thread {
      read(fd: input, noting: interrupt, into: continuation)
    }
    // Room for the parser at its deepest (`JSONParser.defaultMaxDepth` levels, debug builds
    // included): a frame nested deeper is refused, never a stack overflow.
    thread.stackSize = 16 << 20
    thread.start()
    for await item in stream {
      guard await server.receive(item) else { return }
    }
    log("end of input")
    await server.endOfInput()
  }

  /// Reads frames from `fd` until the end of input (or a read error), yielding each.
  private static func read(
    fd: Int32, noting interrupt: DAPInterrupt, into continuation: AsyncStream<DAPInput>.Continuation
  ) {
    var reader = DAPFrameReader()
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      guard n > 0 else { break }
      reader.feed(buffer[0..<n])
      while let item = reader.next() {
        if case .message(let message) = item { interrupt.note(message) }
        continuation.yield(item)
      }
    }
    interrupt.noteEnd()
    continuation.finish()
  }
}

/// Writes whole frames to a file descriptor, one at a time.
final class FrameWriter: Sendable {
  private let fd: Int32
  private let lock = Mutex(())

  init(fd: Int32) { self.fd = fd }

  func write(_ message: JSONValue) {
    let bytes = DAPFrame.encode(message)
    lock.withLock { _ in
      var offset = 0
      while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { return }  // the client has gone: the end of input ends the adapter
        offset += n
      }
    }
  }
}
