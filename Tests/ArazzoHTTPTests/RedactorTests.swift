import ArazzoHTTP
import ArazzoJSON
import Testing

/// The one `Redactor`: what is secret (names, inputs, header parts) and how it is hidden (whole
/// header values, secret parameters, secret strings in every spelling). Recordings:
/// `HARTests`; secrets learned by a run: `LearnedSecretsTests`.
@Suite struct RedactorTests {
  @Test(arguments: [
    ("token", true), ("accessToken", true), ("client_secret", true), ("password", true),
    ("dbPasswd", true), ("apiKey", true), ("api-key", true), ("API_KEY", true), ("api.key", true),
    ("auth", true), ("oauth", true), ("authToken", true), ("authorization", true),
    ("basicAuth", true), ("x-oauth_nonce", true), ("authenticator", true),
    ("credentials", true), ("sessionId", true), ("X-Signature", true), ("author", false),
    ("authorId", false), ("coauthor", false), ("accountId", false), ("jobId", false),
    ("cause", false), ("keyword", false), ("page", false),
  ])
  func secretNames(_ name: String, _ secret: Bool) {
    #expect(Redactor.isSecretName(name) == secret)
    #expect(Redactor.isSecretInput(name: name) == secret)
  }

  @Test func schemaMarksAnInputSecret() {
    #expect(Redactor.isSecretInput(name: "pin", schema: ["type": "string", "format": "password"]))
    #expect(Redactor.isSecretInput(name: "pin", schema: ["type": "string", "writeOnly": true]))
    #expect(!Redactor.isSecretInput(name: "pin", schema: ["type": "string"]))
    let schema: JSONValue = [
      "properties": [
        "accountId": ["type": "integer"], "token": ["type": "string"],
        "pin": ["type": "string", "format": "password"],
      ]
    ]
    #expect(Redactor.secretInputNames(schema: schema) == ["token", "pin"])
  }

  /// Every string inside a secret input is secret, also in its objects and arrays and when the
  /// schema does not declare it; numbers are not taken.
  @Test func secretValuesOfInputs() {
    let inputs: JSONValue = [
      "accountId": 1, "token": "dbtc_T0KEN", "pin": "4242", "cause": "c",
      "credentials": ["user": "alice", "keys": ["k-1", "k-2"], "n": 7],
      "apiToken": "undeclared-but-secret",
    ]
    let schema: JSONValue = [
      "properties": ["token": ["type": "string"], "pin": ["format": "password"]]
    ]
    #expect(
      Set(Redactor.secretValues(ofInputs: inputs, schema: schema))
        == ["dbtc_T0KEN", "4242", "alice", "k-1", "k-2", "undeclared-but-secret"])
  }

  @Test(arguments: [
    ("Authorization", true), ("proxy-authorization", true), ("Cookie", true), ("Set-Cookie", true),
    ("X-API-Key", true), ("X-Auth", true), ("X-Auth-Token", true), ("X-Client-Secret", true),
    ("Client-Secret", true), ("api_key", true), ("x-api_key", true), ("X-Password", true),
    ("X-Session-Id", true), ("X-Amz-Signature", true), ("Accept", false),
    ("Content-Type", false), ("X-Request-Id", false), ("X-Author", false),
  ])
  func secretHeaders(_ name: String, _ secret: Bool) {
    #expect(Redactor.isSecretHeader(name) == secret)
  }

  @Test func secretPartsOfHeaders() {
    #expect(
      Redactor.secretParts(ofHeader: "Authorization", "Basic dXNlcjpwYXNz") == ["dXNlcjpwYXNz"])
    #expect(Redactor.secretParts(ofHeader: "Authorization", "dbtc_raw") == ["dbtc_raw"])
    #expect(Redactor.secretParts(ofHeader: "X-API-Key", "k-123456") == ["k-123456"])
    #expect(
      Redactor.secretParts(ofHeader: "Cookie", "sid=zzz999; theme=dark") == ["zzz999", "dark"])
    #expect(
      Redactor.secretParts(ofHeader: "set-cookie", "sid=zzz999; Path=/; HttpOnly") == ["zzz999"])
  }

  @Test func scrubsSecretsInAllSpellings() {
    let r = Redactor(secrets: ["s3cr3t/+ value", "dbtc_abc123", #"pa"ss\word"#])
    #expect(
      r.scrub("token dbtc_abc123 in https://h/x?t=s3cr3t%2F%2B%20value&f=s3cr3t%2F%2B+value")
        == "token REDACTED in https://h/x?t=REDACTED&f=REDACTED")
    #expect(r.scrub(#"{"t":"s3cr3t/+ value"}"#) == #"{"t":"REDACTED"}"#)
    // JSON-escaped, as a JSON body or report writes it (some servers also escape `/`).
    #expect(r.scrub(#"{"p":"pa\"ss\\word"}"#) == #"{"p":"REDACTED"}"#)
    #expect(r.scrub(#"{"t":"s3cr3t\/+ value"}"#) == #"{"t":"REDACTED"}"#)
    let body = r.body(Array(#"{"p":"pa\"ss\\word","q":1}"#.utf8))
    #expect(String(decoding: body, as: UTF8.self) == #"{"p":"REDACTED","q":1}"#)
  }

  @Test func scrubsStringsInsideJSONValues() {
    let r = Redactor(secrets: ["dbtc_abc123"])
    #expect(
      r.scrub(["a": ["dbtc_abc123", 1, "x dbtc_abc123"], "dbtc_abc123": "ok"] as JSONValue)
        == ["a": ["REDACTED", 1, "x REDACTED"], "dbtc_abc123": "ok"])
    let learned = LearnedSecrets()
    learned.learn(#"le"arned"#)
    #expect(Redactor(learned: learned).scrub(["t": #"le"arned"#] as JSONValue) == ["t": "REDACTED"])
  }

  /// A secret shorter than 3 characters is not scrubbed from free text (it would garble every
  /// number), but a secret header's value and a secret parameter are still hidden whole.
  @Test func shortSecretsAreHiddenOnlyWhereTheyAreKnownToBe() {
    let r = Redactor(secrets: ["1", "ab"])
    #expect(r.scrub("run 1 of 10, tab") == "run 1 of 10, tab")
    #expect(r.value(ofHeader: "Authorization", "Bearer 1") == "REDACTED")
    #expect(
      r.url("https://h.test/runs/1?token=ab&page=1")
        == "https://h.test/runs/1?token=REDACTED&page=1")
    #expect(LearnedSecrets().learn("ab") == false)
  }

  @Test func showSecretsChangesNothing() {
    let r = Redactor(secrets: ["dbtc_abc123"], showSecrets: true)
    #expect(r.scrub("x dbtc_abc123") == "x dbtc_abc123")
    #expect(r.value(ofHeader: "Authorization", "Bearer dbtc_abc123") == "Bearer dbtc_abc123")
    #expect(r.scrub(["t": "dbtc_abc123"] as JSONValue) == ["t": "dbtc_abc123"])
  }

  /// The seed's request as it is recorded: the whole `Authorization` value is replaced (no
  /// scheme kept, as every recording and session shows), cookies keep their names.
  @Test func seedRequestIsRedacted() throws {
    let inputs: JSONValue = ["accountId": 1, "jobId": 2, "token": "dbtc_T0KEN", "cause": "c"]
    let secrets = Redactor.secretValues(
      ofInputs: inputs, schema: ["properties": ["token": ["type": "string"]]])
    let r = Redactor(secrets: Set(secrets))
    let request = HTTPRequest(
      method: .post, url: "https://cloud.getdbt.com/api/v2/accounts/1/jobs/2/run/?t=dbtc_T0KEN",
      headers: HeaderFields([
        ("Authorization", "Bearer dbtc_T0KEN"), ("Cookie", "session=abc; theme=dark"),
        ("X-Echo", "dbtc_T0KEN"), ("Content-Type", "application/json"),
      ]), body: Array(#"{"cause":"c","echo":"dbtc_T0KEN"}"#.utf8))
    let shown = r.request(request)
    #expect(shown.url == "https://cloud.getdbt.com/api/v2/accounts/1/jobs/2/run/?t=REDACTED")
    #expect(
      shown.headers
        == HeaderFields([
          ("Authorization", "REDACTED"), ("Cookie", "session=REDACTED; theme=REDACTED"),
          ("X-Echo", "REDACTED"), ("Content-Type", "application/json"),
        ]))
    #expect(
      shown.body.map { String(decoding: $0, as: UTF8.self) } == #"{"cause":"c","echo":"REDACTED"}"#)
  }

  /// What a run learns from the headers it sends is scrubbed from everything after.
  @Test func secretsLearnedFromHeadersAreScrubbed() {
    let learned = LearnedSecrets()
    for (name, value) in [
      ("Authorization", "Basic dXNlcjpwYXNz"), ("X-API-Key", "k-123456"), ("Cookie", "sid=zzz999"),
    ] {
      for part in Redactor.secretParts(ofHeader: name, value) { learned.learn(part) }
    }
    let r = Redactor(learned: learned)
    #expect(
      r.scrub("dXNlcjpwYXNz k-123456 zzz999 application/json")
        == "REDACTED REDACTED REDACTED application/json")
    #expect(
      r.value(ofHeader: "Set-Cookie", "sid=zzz999; Path=/; HttpOnly")
        == "sid=REDACTED; Path=/; HttpOnly")
    #expect(r.value(ofHeader: "X-API-Key", "k-123456") == "REDACTED")
  }
}
