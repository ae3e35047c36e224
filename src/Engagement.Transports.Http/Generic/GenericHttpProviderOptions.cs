namespace Engagement.Transports.Http;

/// <summary>Request body encoding for <see cref="GenericHttpProviderOptions"/>.</summary>
public enum HttpBodyFormat
{
    /// <summary>A JSON object of the rendered <see cref="GenericHttpProviderOptions.BodyFields"/> (strings).</summary>
    Json = 0,

    /// <summary><c>application/x-www-form-urlencoded</c> of the rendered fields.</summary>
    Form = 1,

    /// <summary>No body (e.g. GET with the message in the query string).</summary>
    None = 2,
}

/// <summary>
/// A provider described by configuration: request template, auth and response mapping.
/// Placeholders in <see cref="Url"/>, <see cref="Headers"/> and <see cref="BodyFields"/>:
/// <c>{to}</c> (E.164), <c>{to_digits}</c> (no plus), <c>{text}</c>, <c>{sender}</c>, <c>{message_id}</c>,
/// <c>{idempotency_key}</c>, <c>{category}</c>, and <c>{meta:KEY}</c> for a metadata value. Values are encoded
/// for where they go (JSON string, form field, URL component).
/// </summary>
public sealed class GenericHttpProviderOptions
{
    /// <summary>HTTP method. Default POST.</summary>
    public string Method { get; set; } = "POST";

    /// <summary>Absolute URL, may contain placeholders (URL-encoded when substituted). Required.</summary>
    public string Url { get; set; } = "";

    /// <summary>Extra request headers (placeholders allowed).</summary>
    public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body encoding. Default JSON.</summary>
    public HttpBodyFormat BodyFormat { get; set; } = HttpBodyFormat.Json;

    /// <summary>Body fields (name → template). Default <c>to</c>, <c>text</c>.</summary>
    public IDictionary<string, string> BodyFields { get; set; } = new Dictionary<string, string> { ["to"] = "{to}", ["text"] = "{text}" };

    /// <summary>Sender used for <c>{sender}</c> when the message has none.</summary>
    public string? DefaultSender { get; set; }

    /// <summary>Authentication.</summary>
    public HttpAuthOptions Auth { get; set; } = new();

    /// <summary>Header that carries our idempotency key when the provider de-duplicates on it (e.g. <c>Idempotency-Key</c>). When set, ambiguous failures are retried.</summary>
    public string? IdempotencyKeyHeader { get; set; }

    /// <summary>JSON path of the provider's message id in a success response (<c>data.id</c>, <c>results[0].id</c>). Default <c>id</c>.</summary>
    public string MessageIdPath { get; set; } = "id";

    /// <summary>JSON path of a status/result code in the body, checked even on HTTP 2xx; null when the HTTP status says it all.</summary>
    public string? StatusPath { get; set; }

    /// <summary>Values at <see cref="StatusPath"/> that mean accepted (case-insensitive). Default <c>ok</c>, <c>0</c>, <c>success</c>, <c>queued</c>, <c>accepted</c>.</summary>
    public ISet<string> AcceptedStatuses { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ok", "0", "success", "queued", "accepted" };

    /// <summary>JSON path of the error code in a failure response. Default <c>error.code</c>.</summary>
    public string? ErrorCodePath { get; set; } = "error.code";

    /// <summary>JSON path of the error message in a failure response. Default <c>error.message</c>.</summary>
    public string? ErrorMessagePath { get; set; } = "error.message";

    /// <summary>Vendor codes (from <see cref="StatusPath"/> or <see cref="ErrorCodePath"/>) that mean "slow down".</summary>
    public ISet<string> ThrottledCodes { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Vendor codes that are transient even when the HTTP status says otherwise.</summary>
    public ISet<string> RetryableCodes { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Vendor codes that are permanent even when the HTTP status says otherwise (e.g. a 200 with <c>"status":"invalid_number"</c>).</summary>
    public ISet<string> PermanentCodes { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Timeout, retry and circuit breaker.</summary>
    public HttpResilienceOptions Resilience { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(string provider)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new ArgumentException($"HTTP SMS provider '{provider}': {what}");
        }
        Require(Uri.TryCreate(System.Text.RegularExpressions.Regex.Replace(Url, @"\{\{.*?\}\}|\{%.*?%\}", "x").Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps), $"Url must be an absolute http(s) URL (was '{Url}').");
        Require(!string.IsNullOrWhiteSpace(Method), "Method is required.");
        Require(BodyFormat == HttpBodyFormat.None || BodyFields.Count > 0, "BodyFields is empty; add fields or set BodyFormat = None.");
        Require(!string.IsNullOrWhiteSpace(MessageIdPath), "MessageIdPath is required to match delivery reports.");
        switch (Auth.Scheme)
        {
            case HttpAuthScheme.Bearer: Require(!string.IsNullOrEmpty(Auth.BearerToken), "Auth.BearerToken is required for Bearer auth."); break;
            case HttpAuthScheme.Basic: Require(!string.IsNullOrEmpty(Auth.Username), "Auth.Username is required for Basic auth."); break;
            case HttpAuthScheme.Hmac:
                Require(!string.IsNullOrEmpty(Auth.HmacSecret), "Auth.HmacSecret is required for Hmac auth.");
                Require(Auth.HmacAlgorithm is "SHA256" or "SHA1", $"Auth.HmacAlgorithm must be SHA256 or SHA1 (was '{Auth.HmacAlgorithm}').");
                Require(Auth.HmacParts.Count > 0, "Auth.HmacParts must list at least one part.");
                Require(!string.IsNullOrWhiteSpace(Auth.SignatureHeader), "Auth.SignatureHeader is required.");
                break;
        }
        foreach (var (part, template) in new[] { ("Url", Url) }.Concat(Headers.Select(h => ("Headers." + h.Key, h.Value))).Concat(BodyFields.Select(f => ("BodyFields." + f.Key, f.Value))))
        {
            if (!Internal.MessageTemplate.IsLiquid(template)) continue;
            try
            {
                Internal.MessageTemplate.ParseLiquid(template);
            }
            catch (Engagement.Templating.LiquidException ex)
            {
                Require(false, $"{part} is not valid Liquid: {ex.Message}");
            }
        }
        Resilience.Validate(provider);
    }
}
