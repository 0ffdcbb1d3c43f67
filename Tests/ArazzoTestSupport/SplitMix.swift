/// SplitMix64: a small seeded generator, so the robustness tests (mutated documents, hostile
/// clients, shells and servers) draw the same inputs on every run and a failure repeats.
public struct SplitMix {
  public var state: UInt64

  public init(state: UInt64) { self.state = state }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<n` (0 when `n` is not positive).
  public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

  /// One of `values` (which must not be empty).
  public mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}
