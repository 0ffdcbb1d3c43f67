import ArazzoJSON

/// A Server Object of an OpenAPI description: a URL template and its variables.
public struct OpenAPIServer: Sendable, Equatable {
  /// A server variable with its default and allowed values.
  public struct Variable: Sendable, Equatable {
    public var name: String
    public var defaultValue: String
    public var allowedValues: [String]

    public init(name: String, defaultValue: String, allowedValues: [String] = []) {
      self.name = name
      self.defaultValue = defaultValue
      self.allowedValues = allowedValues
    }
  }

  /// The URL template as written (`https://{region}.example.com/v1`, or relative like `/`).
  public var url: String
  public var description: String?
  public var variables: [Variable]
  /// Where the server is declared in the OpenAPI file (nil for the implicit `/` server).
  public var pointer: JSONPointer?

  public init(
    url: String, description: String? = nil, variables: [Variable] = [], pointer: JSONPointer? = nil
  ) {
    self.url = url
    self.description = description
    self.variables = variables
    self.pointer = pointer
  }

  /// The URL with every `{variable}` replaced by its default (or by `values[name]` when given).
  public func resolvedURL(_ values: [String: String] = [:]) -> String {
    var result = url
    for variable in variables {
      result = result.replacingOccurrences(
        of: "{\(variable.name)}", with: values[variable.name] ?? variable.defaultValue)
    }
    return result
  }
}
