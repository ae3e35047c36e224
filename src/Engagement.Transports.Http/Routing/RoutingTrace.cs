using System.Text;
using Engagement.Messaging;

namespace Engagement.Transports.Http;

/// <summary>One transport the router tried for a message.</summary>
/// <param name="Transport">The transport's name.</param>
/// <param name="Why">Why it was in this position (prefix, priority, cost, weight, demoted, probe).</param>
/// <param name="Result">What it answered.</param>
public sealed record RoutingAttempt(string Transport, string Why, SendResult Result);

/// <summary>Every routing choice made for one message: the candidates in order and each attempt's outcome.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Candidates">Transports considered, in the order they would be tried.</param>
/// <param name="Attempts">Transports actually tried.</param>
/// <param name="Outcome">Which transport took it, or why the router stopped.</param>
public sealed record RoutingTrace(string MessageId, IReadOnlyList<string> Candidates, IReadOnlyList<RoutingAttempt> Attempts, string Outcome)
{
    /// <summary>Why each candidate is where it is (prefix, priority, cost, weight, demoted, probe); same order as <see cref="Candidates"/>.</summary>
    public IReadOnlyList<string> CandidateReasons { get; init; } = [];

    /// <summary>The transport that accepted the message, if any.</summary>
    public string? AcceptedBy => Attempts.LastOrDefault(a => a.Result.Accepted)?.Transport;

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("route [").AppendJoin(", ", Candidates).Append("]: ");
        foreach (var a in Attempts) sb.Append(a.Transport).Append(" (").Append(a.Why).Append(") -> ").Append(a.Result).Append("; ");
        // Candidates never tried still had a reason to be placed where they were (a demotion, say): keep it visible.
        for (var i = Attempts.Count; i < Candidates.Count && i < CandidateReasons.Count; i++)
            sb.Append("not tried: ").Append(Candidates[i]).Append(" (").Append(CandidateReasons[i]).Append("); ");
        return sb.Append(Outcome).ToString();
    }
}
