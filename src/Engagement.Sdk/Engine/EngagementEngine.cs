using System.Diagnostics;
using Engagement.Compliance;
using Engagement.Decisions;
using Engagement.Diagnostics;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Policies;
using Engagement.Profiles;
using Engagement.Rendering;
using Engagement.Storage;
using Engagement.Triggers;
using Microsoft.Extensions.Logging;

namespace Engagement.Engine;

/// <summary>The engine: aggregate, decide, apply policy, render, enqueue (DESIGN.md section 3, steps 1-5).</summary>
internal sealed class EngagementEngine : IEngagementEngine, ISmsFeedback
{
    private readonly IProfileStore _profiles;
    private readonly IMessageStore _messages;
    private readonly ITimerStore _timers;
    private readonly ITrigger[] _triggers;
    private readonly IDeliveryPolicy[] _policies;
    private readonly string[] _policyStages;
    private readonly ITemplateRenderer _renderer;
    private readonly EngagementOptions _options;
    private readonly MessageComposer _composer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim[] _userLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public EngagementEngine(
        IProfileStore profiles, IMessageStore messages, ITimerStore timers,
        IEnumerable<ITrigger> triggers, IEnumerable<IDeliveryPolicy> policies, ITemplateRenderer renderer,
        EngagementOptions options, TimeProvider time, ILogger<EngagementEngine> logger)
    {
        options.Validate();
        _profiles = profiles;
        _messages = messages;
        _timers = timers;
        _triggers = triggers.ToArray();
        var duplicate = _triggers.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new EngagementValidationException("triggers", $"two triggers are named '{duplicate.Key}'; trigger names must be unique.");
        _policies = policies.ToArray();
        _policyStages = _policies.Select(p => "policy:" + p.Name).ToArray(); // trace stage names, made once
        _renderer = renderer;
        _options = options;
        _composer = new MessageComposer(options.Compliance);
        _time = time;
        _logger = logger;
    }

    /// <summary>Profile scoring on every event; null unless <c>EngagementBuilder.ScoreProfilesOnTrack</c> was called.</summary>
    internal Scoring.ProfileScoring? ScoreOnTrack { get; init; }

    public ValueTask UpsertProfileAsync(Profile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        return _profiles.UpsertAsync(profile, cancellationToken);
    }

    public ValueTask<Profile?> GetProfileAsync(string userId, CancellationToken cancellationToken) =>
        _profiles.GetAsync(userId, cancellationToken);

    // Set while this thread runs the triggers of an event. The triggers run synchronously, so a
    // TrackAsync made from a trigger or a rule action sees it; waiting there for a user lock held
    // by the event being evaluated would deadlock (same user, or another of the same stripe).
    [ThreadStatic] private static int t_evaluatingTriggers;

    public async ValueTask<TrackResult> TrackAsync(EngagementEvent evt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (t_evaluatingTriggers > 0)
            throw new InvalidOperationException(
                $"TrackAsync({evt.Type} for {evt.UserId}) was called while triggers were evaluating another event, from a trigger or a rule action; " +
                "it could wait forever for that event's lock. Propose a candidate or schedule a timer instead, or track the event after TrackAsync returns.");
        try
        {
            EventValidator.Validate(evt);
        }
        catch (EngagementValidationException ex)
        {
            EngagementTelemetry.EventsRejected.Add(1, new KeyValuePair<string, object?>("event.type", evt.Type));
            EngineLog.Rejected(_logger, evt.Type ?? "", evt.UserId ?? "", ex.Message);
            throw;
        }
        using var activity = EngagementTelemetry.ActivitySource.StartActivity("engagement.track");
        activity?.SetTag("engagement.event.type", evt.Type);
        var gate = _userLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(evt.UserId) % (uint)_userLocks.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await TrackLockedAsync(evt, cancellationToken).ConfigureAwait(false);
            EngagementTelemetry.EventsTracked.Add(1, new KeyValuePair<string, object?>("event.type", evt.Type));
            EngineLog.Tracked(_logger, evt.Type, evt.UserId, result.Decisions.Count);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async ValueTask<TrackResult> TrackLockedAsync(EngagementEvent evt, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        // Most events lead to nothing: notes, decisions and the event id exist only once needed.
        List<TraceEntry>? notes = null;
        var adopting = _profiles as IAdoptingProfileStore;
        // The engine's own timer events change nothing on a profile (no aggregates, no consent), so
        // unless scores are computed on track the profile is not written back.
        var unchanged = evt.Type == EventTypes.Timer && ScoreOnTrack is null;
        // An adopting store's working copy shares attributes, consent and scores with the stored
        // profile: whatever changes them below takes its own copy first. A timer event gets one
        // too: the stored instance is updated in place by later events, and what the triggers and
        // the rule traces saw must stay as it was.
        var stored = adopting is null ? await _profiles.GetAsync(evt.UserId, ct).ConfigureAwait(false)
            : adopting.GetForEvent(evt.UserId);
        var profile = stored ?? new Profile { UserId = evt.UserId };
        ProfileUpdater.Apply(profile, evt);
        // Opt-in (EngagementBuilder.ScoreProfilesOnTrack): scores from the updated aggregates, before rules and templates read them.
        if (ScoreOnTrack is { } scoring)
        {
            profile.OwnScores();
            scoring.Score(profile, now);
        }
        List<(string Trigger, string Text)>? replies = null;
        if (evt.Type == EventTypes.InboundMessage)
        {
            profile.OwnConsent();
            replies = HandleInbound(profile, evt, notes ??= []);
        }
        var context = new TriggerContext(profile, evt, now);
        t_evaluatingTriggers++;
        try
        {
            foreach (var trigger in _triggers)
            {
                try
                {
                    trigger.Evaluate(context);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Nothing of the event is stored yet (profile, timers, messages), so tracking it
                    // again once the trigger is fixed counts it once.
                    throw new InvalidOperationException($"Trigger '{trigger.Name}' threw while evaluating {evt.Type} for {evt.UserId}: {ex.Message}", ex);
                }
            }
        }
        finally
        {
            t_evaluatingTriggers--;
        }
        // The triggers have run; from here on the profile is only read (policies, templates). An
        // adopting store takes its values over in place, without the deep copy an upsert makes.
        if (!unchanged || stored is null)
        {
            if (adopting is not null) await adopting.AdoptAsync(profile, ct).ConfigureAwait(false);
            else await _profiles.UpsertAsync(profile, ct).ConfigureAwait(false);
        }
        // Cancelled and scheduled timers become notes only when the notes are read (EventNotes).
        List<(string Name, string? Key, int Count)>? cancelled = null;
        var cancel = context.Cancelled;
        for (var i = 0; i < cancel.Count; i++)
        {
            var (name, key) = cancel[i];
            var n = await _timers.CancelAsync(evt.UserId, name, key, ct).ConfigureAwait(false);
            if (n > 0) (cancelled ??= []).Add((name, key, n));
        }
        var scheduled = context.Scheduled;
        for (var i = 0; i < scheduled.Count; i++)
        {
            var t = scheduled[i];
            await _timers.ScheduleAsync(new TimerEntry(evt.UserId, t.Name, t.Key, t.DueAt), ct).ConfigureAwait(false);
        }

        var candidates = context.Candidates;
        var replyCount = replies?.Count ?? 0;
        IReadOnlyList<Decision> decisions = [];
        if (candidates.Count + replyCount > 0)
        {
            var list = new Decision[candidates.Count + replyCount];
            // Highest priority first, so arbitration and caps keep the most important message; the
            // index stays the proposal order so idempotency keys do not depend on priorities.
            if (candidates.Count == 1)
                list[0] = await DecideAsync(candidates[0], 0, profile, context, now, ct).ConfigureAwait(false);
            else if (candidates.Count > 1)
            {
                var order = ByPriority(candidates);
                for (var i = 0; i < order.Length; i++)
                    list[i] = await DecideAsync(candidates[order[i]], order[i], profile, context, now, ct).ConfigureAwait(false);
            }
            for (var i = 0; i < replyCount; i++)
                list[candidates.Count + i] = await EnqueueReplyAsync(profile, replies![i].Trigger, replies[i].Text, context, now, ct).ConfigureAwait(false);
            decisions = list;
        }
        return new TrackResult(evt, decisions, EventNotes.Of(notes, context.RuleTraces, cancelled, scheduled))
        {
            RuleTraces = context.RuleTraces ?? (IReadOnlyList<Engagement.Rules.DecisionTrace>)[],
        };
    }

    // Candidate indexes by descending priority, ties in proposal order (a stable sort); for two or more.
    private static int[] ByPriority(IReadOnlyList<Candidate> candidates)
    {
        var order = new int[candidates.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => candidates[a].Priority != candidates[b].Priority ? candidates[b].Priority.CompareTo(candidates[a].Priority) : a.CompareTo(b));
        return order;
    }

    private List<(string Trigger, string Text)>? HandleInbound(Profile profile, EngagementEvent evt, List<TraceEntry> notes)
    {
        var c = _options.Compliance;
        var text = evt.GetString("text");
        var keyword = InboundKeywords.Classify(text, c);
        var replies = new List<(string, string)>();
        var source = "inbound:" + (text ?? "").Trim().ToUpperInvariant();
        switch (keyword)
        {
            case InboundKeyword.OptOut:
                profile.Consent.Suppression = new ConsentRecord(false, evt.Time, source);
                notes.Add(new TraceEntry("consent", "opted-out", $"'{text}' suppresses marketing SMS from {evt.Time:O}"));
                AddReply(replies, "system:opt_out_confirmation", c.OptOutConfirmations, profile);
                break;
            case InboundKeyword.OptIn:
                profile.Consent.Suppression = null;
                profile.Consent.Set(ConsentPurpose.SmsMarketing, new ConsentRecord(true, evt.Time, source));
                notes.Add(new TraceEntry("consent", "opted-in", $"'{text}' resubscribes marketing SMS from {evt.Time:O}"));
                AddReply(replies, "system:opt_in_confirmation", c.OptInConfirmations, profile);
                break;
            case InboundKeyword.Help:
                notes.Add(new TraceEntry("inbound", "help", "HELP answered"));
                AddReply(replies, "system:help", c.HelpReplies, profile);
                break;
            default:
                notes.Add(new TraceEntry("inbound", "reply", "not a keyword; recorded only"));
                return replies;
        }
        EngagementTelemetry.InboundKeywords.Add(1, new KeyValuePair<string, object?>("keyword", keyword.ToString()));
        EngineLog.Keyword(_logger, keyword.ToString(), PhoneMask.Mask(profile.Phone), profile.UserId);
        return replies;
    }

    private void AddReply(List<(string, string)> replies, string trigger, Dictionary<string, string> texts, Profile profile)
    {
        var text = _options.Compliance.Pick(texts, profile.Language);
        if (text.Length > 0) replies.Add((trigger, text));
    }

    private async ValueTask<Decision> DecideAsync(Candidate candidate, int index, Profile profile, TriggerContext context, DateTimeOffset now, CancellationToken ct)
    {
        var evt = context.Event;
        var trace = new DecisionTrace();
        trace.Add("trigger", "matched", new TraceDetail.Proposed(candidate));
        var sendAt = now;
        TraceDetail? deferReason = null;
        var policyContext = new PolicyContext(candidate, profile, evt, now, sendAt, _messages);
        for (var p = 0; p < _policies.Length; p++)
        {
            var policy = _policies[p];
            var stage = _policyStages[p];
            if (policyContext.SendAt != sendAt) policyContext = policyContext with { SendAt = sendAt };
            var verdict = await policy.EvaluateAsync(policyContext, ct).ConfigureAwait(false);
            switch (verdict.Outcome)
            {
                // Reasons stay as the policy gave them (often unformatted) until someone reads them.
                case DecisionOutcome.Drop:
                    trace.Add(stage, "blocked", verdict.ReasonValue);
                    return Finish(candidate, profile, DecisionOutcome.Drop, new TraceDetail.ByPolicy(policy.Name, verdict.ReasonValue), now, null, trace);
                case DecisionOutcome.Defer:
                    trace.Add(stage, "deferred", new TraceDetail.Deferred(verdict.ReasonValue, verdict.Until!.Value));
                    if (verdict.Until > sendAt) (sendAt, deferReason) = (verdict.Until.Value, new TraceDetail.ByPolicy(policy.Name, verdict.ReasonValue));
                    break;
                default:
                    trace.Add(stage, "passed", verdict.ReasonValue);
                    break;
            }
        }

        string body;
        try
        {
            body = _renderer.Render(candidate.TemplateId, profile.Locale, new TemplateModel(profile, evt, candidate.Data));
        }
        catch (TemplateRenderException ex)
        {
            trace.Add("render", "failed", ex.Message);
            return Finish(candidate, profile, DecisionOutcome.Drop, "render: " + ex.Message, now, null, trace);
        }
        var (text, length, blocked) = _composer.Compose(body, candidate.Category, profile.Language, trace);
        if (text is null)
        {
            trace.Add("policy:content", "blocked", blocked!);
            return Finish(candidate, profile, DecisionOutcome.Drop, blocked, now, null, trace);
        }

        var messageId = await EnqueueAsync(candidate, profile, text, length.Segments, context, index, now, sendAt, ct).ConfigureAwait(false);
        if (messageId is null)
        {
            return Duplicate(candidate, profile, context, now, trace);
        }
        trace.Add("enqueue", "queued", new TraceDetail.Queued(messageId, sendAt, length.Segments));
        var outcome = sendAt > now ? DecisionOutcome.Defer : DecisionOutcome.Send;
        return Finish(candidate, profile, outcome, outcome == DecisionOutcome.Defer ? deferReason : null, now, sendAt, trace, messageId, text, length.Segments);
    }

    private async ValueTask<Decision> EnqueueReplyAsync(Profile profile, string trigger, string text, TriggerContext context, DateTimeOffset now, CancellationToken ct)
    {
        var candidate = new Candidate(trigger, MessageCategory.Transactional, trigger);
        var trace = new DecisionTrace().Add("inbound", "reply", $"{trigger} answers the user's keyword");
        if (profile.Phone is null)
        {
            trace.Add("policy:consent", "blocked", "no phone number on the profile");
            return Finish(candidate, profile, DecisionOutcome.Drop, "consent: no phone number on the profile", now, null, trace);
        }
        var length = Text.SmsText.Measure(text);
        // No dedupe key: only the same inbound event tracked again (same idempotency key) finds a row.
        var messageId = await EnqueueAsync(candidate, profile, text, length.Segments, context, 0, now, now, ct).ConfigureAwait(false);
        if (messageId is null) return Duplicate(candidate, profile, context, now, trace);
        trace.Add("enqueue", "queued", new TraceDetail.Queued(messageId, null, length.Segments));
        return Finish(candidate, profile, DecisionOutcome.Send, null, now, now, trace, messageId, text, length.Segments);
    }

    // Ledger row + outbox row in one write; null when the candidate's dedupe key was already used.
    private async ValueTask<string?> EnqueueAsync(Candidate candidate, Profile profile, string text, int segments, TriggerContext context, int index,
        DateTimeOffset now, DateTimeOffset sendAt, CancellationToken ct)
    {
        // A dedupe key stands for the entity, so the event's id is not part of the key (nor hashed) then.
        var key = MessageIds.IdempotencyKey(candidate.Trigger, profile.UserId, candidate.DedupeKey, candidate.DedupeKey is null ? context.EventId : "", index);
        var messageId = MessageIds.MessageId(key);
        var sms = new OutboundSms(messageId, key, profile.Phone!, text, candidate.Category, _options.SenderId);
        var entry = new LedgerEntry(messageId, profile.UserId, candidate.Trigger, candidate.Category,
            // Scoped to the user: another user's cart or member day with the same key is no duplicate.
            candidate.DedupeKey is null ? null : string.Concat([candidate.Trigger, ":", profile.UserId, ":", candidate.DedupeKey]), now, sendAt, segments);
        return await _messages.TryEnqueueAsync(entry, new OutboxMessage(profile.UserId, sms, sendAt), ct).ConfigureAwait(false) ? messageId : null;
    }

    private static Decision Duplicate(Candidate candidate, Profile profile, TriggerContext context, DateTimeOffset now, DecisionTrace trace)
    {
        if (candidate.DedupeKey is { } key)
        {
            trace.Add("policy:dedupe", "blocked", $"'{key}' was already sent to this user by {candidate.Trigger}");
            return Finish(candidate, profile, DecisionOutcome.Drop, $"dedupe: '{key}' already sent", now, null, trace);
        }
        var eventId = context.EventId;
        trace.Add("policy:dedupe", "blocked", $"event {eventId} was tracked before; its message is already in the ledger");
        return Finish(candidate, profile, DecisionOutcome.Drop, $"dedupe: event {eventId} was already tracked", now, null, trace);
    }

    // The metric's outcome tag (the enum's name), without boxing the enum for ToString on every decision.
    private static string OutcomeName(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Send => nameof(DecisionOutcome.Send),
        DecisionOutcome.Defer => nameof(DecisionOutcome.Defer),
        DecisionOutcome.Drop => nameof(DecisionOutcome.Drop),
        _ => outcome.ToString(),
    };

    // reason: a string, or a PolicyReason (here the TraceDetail "policy: reason") formatted when first read.
    private static Decision Finish(Candidate c, Profile p, DecisionOutcome outcome, object? reason, DateTimeOffset now, DateTimeOffset? sendAt,
        DecisionTrace trace, string? messageId = null, string? text = null, int segments = 0)
    {
        EngagementTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeName(outcome)), new KeyValuePair<string, object?>("trigger", c.Trigger));
        return new Decision
        {
            UserId = p.UserId, Trigger = c.Trigger, Category = c.Category, Outcome = outcome, ReasonValue = reason,
            DecidedAt = now, SendAt = sendAt, MessageId = messageId, Text = text, Segments = segments, Trace = trace,
        };
    }

    public async ValueTask<IReadOnlyList<TrackResult>> ProcessDueTimersAsync(CancellationToken cancellationToken)
    {
        List<TrackResult>? results = null;
        while (true)
        {
            var now = _time.GetUtcNow();
            var due = await _timers.ClaimDueAsync(now, 256, _options.TimerLease, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0) return (IReadOnlyList<TrackResult>?)results ?? [];
            results ??= new List<TrackResult>(due.Count);
            foreach (var t in due)
            {
                var evt = new EngagementEvent(EventTypes.Timer, t.UserId, t.DueAt)
                {
                    Properties = new TimerEventProperties(t.Name, t.Key),
                    EventId = TimerEventId(t),
                };
                results.Add(await TrackAsync(evt, cancellationToken).ConfigureAwait(false));
                await _timers.CompleteAsync(t, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // "t_" + timer id (TimerEntry.Id's form) + "@" + due ticks, formatted as one string: the id
    // alone would be another. Messages a timer leads to take their idempotency key from it.
    internal static string TimerEventId(TimerEntry t) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"t_{t.Name}{TimerEntry.IdSeparator}{t.UserId}{TimerEntry.IdSeparator}{t.Key}@{t.DueAt.UtcTicks}");

    public async ValueTask ReportDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var matched = await _messages.ApplyDeliveryReportAsync(report, cancellationToken).ConfigureAwait(false);
        EngagementTelemetry.DeliveryReports.Add(1, new KeyValuePair<string, object?>("state", report.State.ToString()), new KeyValuePair<string, object?>("matched", matched));
        if (!matched) EngineLog.UnmatchedReport(_logger, report.ProviderMessageId, report.Transport);
    }

    public async ValueTask ReceiveInboundAsync(InboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.Text))
        {
            // A blank SMS is a real thing handsets send; it asks for nothing. Failing here would make
            // an SMPP centre redeliver it forever.
            EngineLog.BlankInbound(_logger, PhoneMask.Mask(message.From));
            return;
        }
        var profile = await _profiles.FindByPhoneAsync(message.From, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            EngineLog.UnknownSender(_logger, PhoneMask.Mask(message.From));
            return;
        }
        await TrackAsync(new EngagementEvent(EventTypes.InboundMessage, profile.UserId, message.ReceivedAt)
        {
            Properties = new Dictionary<string, object?> { ["text"] = message.Text, ["transport"] = message.Transport },
            EventId = message.ProviderMessageId is null ? null : "i_" + message.Transport + ":" + message.ProviderMessageId,
        }, cancellationToken).ConfigureAwait(false);
    }
}
