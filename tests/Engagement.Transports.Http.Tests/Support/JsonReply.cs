using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Engagement.Transports.Http.Tests.Support;

internal static class JsonReply
{
    /// <summary>Writes JSON keeping property names as declared (vendors use PascalCase; ASP.NET's default is camelCase).</summary>
    public static Task WriteExactJsonAsync<T>(this HttpResponse response, T value)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(value));
    }
}
