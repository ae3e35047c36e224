namespace Engagement.Storage.Sqlite;

/// <summary>Profiles in the SQLite file.</summary>
internal sealed class SqliteProfileStore(SqliteDatabase db, TimeProvider time) : IProfileStore
{
    public ValueTask<Profiles.Profile?> GetAsync(string userId, CancellationToken cancellationToken) =>
        Query("SELECT data FROM profiles WHERE user_id = $k", userId, cancellationToken);

    public ValueTask<Profiles.Profile?> FindByPhoneAsync(string phone, CancellationToken cancellationToken) =>
        Query("SELECT data FROM profiles WHERE phone = $k LIMIT 1", phone, cancellationToken);

    public ValueTask UpsertAsync(Profiles.Profile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO profiles(user_id, phone, data, updated_at) VALUES($id, $phone, $data, $now)
            ON CONFLICT(user_id) DO UPDATE SET phone = excluded.phone, data = excluded.data, updated_at = excluded.updated_at
            """;
        cmd.Parameters.AddWithValue("$id", profile.UserId);
        cmd.Parameters.AddWithValue("$phone", (object?)profile.Phone ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$data", ProfileJson.Serialize(profile));
        cmd.Parameters.AddWithValue("$now", SqliteDatabase.Ms(time.GetUtcNow()));
        cmd.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    private ValueTask<Profiles.Profile?> Query(string sql, string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var c = db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$k", key);
        return ValueTask.FromResult(cmd.ExecuteScalar() is string json ? ProfileJson.Deserialize(json) : null);
    }
}
