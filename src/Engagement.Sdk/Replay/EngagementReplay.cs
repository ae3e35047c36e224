using System.Runtime.CompilerServices;
using Engagement.Events;
using Engagement.Profiles;

namespace Engagement.Replay;

/// <summary>
/// Replays past events through a rule set on a simulated clock and reports what would have been
/// sent, deferred and dropped, by trigger and reason — without touching a transport or the real
/// ledger. Each run builds its own engine on in-memory stores, with a clock that moves from event
/// to event and a transport that only records. Between events the clock stops at every timer and
/// every deferred message that falls due, in time order, so absence rules fire, deferred messages
/// go out at their window and caps and arbitration see earlier sends as production would. At the
/// end (<see cref="ReplayOptions.Until"/>, by default the last event plus 7 days) every decision is
/// sent, deferred (still waiting) or dropped — exactly one of them.
/// </summary>
/// <example>
/// <code>
/// var result = await EngagementReplay.RunAsync(events, profiles, new ReplayOptions
/// {
///     Configure = b => EngagementReplay.AddDefaultPolicies(b.AddJsonRules(File.ReadAllText("rules.json"))),
/// }, ct);
/// Console.WriteLine(result.Summary); // sent=12 deferred=1 dropped=30
/// </code>
/// </example>
public static class EngagementReplay
{
    /// <summary>What a replay runs when <see cref="ReplayOptions.Configure"/> is null: the built-in triggers plus <see cref="AddDefaultPolicies"/>.</summary>
    public static EngagementBuilder AddDefaults(EngagementBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AddDefaultPolicies(builder.AddBuiltInTriggers());
    }

    /// <summary>The delivery policies with their default configuration: send windows, then frequency caps, then daily arbitration (consent always runs first).</summary>
    public static EngagementBuilder AddDefaultPolicies(EngagementBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSendWindows().AddFrequencyCaps().AddDailyArbitration();
    }

    /// <summary>
    /// Builds the engine a replay with <paramref name="options"/> would run, and discards it: bad
    /// rules, templates or options fail here, before any input is read.
    /// </summary>
    /// <exception cref="EngagementValidationException">An option, rule document or template set-up is invalid (the field names where).</exception>
    /// <exception cref="Engagement.Rules.RuleLoadException">A rule does not compile (names the rule, JSON path and position).</exception>
    /// <exception cref="Rendering.TemplateRenderException">A template does not parse.</exception>
    public static void Validate(ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ReplayRun.Check(options);
    }

    /// <summary>Replays <paramref name="events"/> for <paramref name="profiles"/>.</summary>
    /// <param name="events">Past events, in time order unless <see cref="ReplayOptions.Ordering"/> is <see cref="ReplayOrdering.Sort"/> (the default).</param>
    /// <param name="profiles">The recipients, loaded before the first event; a user id twice is an error.</param>
    /// <param name="options">Rules, end time, ordering and progress; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    /// <exception cref="ReplayException">An event was rejected, was out of order while streaming, or a profile is invalid.</exception>
    /// <exception cref="EngagementValidationException">The rules or options configured are invalid.</exception>
    public static Task<ReplayResult> RunAsync(IEnumerable<EngagementEvent> events, IEnumerable<Profile> profiles, ReplayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return RunAsync(AsAsync(events), profiles, options, cancellationToken);
    }

    /// <inheritdoc cref="RunAsync(IEnumerable{EngagementEvent}, IEnumerable{Profile}, ReplayOptions?, CancellationToken)"/>
    public static Task<ReplayResult> RunAsync(IAsyncEnumerable<EngagementEvent> events, IEnumerable<Profile> profiles, ReplayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(profiles);
        options ??= new ReplayOptions();
        options.Validate();
        return ReplayRun.RunAsync(events, profiles, options, cancellationToken);
    }

    private static async IAsyncEnumerable<EngagementEvent> AsAsync(IEnumerable<EngagementEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
