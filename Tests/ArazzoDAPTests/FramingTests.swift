import ArazzoDAP
import ArazzoJSON
import ArazzoTestSupport
import Testing

/// The framing read from a byte stream however the bytes arrive, and what a bad frame gives.
@Suite struct FramingTests {
  private func frame(_ body: String) -> [UInt8] {
    Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
  }

  /// Everything the reader yields for `chunks` fed one after another.
  private func read(_ chunks: [[UInt8]]) -> [String] {
    var reader = DAPFrameReader()
    var out: [String] = []
    for chunk in chunks {
      reader.feed(chunk)
      while let item = reader.next() {
        switch item {
        case .message(let m): out.append(JSONPrinter.compact(m))
        case .malformed(let problem): out.append("malformed: " + problem)
        }
      }
    }
    return out
  }

  @Test func aFrameSplitAnywhereIsReadOnce() {
    let bytes = frame(#"{"seq":1,"type":"request","command":"threads"}"#)
    for cut in 1..<bytes.count {
      #expect(
        read([Array(bytes[..<cut]), Array(bytes[cut...])])
          == [#"{"seq":1,"type":"request","command":"threads"}"#], "cut at \(cut)")
    }
    // A byte at a time.
    #expect(read(bytes.map { [$0] }).count == 1)
  }

  @Test func twoFramesInOneReadAreTwoMessages() {
    #expect(read([frame("[1]") + frame(#"{"a":"é"}"#)]) == ["[1]", #"{"a":"é"}"#])
  }

  @Test func otherHeadersAreIgnoredAndTheNameIsCaseInsensitive() {
    let bytes = Array("content-length: 2\r\nContent-Type: application/json\r\n\r\n{}".utf8)
    #expect(read([bytes]) == ["{}"])
  }

  @Test func aBadHeaderIsDroppedAndTheNextFrameRead() {
    let bad = Array("Content-Type: x\r\n\r\n".utf8)
    #expect(read([bad + frame("[2]")]) == ["malformed: a header without Content-Length", "[2]"])
    let notANumber = Array("Content-Length: ten\r\n\r\n".utf8)
    #expect(
      read([notANumber + frame("[3]")])
        == ["malformed: Content-Length is not a byte count: 'ten'", "[3]"])
    let noColon = Array("garbage\r\n\r\n".utf8)
    #expect(read([noColon + frame("[4]")]).last == "[4]")
  }

  @Test func aHeaderWithoutItsEndIsDroppedOnceTooLong() {
    let endless = [UInt8](repeating: UInt8(ascii: "x"), count: DAPFrame.maxHeaderBytes + 10)
    let out = read([endless, frame("[5]")])
    #expect(out.first?.hasPrefix("malformed: no end of header") == true)
    #expect(out.last == "[5]")
  }

  @Test func anOversizedBodyIsSkippedAndTheNextFrameRead() {
    let n = DAPFrame.maxBodyBytes + 1
    let header = Array("Content-Length: \(n)\r\n\r\n".utf8)
    let body = [UInt8](repeating: UInt8(ascii: " "), count: n)
    let out = read([header, Array(body[..<1000]), Array(body[1000...]) + frame("[6]")])
    // All in one read: the frame after the skipped body is read too.
    #expect(read([header + body + frame("[7]")]).last == "[7]")
    #expect(
      out == [
        "malformed: a body of \(n) bytes is over the limit of \(DAPFrame.maxBodyBytes); skipped it",
        "[6]",
      ])
  }

  @Test func aBodyThatIsNotJSONOrNotUTF8IsSaid() {
    #expect(
      read([frame("hello") + frame("[7]")]).first?.hasPrefix("malformed: the body is not JSON")
        == true)
    let latin1: [UInt8] = Array("Content-Length: 1\r\n\r\n".utf8) + [0xE9]
    #expect(read([latin1 + frame("[8]")]) == ["malformed: the body is not UTF-8", "[8]"])
  }

  @Test func encodeWritesTheByteCount() {
    let bytes = DAPFrame.encode(["a": "é"])
    #expect(String(decoding: bytes, as: UTF8.self) == "Content-Length: 10\r\n\r\n{\"a\":\"é\"}")
  }

  /// Noise: random bytes mixed with pieces of headers and frames (good, truncated, with
  /// absurd lengths), fed in random chunks. The reader must never trap, must always make
  /// progress, and must still read a good frame sent after the noise.
  @Test func noiseNeverTrapsAndAGoodFrameStillGetsThrough() {
    var rng = SplitMix(state: 0xF4A3_E5)
    func random(_ n: Int) -> Int { rng.below(n) }
    let pieces: [[UInt8]] = [
      "Content-Length: ", "content-length:7", "\r\n", "\r\n\r\n", "Content-Length: -3\r\n\r\n",
      "Content-Length: 99999999999999999999999\r\n\r\n", "Content-Length: 2\r\n\r\n{}",
      "Content-Length: 4\r\n\r\n[1,", "{\"seq\":1}", "\u{FFFD}", "X: y\r\n",
    ].map { Array($0.utf8) }
    var reader = DAPFrameReader()
    var inputs = 0
    for _ in 0..<4_000 {
      var chunk: [UInt8] = []
      for _ in 0..<(1 + random(4)) {
        if random(3) == 0 {
          chunk += (0..<random(64)).map { _ in UInt8(random(256)) }
        } else {
          chunk += pieces[random(pieces.count)]
        }
      }
      reader.feed(chunk)
      // Everything complete is read out; each call consumes or waits, so this ends.
      var calls = 0
      while reader.next() != nil {
        inputs += 1
        calls += 1
        #expect(calls < 10_000, "the reader stopped making progress")
        if calls >= 10_000 { return }
      }
    }
    #expect(inputs > 0)
    // The noise ends; a good frame, after enough bytes to finish any frame in progress, is read.
    let good = Array(#"{"seq":7,"type":"request","command":"threads"}"#.utf8)
    reader.feed(Array("\r\n\r\n".utf8))
    while reader.next() != nil {}
    reader.feed(Array("Content-Length: \(good.count)\r\n\r\n".utf8) + good)
    var last: DAPInput?
    while let input = reader.next() { last = input }
    if case .message(let message)? = last {
      #expect(message["command"]?.stringValue == "threads")
    } else {
      Issue.record("the good frame was not read: \(String(describing: last))")
    }
  }
}
