import ArazzoJSON

/// What an operation promises (its responses, their media types and schemas, its request
/// body) and the description it is read from: what contract checks hold a step's exchange to.
public final class OperationContract: Sendable {
  public let operation: OpenAPIOperation
  private let index: OpenAPIIndex

  public init(_ operation: OpenAPIOperation, in index: OpenAPIIndex) {
    self.operation = operation
    self.index = index
  }

  /// The response declared for `status`: the exact code, else its range (`4XX`), else
  /// `default`; nil when none fits.
  public func response(for status: Int) -> OpenAPIResponse? {
    let code = String(status)
    let range = code.count == 3 ? "\(code.prefix(1))XX" : nil
    return operation.responses.first { $0.status == code }
      ?? operation.responses.first { $0.status.uppercased() == range }
      ?? operation.responses.first { $0.status == "default" }
  }

  /// The declared status codes, as written (`200`, `4XX`, `default`).
  public var declaredStatuses: [String] { operation.responses.map(\.status) }

  /// The declared media type a Content-Type (`application/json; charset=utf-8`) falls under:
  /// the same type (parameters ignored, any case), else `type/*`, else `*/*`.
  public static func mediaType(
    _ contentType: String, in content: [OpenAPIRequestBody.MediaType]
  ) -> OpenAPIRequestBody.MediaType? {
    let actual = bare(contentType)
    let range = (actual.split(separator: "/").first.map(String.init) ?? actual) + "/*"
    return content.first { bare($0.contentType) == actual }
      ?? content.first { bare($0.contentType) == range }
      ?? content.first { bare($0.contentType) == "*/*" }
  }

  /// A media type without its parameters, lower-cased.
  public static func bare(_ mediaType: String) -> String {
    let base = mediaType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
    return String(base.filter { $0 != " " && $0 != "\t" }).lowercased()
  }

  /// A media type's schema as the validator takes it; nil when it declares none.
  public func schema(
    of media: OpenAPIRequestBody.MediaType, for direction: SchemaDirection
  ) -> ContractSchema? {
    media.schemaSite.flatMap { index.contractSchema($0, for: direction) }
  }
}
