namespace Engagement.TestSupport;

/// <summary>Locates the repository root and the shared data folder beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder that holds Engagement.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>The shared, read-only data sets (../shared/data relative to the repository root).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>A file under the shared data folder; throws a clear error when it is missing.</summary>
    public static string DataFile(string relative)
    {
        var path = Path.Combine(SharedData, relative);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Shared data file '{relative}' was not found under {SharedData}. The repository expects ../shared/data beside it.", path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"Engagement.sln was not found above {AppContext.BaseDirectory}.");
    }
}
