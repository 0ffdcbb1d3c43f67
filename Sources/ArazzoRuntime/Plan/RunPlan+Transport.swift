import ArazzoHTTP

extension RunPlan {
  /// The transport a run of the plan sends through (the debugger adds redirects and recording
  /// over it): a replay of the HAR file `replay`, else live HTTP with the plan's timeout and
  /// deadline. Each call makes a fresh one (a replay starts over). `arazzo run`, `debug` and
  /// `dap` all choose it here.
  public func baseTransport(
    replay: String?, reuseLast: Bool = false,
    onReuse: (@Sendable (_ method: String, _ url: String, _ recorded: Int) -> Void)? = nil
  ) throws(HARError) -> any HTTPTransport {
    if let replay {
      return try ReplayTransport(
        path: replay, redactor: redactor, reuseLast: reuseLast, onReuse: onReuse)
    }
    var configuration = LiveTransport.Configuration()
    if let timeout = options.timeout { configuration.timeout = timeout }
    configuration.deadline = options.deadline
    return LiveTransport(configuration: configuration)
  }
}
