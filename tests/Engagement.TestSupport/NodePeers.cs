using System.Diagnostics;
using System.Text;

namespace Engagement.TestSupport;

/// <summary>
/// The npm peers in tests/peers (liquidjs, node-smpp, @msgpack/msgpack, msgpackr). The first use
/// installs them with <c>npm install</c> (pinned by package-lock.json; <c>npm ci</c> trips over msgpackr's per-platform optional packages under npm 11) (guarded by a lock file, since test projects run in parallel
/// processes), so <c>dotnet test</c> on a fresh clone needs no separate set-up step.
/// </summary>
public static class NodePeers
{
    private static readonly Lazy<string> s_dir = new(EnsureInstalled);

    /// <summary>tests/peers, with node_modules installed.</summary>
    public static string Directory => s_dir.Value;

    /// <summary>Runs <c>node script args</c> in tests/peers, feeding <paramref name="stdin"/>; returns stdout or throws with stderr.</summary>
    public static string RunScript(string script, string args = "", string? stdin = null, int timeoutSeconds = 120)
    {
        var result = Run("node", $"{script} {args}", Directory, stdin, timeoutSeconds);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"node {script} exited {result.ExitCode}: {result.StdErr}");
        return result.StdOut;
    }

    /// <summary>Starts a long-running node script; it must print a line starting with <paramref name="readyPrefix"/> when ready.</summary>
    public static NodeProcess Start(string script, string args, string readyPrefix, int timeoutSeconds = 60)
    {
        var psi = new ProcessStartInfo("node", $"{script} {args}")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start node {script}");
        var node = new NodeProcess(process);
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            var line = node.ReadLine(deadline - DateTime.UtcNow);
            if (line is null) break;
            if (line.StartsWith(readyPrefix, StringComparison.Ordinal))
            {
                node.ReadyLine = line;
                return node;
            }
        }
        var err = node.StdErrSoFar();
        node.Dispose();
        throw new InvalidOperationException($"node {script} did not print '{readyPrefix}' within {timeoutSeconds}s. stderr: {err}");
    }

    /// <summary>The outcome of a finished process.</summary>
    public readonly record struct ProcessResult(int ExitCode, string StdOut, string StdErr);

    /// <summary>Runs a process to completion with a timeout.</summary>
    public static ProcessResult Run(string file, string args, string workingDirectory, string? stdin = null, int timeoutSeconds = 300)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {args} did not finish within {timeoutSeconds}s");
        }
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string EnsureInstalled()
    {
        var dir = Path.Combine(RepoPaths.Root, "tests", "peers");
        var marker = Path.Combine(dir, "node_modules", ".package-lock.json");
        if (File.Exists(marker)) return dir;
        using var gate = AcquireLock(Path.Combine(dir, ".install.lock"));
        if (File.Exists(marker)) return dir;
        var r = Run("npm", "install --no-audit --no-fund --loglevel=error", dir, timeoutSeconds: 600);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"npm install in {dir} failed ({r.ExitCode}): {r.StdErr}");
        return dir;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}

/// <summary>A running node peer; disposing kills it.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly System.Collections.Concurrent.BlockingCollection<string> _lines = new();

    internal NodeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is null) _lines.CompleteAdding(); else _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The line the process printed when it became ready.</summary>
    public string ReadyLine { get; internal set; } = "";

    /// <summary>The process' standard input, for scripts that take commands.</summary>
    public StreamWriter StandardInput => _process.StandardInput;

    /// <summary>Reads the next stdout line, or null at end or timeout.</summary>
    public string? ReadLine(TimeSpan timeout)
    {
        try
        {
            return _lines.TryTake(out var line, timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout) ? line : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>What the process wrote to stderr so far.</summary>
    public string StdErrSoFar()
    {
        lock (_stderr) return _stderr.ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }
}
