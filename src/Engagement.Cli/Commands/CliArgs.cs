using System.Globalization;

namespace Engagement.Cli.Commands;

/// <summary>
/// One invocation: parsed <c>--name value</c> options, flags and positional words, and the writers
/// for results (<see cref="Out"/>) and progress/errors (<see cref="Err"/>).
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    /// <summary>Results (stdout).</summary>
    public TextWriter Out { get; private init; } = Console.Out;

    /// <summary>Progress bars and diagnostics (stderr).</summary>
    public TextWriter Err { get; private init; } = Console.Error;

    public static CliArgs Parse(string[] args) => Parse(args, Console.Out, Console.Error);

    public static CliArgs Parse(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new CliArgs { Out = stdout, Err = stderr };
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                string? value = null;
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) value = args[++i];
                a._options[name] = value;
            }
            else a.Positional.Add(args[i]);
        }
        return a;
    }

    public string Required(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new CliUsageException($"--{name} is required");
    }

    public string? Optional(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v ?? throw new CliUsageException($"--{name} needs a value") : null;
    }

    /// <summary>A flag: true when given. It takes no value, so <c>--strict false</c> is an error rather than strict.</summary>
    public bool Flag(string name)
    {
        if (!TryFlag(name, out var v)) return false;
        return v is null ? true : throw new CliUsageException($"--{name} takes no value, got '{v}'");
    }

    /// <summary>An option that may also stand alone as a flag: false when absent; <paramref name="value"/> null when alone.</summary>
    public bool TryFlag(string name, out string? value)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out value);
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var s = Optional(name);
        if (s is null) return fallback;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new CliUsageException($"--{name} must be an integer in {min}..{max}, got '{s}'");
        return v;
    }

    /// <summary>A number option in <paramref name="min"/>..<paramref name="max"/>; null when absent.</summary>
    public double? Double(string name, double min, double max)
    {
        var s = Optional(name);
        if (s is null) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= min && v <= max))
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be a number in {min}..{max}, got '{s}'"));
        return v;
    }

    public IReadOnlyList<string> List(string name)
        => Optional(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Fails on options the command did not read, so typos are not silently ignored.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToArray();
        if (unknown.Length > 0) throw new CliUsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}
