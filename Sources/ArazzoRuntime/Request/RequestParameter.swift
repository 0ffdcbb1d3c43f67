import ArazzoJSON
import ArazzoSyntax

/// An evaluated parameter: its name, location (ArazzoSyntax's) and value (after runtime
/// expressions).
public struct RequestParameter: Sendable, Equatable {
  public var name: String
  public var location: ParameterLocation
  public var value: JSONValue

  public init(name: String, location: ParameterLocation, value: JSONValue) {
    self.name = name
    self.location = location
    self.value = value
  }
}

/// An OpenAPI serialisation style (`style`), with the defaults OpenAPI gives each location.
public enum ParameterStyle: String, Sendable, Equatable, CaseIterable {
  case simple, label, matrix, form, spaceDelimited, pipeDelimited, deepObject

  /// OpenAPI's default style for a location: `simple` for path and header, `form` otherwise.
  public static func defaultStyle(for location: ParameterLocation) -> ParameterStyle {
    switch location {
    case .path, .header: return .simple
    case .query, .cookie, .querystring, .channel: return .form
    }
  }

  /// OpenAPI's default `explode`: true for `form`, false for every other style.
  public var defaultExplode: Bool { self == .form }
}
