namespace Engagement.Transports.Http;

/// <summary>How a generic HTTP provider authenticates requests.</summary>
public enum HttpAuthScheme
{
    /// <summary>No authentication (or credentials carried in headers/body configured elsewhere).</summary>
    None = 0,

    /// <summary><c>Authorization: Bearer {token}</c>.</summary>
    Bearer = 1,

    /// <summary><c>Authorization: Basic base64(user:password)</c>.</summary>
    Basic = 2,

    /// <summary>An HMAC signature over configurable parts of the request, sent in a header.</summary>
    Hmac = 3,
}

/// <summary>A part of the request that an HMAC signature covers, in the order listed.</summary>
public enum HmacSignedPart
{
    /// <summary>The HTTP method in upper case.</summary>
    Method = 0,

    /// <summary>The path and query of the URL (<c>/v1/sms?x=1</c>).</summary>
    PathAndQuery = 1,

    /// <summary>The Unix timestamp in seconds, also sent in <see cref="HttpAuthOptions.TimestampHeader"/>.</summary>
    Timestamp = 2,

    /// <summary>The exact request body bytes as UTF-8 text.</summary>
    Body = 3,
}

/// <summary>Authentication for <see cref="GenericHttpProviderOptions"/>.</summary>
public sealed class HttpAuthOptions
{
    /// <summary>The scheme. Default <see cref="HttpAuthScheme.None"/>.</summary>
    public HttpAuthScheme Scheme { get; set; } = HttpAuthScheme.None;

    /// <summary>Token for <see cref="HttpAuthScheme.Bearer"/>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>User name for <see cref="HttpAuthScheme.Basic"/>.</summary>
    public string? Username { get; set; }

    /// <summary>Password for <see cref="HttpAuthScheme.Basic"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Shared secret (UTF-8) for <see cref="HttpAuthScheme.Hmac"/>.</summary>
    public string? HmacSecret { get; set; }

    /// <summary>HMAC hash: <c>SHA256</c> (default) or <c>SHA1</c>.</summary>
    public string HmacAlgorithm { get; set; } = "SHA256";

    /// <summary>Parts signed, joined by <see cref="HmacSeparator"/>. Default method, path and query, timestamp, body.</summary>
    public IList<HmacSignedPart> HmacParts { get; set; } = [HmacSignedPart.Method, HmacSignedPart.PathAndQuery, HmacSignedPart.Timestamp, HmacSignedPart.Body];

    /// <summary>Separator between signed parts. Default <c>"\n"</c>.</summary>
    public string HmacSeparator { get; set; } = "\n";

    /// <summary>Header carrying the signature. Default <c>X-Signature</c>.</summary>
    public string SignatureHeader { get; set; } = "X-Signature";

    /// <summary>Text put before the encoded signature in the header (e.g. <c>"sha256="</c>). Default empty.</summary>
    public string SignaturePrefix { get; set; } = "";

    /// <summary>Base64 (default) or lower-case hex encoding of the signature.</summary>
    public bool SignatureHex { get; set; }

    /// <summary>Header carrying the Unix timestamp when <see cref="HmacSignedPart.Timestamp"/> is signed. Default <c>X-Timestamp</c>.</summary>
    public string TimestampHeader { get; set; } = "X-Timestamp";
}
