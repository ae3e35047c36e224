using System.Diagnostics;
using Engagement.TestSupport;

namespace Engagement.MessagePack.Tests.Interop;

/// <summary>Runs tests/Engagement.MessagePack.Interop (copied beside the tests by its project reference) with binary stdin/stdout.</summary>
internal static class InteropToolRunner
{
    public readonly record struct Result(int ExitCode, byte[] StdOut, string StdErr);

    public static Result Run(string command, byte[] input)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Engagement.MessagePack.Interop.dll");
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" {command}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the interop tool");
        try
        {
            var stdout = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
            if (!process.WaitForExit(60_000))
                throw new TimeoutException($"the interop tool did not finish '{command}' within 60 s");
            copy.Wait();
            return new Result(process.ExitCode, stdout.ToArray(), stderr.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
