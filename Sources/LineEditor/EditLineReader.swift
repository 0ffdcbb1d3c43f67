import ArazzoDebugger
@preconcurrency import CEditLine

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The debugger's prompt on a terminal, over libedit's native API: emacs keys (and the user's
/// `~/.editrc`), history kept across sessions in a file, Tab completion through a
/// `CompletionProvider`, Ctrl-C abandoning the line and Ctrl-D on an empty line ending input.
///
/// libedit reaches this object from its C callbacks through the editor's client-data slot,
/// which holds an unretained pointer to it: the reader owns the editor, so it outlives every
/// callback. Use it only when standard input and output are terminals (`standardLineSource`).
public final class EditLineReader: LineSource {
  private let editor: OpaquePointer
  private let history: OpaquePointer
  private let historyFile: HistoryLocation?
  private let completion: (any CompletionProvider)?
  private let previousInterruptAction: sigaction
  /// The prompt libedit prints on every redraw; it must stay valid, hence a C copy we own.
  private var promptBuffer: UnsafeMutablePointer<CChar>
  private var promptText = ""
  /// False when the history file exists but could not be read: writing it would destroy it.
  private var mayWriteHistory = true
  private var warnedAboutHistory = false
  private var isClosed = false

  /// How many commands the history keeps.
  public static let historySize: Int32 = 1000

  /// A reader on the standard streams, or nil when libedit cannot set up the terminal.
  ///
  /// `historyPath`: nil for the default location (see `HistoryLocation`), "" for no file.
  /// Creating a reader takes over Ctrl-C (SIGINT) until `close()` and sets the C library's
  /// character type locale (`LC_CTYPE`) from the environment, which libedit needs for UTF-8.
  public init?(historyPath: String?, completion: (any CompletionProvider)?) {
    Self.useCharacterEncodingOfTerminal()
    let previous = InterruptFlag.install()
    guard let editor = cel_init("arazzo") else {
      InterruptFlag.restore(previous)
      return nil
    }
    guard let history = history_init() else {
      el_end(editor)
      InterruptFlag.restore(previous)
      return nil
    }
    guard let prompt = strdup("") else {
      history_end(history)
      el_end(editor)
      InterruptFlag.restore(previous)
      return nil
    }
    self.editor = editor
    self.history = history
    self.historyFile = HistoryLocation.resolve(explicit: historyPath)
    self.completion = completion
    self.previousInterruptAction = previous
    self.promptBuffer = prompt
    configure()
    loadHistory()
  }

  deinit { close() }

  /// Reads one line after showing `prompt` (which may contain colour escape sequences):
  /// `.interrupted` for Ctrl-C, `.end` for Ctrl-D on an empty line (or once closed).
  public func readLine(prompt: String) -> LineRead {
    guard !isClosed else { return .end }
    setPrompt(prompt)
    cel_prepare_terminal(editor)
    var count: Int32 = 0
    let mask = InterruptFlag.beginReading()
    let read = el_gets(editor, &count)
    let failure = errno
    InterruptFlag.endReading(restoring: mask)
    guard let line = read, count > 0 else {
      if InterruptFlag.take() || (count < 0 && failure == EINTR) {
        el_reset(editor)
        emit("\n")
        return .interrupted
      }
      // Ctrl-D on an empty line: the terminal shows `^D` without a newline.
      emit("\n")
      return .end
    }
    var text = String(cString: line)
    if text.hasSuffix("\n") { text.removeLast() }
    return .line(text)
  }

  /// Adds `line` to the history (without the trailing blanks a Tab completion leaves) and saves
  /// the history file, so a crash loses nothing.
  public func addHistory(_ line: String) {
    var entry = Substring(line)
    while let last = entry.last, last == " " || last == "\t" { entry.removeLast() }
    guard !isClosed, entry.contains(where: { $0 != " " && $0 != "\t" }) else { return }
    cel_history_enter(history, String(entry))
    saveHistory()
  }

  public func takeInterrupt() -> Bool { InterruptFlag.take() }

  public var isInteractive: Bool { true }

  /// Gives the terminal back: frees libedit's state and restores the previous Ctrl-C behaviour.
  public func close() {
    guard !isClosed else { return }
    isClosed = true
    el_end(editor)
    history_end(history)
    free(promptBuffer)
    InterruptFlag.restore(previousInterruptAction)
  }

  // MARK: Set-up

  private func configure() {
    cel_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
    cel_set_prompt(editor, editLinePrompt, CChar(PromptMarkup.ignore))
    cel_set_emacs(editor)
    cel_set_signal(editor, 1)
    cel_history_setsize(history, Self.historySize)
    cel_history_setunique(history, 1)
    cel_set_history(editor, history)
    cel_add_function(
      editor, "arazzo-complete", "Complete the word before the cursor", editLineComplete)
    cel_bind(editor, "^I", "arazzo-complete")
    // Last, so the user's bindings (`~/.editrc` or `$EDITRC`) win over ours.
    el_source(editor, nil)
  }

  /// Sets `LC_CTYPE` from the environment, or to UTF-8 when that says plain "C".
  ///
  /// libedit decodes input with the C library's multibyte functions, which in the "C" locale
  /// see only ASCII; a terminal today speaks UTF-8.
  private static func useCharacterEncodingOfTerminal() {
    let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) }
    if chosen == nil || chosen == "C" || chosen == "POSIX" { setlocale(LC_CTYPE, "C.UTF-8") }
  }

  private func setPrompt(_ prompt: String) {
    guard prompt != promptText, let copy = strdup(PromptMarkup.marked(prompt)) else { return }
    free(promptBuffer)
    promptBuffer = copy
    promptText = prompt
  }

  // MARK: History file

  private func loadHistory() {
    guard let file = historyFile, fileExists(file.path) else { return }
    if cel_history_load(history, file.path) < 0 {
      mayWriteHistory = false
      warn(
        "cannot read the history file \(file.path) (unreadable, or not a libedit history file); it will not be written"
      )
    }
  }

  private func saveHistory() {
    guard let file = historyFile, mayWriteHistory else { return }
    if file.isDefault { _ = makeDirectories(file.directory) }
    if cel_history_save(history, file.path) < 0 {
      let reason = String(cString: strerror(errno))
      warn("cannot write the history file \(file.path): \(reason)")
    }
  }

  private func warn(_ message: String) {
    guard !warnedAboutHistory else { return }
    warnedAboutHistory = true
    fputs("arazzo: warning: \(message)\n", stderr)
  }

  // MARK: Callbacks

  fileprivate var prompt: UnsafeMutablePointer<CChar> { promptBuffer }

  /// Tab: asks the completion provider about the text left of the cursor and edits the line.
  fileprivate func complete() -> UInt8 {
    guard let info = el_line(editor)?.pointee else { return UInt8(CC_ERROR) }
    let typed = UnsafeRawBufferPointer(start: info.buffer, count: info.cursor - info.buffer)
    let text = String(decoding: typed, as: UTF8.self)
    let candidates = completion?.completions(for: text) ?? []
    switch TabCompletion.decide(textLeftOfCursor: text, candidates: candidates) {
    case .insert(let addition):
      return el_insertstr(editor, addition) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_REFRESH_BEEP)
    case .replace(let count, let replacement):
      el_deletestr(editor, Int32(count))
      return el_insertstr(editor, replacement) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_REFRESH_BEEP)
    case .list(let words):
      emit("\n" + candidateColumns(words, width: terminalWidth()) + "\n")
      return UInt8(CC_REDISPLAY)
    case .beep:
      return UInt8(CC_REFRESH_BEEP)
    }
  }

  /// Prints `text` on the terminal now (libedit writes to the same `stdout`).
  private func emit(_ text: String) {
    fputs(text, stdout)
    fflush(stdout)
  }

  private func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// The reader owning `editor`, from its client-data slot.
  fileprivate static func owner(of editor: OpaquePointer?) -> EditLineReader? {
    guard let editor, let data = cel_get_clientdata(editor) else { return nil }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
  }
}

/// An empty C string for a prompt callback that finds no reader (it never should).
nonisolated(unsafe) private let noPrompt: UnsafeMutablePointer<CChar>? = strdup("")

private func editLinePrompt(_ editor: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
  EditLineReader.owner(of: editor)?.prompt ?? noPrompt
}

private func editLineComplete(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
  EditLineReader.owner(of: editor)?.complete() ?? UInt8(CC_REFRESH_BEEP)
}
