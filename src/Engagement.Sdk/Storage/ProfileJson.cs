using System.Text.Json;
using Engagement.Profiles;

namespace Engagement.Storage;

/// <summary>The JSON form profiles are stored in (the SQLite store keeps it in a column).</summary>
internal static class ProfileJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);

    public static string Serialize(Profile profile) => JsonSerializer.Serialize(profile, s_options);

    public static Profile Deserialize(string json) =>
        JsonSerializer.Deserialize<Profile>(json, s_options) ?? throw new InvalidDataException("stored profile is null");
}
