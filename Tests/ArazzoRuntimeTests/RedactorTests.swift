import ArazzoJSON
import Testing

@testable import ArazzoRuntime

@Suite struct RedactorTests {
  @Test(arguments: [
    ("token", true), ("accessToken", true), ("client_secret", true), ("password", true),
    ("dbPasswd", true), ("apiKey", true), ("api-key", true), ("API_KEY", true), ("auth", true),
    ("oauth", true), ("authToken", true), ("authorization", true), ("basicAuth", true),
    ("credentials", true), ("author", false), ("authorId", false), ("accountId", false),
    ("jobId", false), ("cause", false), ("keyword", false),
  ])
  func secretInputNames(_ name: String, _ secret: Bool) {
    #expect(Redactor.isSecretInput(name: name) == secret)
  }

  @Test func passwordFormatMakesAnInputSecret() {
    #expect(Redactor.isSecretInput(name: "pin", schema: ["type": "string", "format": "password"]))
    let schema: JSONValue = [
      "properties": [
        "accountId": ["type": "integer"], "token": ["type": "string"],
        "pin": ["type": "string", "format": "password"],
      ]
    ]
    #expect(Redactor.secretInputNames(schema: schema) == ["token", "pin"])
  }

  @Test(arguments: [
    ("Authorization", true), ("proxy-authorization", true), ("Cookie", true), ("Set-Cookie", true),
    ("X-API-Key", true), ("X-Auth-Token", true), ("X-Client-Secret", true), ("api_key", true),
    ("X-Password", true), ("Accept", false), ("Content-Type", false), ("X-Request-Id", false),
  ])
  func secretHeaders(_ name: String, _ secret: Bool) {
    #expect(Redactor.isSecretHeader(name) == secret)
  }

  @Test func scrubsSecretsInAllSpellings() {
    let r = Redactor(secrets: ["s3cr3t/+ value", "dbtc_abc123"])
    #expect(
      r.redact("token dbtc_abc123 in https://h/x?t=s3cr3t%2F%2B%20value&f=s3cr3t%2F%2B+value")
        == "token REDACTED in https://h/x?t=REDACTED&f=REDACTED")
    #expect(r.redact(#"{"t":"s3cr3t/+ value"}"#) == #"{"t":"REDACTED"}"#)
    #expect(r.redact(["a": ["dbtc_abc123", 1], "k": "ok"]) == ["a": ["REDACTED", 1], "k": "ok"])
  }

  @Test func shortSecretsAreNotScrubbedFromText() {
    #expect(Redactor(secrets: ["1"]).redact("run 1 of 10") == "run 1 of 10")
  }

  @Test func showSecretsChangesNothing() {
    let r = Redactor(secrets: ["dbtc_abc123"], showSecrets: true)
    #expect(r.redact("x dbtc_abc123") == "x dbtc_abc123")
    #expect(
      r.redactHeader(name: "Authorization", value: "Bearer dbtc_abc123") == "Bearer dbtc_abc123")
  }

  @Test func seedRequestIsRedacted() throws {
    var r = Redactor()
    r.addSecretInputs(
      ["accountId": 1, "jobId": 2, "token": "dbtc_T0KEN", "cause": "c"],
      schema: ["properties": ["token": ["type": "string"]]])
    let request = PreparedRequest(
      method: "POST", url: "https://cloud.getdbt.com/api/v2/accounts/1/jobs/2/run/?t=dbtc_T0KEN",
      headers: [
        .init(name: "Authorization", value: "Bearer dbtc_T0KEN"),
        .init(name: "Cookie", value: "session=abc; theme=dark"),
        .init(name: "X-Echo", value: "dbtc_T0KEN"),
        .init(name: "Content-Type", value: "application/json"),
      ], body: Array(#"{"cause":"c","echo":"dbtc_T0KEN"}"#.utf8), contentType: "application/json")
    let shown = r.redact(request)
    #expect(shown.url == "https://cloud.getdbt.com/api/v2/accounts/1/jobs/2/run/?t=REDACTED")
    #expect(
      shown.headers == [
        .init(name: "Authorization", value: "Bearer REDACTED"),
        .init(name: "Cookie", value: "session=REDACTED; theme=REDACTED"),
        .init(name: "X-Echo", value: "REDACTED"),
        .init(name: "Content-Type", value: "application/json"),
      ])
    #expect(shown.bodyText == #"{"cause":"c","echo":"REDACTED"}"#)
  }

  @Test func learnsSecretsFromHeaders() {
    var r = Redactor()
    r.addSecretHeaders([
      .init(name: "Authorization", value: "Basic dXNlcjpwYXNz"),
      .init(name: "X-API-Key", value: "k-123456"),
      .init(name: "Cookie", value: "sid=zzz999"), .init(name: "Accept", value: "application/json"),
    ])
    #expect(
      r.redact("dXNlcjpwYXNz k-123456 zzz999 application/json")
        == "REDACTED REDACTED REDACTED application/json")
    #expect(
      r.redactHeader(name: "Set-Cookie", value: "sid=zzz999; Path=/; HttpOnly")
        == "sid=REDACTED; Path=/; HttpOnly")
    #expect(r.redactHeader(name: "X-API-Key", value: "k-123456") == "REDACTED")
  }
}
