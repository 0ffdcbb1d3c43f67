import ArazzoDebugger
import CEditLine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The debugger's line source for standard input: an `EditLineReader` when a person is at a
/// terminal (prompt, history in `historyPath`, Tab completion through `completion`, Ctrl-C),
/// else plain reading with no prompt, history or completion, so sessions can be scripted.
///
/// libedit is used only when standard input *and* standard output are terminals and
/// `forcePlain` (`--no-edit`) is off; with output piped into a file, its redrawing would
/// land there (Python's REPL makes the same check). `historyPath`: nil for the default
/// location (`HistoryLocation`), "" for no history file. Call this before printing anything:
/// in plain mode it makes standard output line-buffered, so a transcript of stdout and stderr
/// together keeps the program's order.
public func standardLineSource(
  historyPath: String?, forcePlain: Bool, completion: (any CompletionProvider)?
) -> any LineSource {
  if !forcePlain, isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0,
    let reader = EditLineReader(historyPath: historyPath, completion: completion)
  {
    return reader
  }
  cel_line_buffer_stdout()
  return PlainLineSource()
}
