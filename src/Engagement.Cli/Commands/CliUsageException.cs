namespace Engagement.Cli.Commands;

/// <summary>Bad command-line input; reported with exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
