import ArazzoJSON
import ArazzoSyntax
import FuzzSupport

/// The YAML/JSON loader and the validator: the input is loaded as a document (YAML 1.2, JSON
/// as its flow syntax) and, when it loads, validated like `arazzo validate` does: decoding,
/// semantic checks, the official JSON Schema; then the diagnostics are rendered.
///
/// The document is named `/nonexistent-arazzo-fuzz/input.arazzo.yaml`, so relative source URLs
/// find no file. Inputs naming `dev/`, `proc/` or `sys/` are loaded but not validated: a source
/// URL such as `/dev/zero` would make validation read a device file (the file-access policy is
/// not this target's subject, and such a read never ends).
@main enum FuzzLoader {
  static func main() { FuzzDriver.run(testOneInput) }
}

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = FuzzInput.bytes(data, size)
  let path = "/nonexistent-arazzo-fuzz/input.arazzo.yaml"
  let renderer = DiagnosticRenderer()
  let loaded: LoadedDocument
  switch DocumentLoader.load(bytes: bytes, path: path) {
  case .failure(let failure):
    _ = renderer.render(failure.diagnostics)
    return 0
  case .success(let document):
    loaded = document
  }
  let text = loaded.file.text
  guard !["dev/", "proc/", "sys/"].contains(where: { text.contains($0) }) else { return 0 }
  let report = Validator().validate(loaded, path: path)
  _ = renderer.render(report.diagnostics)
  return 0
}
