import ArazzoRuntime
import ArgumentParser

/// `--check NAME=error|warn|off`: the contract checks a run makes, one setting per use, applied
/// in order (`--check all=warn --check status=off`). One option group: `run` and `debug` (all
/// checks off unless set) and `test` (all errors unless set) share it.
struct ContractCheckOptions: ParsableArguments {
  @Option(
    name: .customLong("check"),
    help: ArgumentHelp(
      "Set a contract check (status, content-type, response-body, request-body or all).",
      valueName: "NAME=error|warn|off"))
  var settings: [String] = []

  func validate() throws {
    if case .failure(let problem) = ContractChecks.parse(settings, from: ContractChecks()) {
      throw ValidationError("--check: " + problem.message)
    }
  }

  /// The checks: `defaults` with the settings applied (`validate()` refused bad ones).
  func checks(from defaults: ContractChecks = ContractChecks()) -> ContractChecks {
    (try? ContractChecks.parse(settings, from: defaults).get()) ?? defaults
  }
}
