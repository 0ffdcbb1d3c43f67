import Foundation

#if canImport(_FoundationICU)
  import _FoundationICU
#endif

/// A regular expression in ICU syntax, compiled once, whose every match is bounded in work,
/// memory and time: it answers match, no match, or an error saying why it gave up, never a
/// "no match" that only means the engine stopped.
///
/// The one regex engine of the project: JSONPath `match()`/`search()` (`IRegexp` translates
/// I-Regexp to ICU), JSON Schema `pattern` (`SchemaRegex` translates ECMA-262) and regex
/// criteria use it. Where Foundation's ICU is importable (Linux), matching calls ICU's
/// `uregex` API directly with, per match:
///
/// - a **step limit** of `Budget.steps(forLength:)` engine steps (5,000,000 plus 32 per UTF-16
///   unit of the subject: well under a second on a short subject, so catastrophic backtracking
///   gives up quickly, while linear work on megabytes still finishes);
/// - a **backtracking stack** of `Budget.stackBytes(forLength:)` (8 MB, or 64 bytes per unit of
///   the subject up to 256 MB), where ICU's default of 8 MB fails `(a|b)*` on a megabyte;
/// - an optional **deadline** (`--deadline`), and task cancellation, checked every ~10,000 steps.
///
/// Elsewhere (macOS, where `_FoundationICU` is not a module) it falls back to
/// `NSRegularExpression` with progress reports: the deadline, cancellation and a wall-clock
/// budget of one second (plus a millisecond per kilobyte) bound it, but a backtracking-stack
/// overflow there still reads as no match.
///
/// Thread-safe: a compiled pattern is shared; each match borrows a matcher of its own.
public final class BoundedRegex: @unchecked Sendable {
  /// The ICU pattern.
  public let pattern: String

  /// Compiles an ICU pattern with no flags (case-sensitive, `.` stops at line ends).
  public init(_ pattern: String) throws(RegexSyntaxError) {
    self.pattern = pattern
    #if canImport(_FoundationICU)
      let units = Array(pattern.utf16)
      var status = U_ZERO_ERROR
      var parseError = UParseError()
      let compiled = units.withUnsafeBufferPointer { buffer in
        swift_uregex_open(buffer.baseAddress, Int32(buffer.count), 0, &parseError, &status)
      }
      guard let compiled, status.rawValue <= U_ZERO_ERROR.rawValue else {
        if let compiled { swift_uregex_close(compiled) }
        throw RegexSyntaxError(
          reason: Self.errorName(status), offset: Int(max(parseError.offset, 0)))
      }
      prototype = compiled
    #else
      do {
        regex = try NSRegularExpression(pattern: pattern, options: [])
      } catch {
        throw RegexSyntaxError(reason: error.localizedDescription, offset: 0)
      }
    #endif
  }

  /// How much work one match may do, by the length of its subject in UTF-16 units.
  public enum Budget {
    /// ICU counts time in slices of this many steps.
    static let stepsPerSlice = 10_000

    /// The engine steps a match may take: 5,000,000 plus 32 per unit of the subject.
    public static func steps(forLength length: Int) -> Int {
      slices(forLength: length) * stepsPerSlice
    }

    /// The steps in ICU's slices (its time limit is an `Int32` count of them).
    static func slices(forLength length: Int) -> Int {
      min(500 + length / (stepsPerSlice / 32), Int(Int32.max))
    }

    /// The backtracking stack a match may grow: 8 MB, or 64 bytes per unit up to 256 MB.
    public static func stackBytes(forLength length: Int) -> Int {
      min(max(8 << 20, length.multipliedReportingOverflow(by: 64).partialValue), 256 << 20)
    }
  }

  /// Whether the pattern matches somewhere in `subject`.
  ///
  /// Search semantics: anchor with `\A…\z` or `^…$` to match the whole. Throws when the match
  /// gave up: out of steps or stack, at `deadline`, or cancelled.
  public func matches(
    in subject: String, deadline: ContinuousClock.Instant? = nil
  )
    throws(RegexMatchError) -> Bool
  {
    #if canImport(_FoundationICU)
      return try icuMatches(subject, deadline: deadline)
    #else
      return try foundationMatches(subject, deadline: deadline)
    #endif
  }

  #if canImport(_FoundationICU)
    /// The compiled pattern, never matched with itself: each match clones a matcher from it.
    private let prototype: OpaquePointer
    private let lock = NSLock()
    /// Matchers not in use, with the stack limit each was last given (at most `maxIdle`).
    private var idle: [(matcher: OpaquePointer, stackLimit: Int32)] = []
    private static let maxIdle = 4

    deinit {
      for entry in idle { swift_uregex_close(entry.matcher) }
      swift_uregex_close(prototype)
    }

    private func icuMatches(
      _ subject: String, deadline: ContinuousClock.Instant?
    )
      throws(RegexMatchError) -> Bool
    {
      let length = subject.utf16.count
      guard length <= Int(Int32.max) else {
        throw RegexMatchError(.engine("the subject is too long"))
      }
      var (matcher, stackLimit) = try borrow()
      defer { giveBack(matcher, stackLimit: stackLimit) }
      var status = U_ZERO_ERROR
      let stack = Int32(Budget.stackBytes(forLength: length))
      if stack != stackLimit {  // setting it resets the matcher: only when it changes
        swift_uregex_setStackLimit(matcher, stack, &status)
        stackLimit = stack
      }
      let slices = Budget.slices(forLength: length)
      swift_uregex_setTimeLimit(matcher, Int32(slices), &status)
      var watch = MatchWatch(deadline: deadline)
      let found = withUnsafeMutablePointer(to: &watch) { watchPointer in
        swift_uregex_setMatchCallback(matcher, watchMatch, watchPointer, &status)
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(length, 1)) { buffer in
          _ = buffer.initialize(from: subject.utf16)
          swift_uregex_setText(matcher, buffer.baseAddress, Int32(length), &status)
          return swift_uregex_find(matcher, 0, &status) != 0
        }
      }
      guard status.rawValue > U_ZERO_ERROR.rawValue else { return found }
      if let stopped = watch.stopped { throw RegexMatchError(stopped) }
      switch status {
      case U_REGEX_TIME_OUT: throw RegexMatchError(.stepLimit(slices * Budget.stepsPerSlice))
      case U_REGEX_STACK_OVERFLOW: throw RegexMatchError(.stackLimit(Int(stack)))
      default: throw RegexMatchError(.engine(Self.errorName(status)))
      }
    }

    private func borrow() throws(RegexMatchError) -> (OpaquePointer, Int32) {
      lock.lock()
      defer { lock.unlock() }
      if let entry = idle.popLast() { return entry }
      var status = U_ZERO_ERROR
      guard let matcher = swift_uregex_clone(prototype, &status) else {
        throw RegexMatchError(.engine(Self.errorName(status)))
      }
      return (matcher, 0)  // not yet set: ICU starts at 8,000,000 bytes
    }

    private func giveBack(_ matcher: OpaquePointer, stackLimit: Int32) {
      lock.lock()
      if idle.count < Self.maxIdle {
        idle.append((matcher, stackLimit))
        lock.unlock()
      } else {
        lock.unlock()
        swift_uregex_close(matcher)
      }
    }

    private static func errorName(_ status: UErrorCode) -> String {
      swift_u_errorName(status).map { String(cString: $0) } ?? "ICU error \(status.rawValue)"
    }
  #else
    private let regex: NSRegularExpression

    private func foundationMatches(
      _ subject: String, deadline: ContinuousClock.Instant?
    )
      throws(RegexMatchError) -> Bool
    {
      let length = (subject as NSString).length
      let budget = Duration.seconds(1) + .microseconds(length)
      let giveUp = ContinuousClock.now + budget
      var found = false
      var stopped: RegexMatchError.Reason?
      regex.enumerateMatches(
        in: subject, options: [.reportProgress], range: NSRange(location: 0, length: length)
      ) {
        match, _, stop in
        if match != nil {
          found = true
          stop.pointee = true
          return
        }
        let now = ContinuousClock.now
        if Task.isCancelled {
          stopped = .cancelled
        } else if let deadline, now >= deadline {
          stopped = .deadline
        } else if now >= giveUp {
          stopped = .timeLimit(budget)
        }
        if stopped != nil { stop.pointee = true }
      }
      if let stopped { throw RegexMatchError(stopped) }
      return found
    }
  #endif
}

#if canImport(_FoundationICU)
  /// What a running match checks each time ICU reports progress.
  private struct MatchWatch {
    let deadline: ContinuousClock.Instant?
    var stopped: RegexMatchError.Reason?
  }

  /// ICU's match callback (every ~10,000 steps): false stops the match at the deadline or on
  /// cancellation.
  private func watchMatch(_ context: UnsafeRawPointer?, _ steps: Int32) -> UBool {
    guard let context else { return 1 }
    let watch = UnsafeMutableRawPointer(mutating: context).assumingMemoryBound(to: MatchWatch.self)
    if Task.isCancelled {
      watch.pointee.stopped = .cancelled
    } else if let deadline = watch.pointee.deadline, ContinuousClock.now >= deadline {
      watch.pointee.stopped = .deadline
    }
    return watch.pointee.stopped == nil ? 1 : 0
  }
#endif

/// Why a pattern does not compile.
public struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// ICU's name for the problem (`U_REGEX_MISSING_CLOSE_PAREN`).
  public var reason: String
  /// The 0-based offset in the pattern (UTF-16 units) where ICU noticed it.
  public var offset: Int

  public var description: String { "\(reason) at offset \(offset)" }
}

/// Why a match gave up; it neither matched nor failed to match.
public struct RegexMatchError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Reason: Sendable, Equatable {
    /// Out of engine steps (catastrophic backtracking, or too much work for the subject).
    case stepLimit(Int)
    /// The backtracking stack reached this many bytes.
    case stackLimit(Int)
    /// Out of wall-clock time (the fallback engine, which counts no steps).
    case timeLimit(Duration)
    /// The run's deadline passed.
    case deadline
    /// The task running it was cancelled.
    case cancelled
    /// ICU failed otherwise.
    case engine(String)
  }

  public var reason: Reason

  public init(_ reason: Reason) {
    self.reason = reason
  }

  /// One sentence, such as "the regex match gave up after 5000000 steps (too much backtracking)".
  public var description: String {
    switch reason {
    case .stepLimit(let steps):
      "the regex match gave up after \(steps) steps (too much backtracking)"
    case .stackLimit(let bytes):
      "the regex match gave up: its backtracking stack passed \(bytes >> 20) MB"
    case .timeLimit(let limit): "the regex match gave up after \(limit) (too much backtracking)"
    case .deadline: "the regex match was stopped at the run's deadline"
    case .cancelled: "the regex match was cancelled"
    case .engine(let name): "the regex match failed: \(name)"
    }
  }
}
