import ArazzoDebugger
import CEditLine

/// The debugger's line source for standard input: libedit when stdin is a terminal (prompt,
/// history in `historyPath`, Tab completion through `completion`, Ctrl-C), plain reading otherwise
/// or when `forcePlain` (`--no-edit`). `historyPath` nil: the default location; "" : no history.
///
/// Provisional: plain reading only, until the libedit reader lands.
public func standardLineSource(
  historyPath: String?, forcePlain: Bool, completion: (any CompletionProvider)?
) -> any LineSource {
  PlainLineSource()
}
