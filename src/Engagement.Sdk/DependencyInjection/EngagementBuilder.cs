using Engagement.Engine;
using Engagement.Messaging;
using Engagement.Policies;
using Engagement.Rendering;
using Engagement.Scoring;
using Engagement.Storage;
using Engagement.Storage.InMemory;
using Engagement.Storage.Sqlite;
using Engagement.Transports;
using Engagement.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Engagement;

/// <summary>Configures the SDK inside <c>services.AddEngagement(b =&gt; ...)</c>. Sub-builders and extensions reach DI through <see cref="Services"/>.</summary>
public sealed class EngagementBuilder
{
    private readonly List<object> _rules = [];
    private BuiltInTriggerOptions? _builtIn;
    private bool _jsonRules;
    private readonly HashSet<string> _scoreNames = new(StringComparer.Ordinal);

    internal EngagementBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Templates registered with <see cref="AddTemplate"/>.</summary>
    public TemplateCatalog Templates { get; } = new();

    /// <summary>Changes options (applied in order; validated at start).</summary>
    public EngagementBuilder Configure(Action<EngagementOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Keeps profiles, ledger, outbox and timers in memory (tests, replay). The default is SQLite: see <see cref="UseSqlite"/>.</summary>
    public EngagementBuilder UseInMemoryStores()
    {
        Services.RemoveAll<IProfileStore>().RemoveAll<IMessageStore>().RemoveAll<ITimerStore>();
        Services.AddSingleton<IProfileStore, InMemoryProfileStore>();
        Services.AddSingleton<IMessageStore, InMemoryMessageStore>();
        Services.AddSingleton<ITimerStore, InMemoryTimerStore>();
        return this;
    }

    /// <summary>Keeps everything in one SQLite file, the embedded default (<c>Data Source=engagement.db</c>).</summary>
    public EngagementBuilder UseSqlite(string connectionString)
    {
        var db = new SqliteDatabase(connectionString);
        Services.RemoveAll<IProfileStore>().RemoveAll<IMessageStore>().RemoveAll<ITimerStore>().RemoveAll<SqliteDatabase>();
        Services.AddSingleton(db);
        Services.AddSingleton<IProfileStore>(sp => new SqliteProfileStore(db, sp.GetRequiredService<TimeProvider>()));
        Services.AddSingleton<IMessageStore>(sp => new SqliteMessageStore(db, sp.GetRequiredService<TimeProvider>()));
        Services.AddSingleton<ITimerStore>(_ => new SqliteTimerStore(db));
        return this;
    }

    /// <summary>Sends through <paramref name="transport"/> (replacing any other).</summary>
    public EngagementBuilder UseTransport(ISmsTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        Services.RemoveAll<ISmsTransport>().AddSingleton(transport);
        return this;
    }

    /// <summary>Sends through a transport resolved from DI (replacing any other).</summary>
    public EngagementBuilder UseTransport<TTransport>() where TTransport : class, ISmsTransport
    {
        Services.RemoveAll<ISmsTransport>().AddSingleton<ISmsTransport, TTransport>();
        return this;
    }

    /// <summary>Writes messages as JSON lines to <paramref name="path"/> (samples, tests, dry runs).</summary>
    public EngagementBuilder UseFileTransport(string path)
    {
        Services.RemoveAll<ISmsTransport>().AddSingleton<ISmsTransport>(sp => new FileTransport(path, sp.GetRequiredService<TimeProvider>()));
        return this;
    }

    /// <summary>Adds a trigger written as a delegate.</summary>
    public EngagementBuilder AddTrigger(string name, Action<TriggerContext> evaluate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(evaluate);
        Services.AddSingleton<ITrigger>(new DelegateTrigger(name, evaluate));
        return this;
    }

    /// <summary>Adds a trigger resolved from DI.</summary>
    public EngagementBuilder AddTrigger<TTrigger>() where TTrigger : class, ITrigger
    {
        Services.AddSingleton<ITrigger, TTrigger>();
        return this;
    }

    /// <summary>
    /// Adds the built-in triggers (cart abandonment, coupon expiring, logistics, member day,
    /// win-back, onboarding, birthday), written as rules, with English and Chinese default templates.
    /// Options are validated here; call it once.
    /// </summary>
    /// <exception cref="EngagementValidationException">An option is out of range.</exception>
    public EngagementBuilder AddBuiltInTriggers(Action<BuiltInTriggerOptions>? configure = null)
    {
        if (_builtIn is not null)
            throw new InvalidOperationException("The built-in triggers were already added (AddBuiltInTriggers or a rules file's \"builtIn\"); configure them in one call.");
        var o = new BuiltInTriggerOptions();
        configure?.Invoke(o);
        o.Validate();
        _builtIn = o;
        _rules.AddRange(BuiltInRules.For(o).Select(r => (object)r));
        return this;
    }

    /// <summary>Adds a trigger rule class (see <see cref="EngagementRule"/>); all rules run in one session per event.</summary>
    public EngagementBuilder AddRules<TRule>() where TRule : Engagement.Rules.Rule, new() => AddRules(new TRule());

    /// <summary>Adds trigger rule instances (see <see cref="EngagementRule"/>).</summary>
    public EngagementBuilder AddRules(params Engagement.Rules.Rule[] rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var r in rules)
            _rules.Add(r ?? throw new ArgumentNullException(nameof(rules)));
        return this;
    }

    /// <summary>Adds every public trigger rule class with a parameterless constructor in <paramref name="assembly"/>.</summary>
    public EngagementBuilder AddRulesFromAssembly(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var t in assembly.GetTypes()
                     .Where(t => typeof(Engagement.Rules.Rule).IsAssignableFrom(t) && t is { IsAbstract: false, IsPublic: true } && t.GetConstructor(Type.EmptyTypes) is not null)
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
            _rules.Add((Engagement.Rules.Rule)Activator.CreateInstance(t)!);
        return this;
    }

    /// <summary>
    /// Adds operators' trigger rules from a JSON document (see <see cref="JsonTriggerRules"/>):
    /// <c>{"builtIn": [...], "rules": [...]}</c>. Everything is checked here, so a bad file fails at start.
    /// </summary>
    /// <exception cref="Engagement.Rules.RuleLoadException">A rule or expression is invalid (names the rule, JSON path and position).</exception>
    /// <exception cref="EngagementValidationException">The document or an action is invalid (names the JSON path).</exception>
    public EngagementBuilder AddJsonRules(string json)
    {
        var doc = JsonTriggerRules.Load(json);
        if (doc.BuiltIn.Count > 0)
            AddBuiltInTriggers(o => o.Only([.. doc.BuiltIn]));
        _rules.AddRange(doc.Rules);
        _jsonRules |= doc.Rules.Count > 0;
        return this;
    }

    /// <summary>Adds a delivery policy; policies run after consent, in the order added.</summary>
    public EngagementBuilder AddPolicy<TPolicy>() where TPolicy : class, IDeliveryPolicy
    {
        Services.AddSingleton<IDeliveryPolicy, TPolicy>();
        return this;
    }

    /// <summary>Adds a policy instance.</summary>
    public EngagementBuilder AddPolicy(IDeliveryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Services.AddSingleton(policy);
        return this;
    }

    /// <summary>Defers marketing outside the send windows (seed defaults) to the next allowed slot in the user's zone.</summary>
    public EngagementBuilder AddSendWindows(Action<SendWindowOptions>? configure = null)
    {
        var o = new SendWindowOptions();
        configure?.Invoke(o);
        return AddPolicy(new SendWindowPolicy(o));
    }

    /// <summary>At most one marketing SMS per user per local day; the highest priority wins.</summary>
    public EngagementBuilder AddDailyArbitration() => AddPolicy(new DailyArbitrationPolicy());

    /// <summary>Tiered weekly caps on marketing SMS (seed defaults: regular 2, VIP 4).</summary>
    public EngagementBuilder AddFrequencyCaps(Action<FrequencyCapOptions>? configure = null)
    {
        var o = new FrequencyCapOptions();
        configure?.Invoke(o);
        return AddPolicy(new FrequencyCapPolicy(o));
    }

    /// <summary>Registers a template variant; <paramref name="locale"/> "" is the default variant.</summary>
    public EngagementBuilder AddTemplate(string id, string locale, string source)
    {
        Templates.Add(id, locale, source);
        return this;
    }

    /// <summary>Renders with <typeparamref name="TRenderer"/> instead of the built-in renderer.</summary>
    public EngagementBuilder UseTemplateRenderer<TRenderer>() where TRenderer : class, ITemplateRenderer
    {
        Services.RemoveAll<ITemplateRenderer>().AddSingleton<ITemplateRenderer, TRenderer>();
        return this;
    }

    /// <summary>Runs the dispatcher and the timer sweep as a hosted background service.</summary>
    public EngagementBuilder AddDispatcherHostedService()
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, Dispatching.EngagementHostedService>());
        return this;
    }

    /// <summary>
    /// Adds a profile scorer (see <see cref="IProfileScorer"/>). Scores are computed by
    /// <see cref="ProfileScoring"/> in batches, or on every tracked event after
    /// <see cref="ScoreProfilesOnTrack"/>.
    /// </summary>
    /// <exception cref="EngagementValidationException">Another scorer already writes one of its score names.</exception>
    public EngagementBuilder AddProfileScorer(IProfileScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        foreach (var name in scorer.ScoreNames)
            if (!_scoreNames.Add(name))
                throw Scoring.ScoreNames.Clash(name);
        Services.AddSingleton(scorer);
        return this;
    }

    /// <summary>Adds a profile scorer resolved from DI (score names are checked when <see cref="ProfileScoring"/> is built).</summary>
    public EngagementBuilder AddProfileScorer<TScorer>() where TScorer : class, IProfileScorer
    {
        Services.AddSingleton<IProfileScorer, TScorer>();
        return this;
    }

    /// <summary>
    /// Scores churn (<c>scores.churn</c>) with an Engagement.ML model file trained on
    /// <see cref="ProfileFeatures"/> column names (other features are read from profile attributes of the
    /// same name). The file is loaded and checked here, so a bad one fails at start.
    /// </summary>
    /// <exception cref="Engagement.ML.Models.ModelFileException">The file is missing, corrupt or of another format version.</exception>
    /// <exception cref="EngagementValidationException">The model's features do not match what a profile provides.</exception>
    public EngagementBuilder UseChurnModel(string path, bool allowAttributeFeatures = true) => AddModelScorer(ScoreNames.Churn, path, allowAttributeFeatures);

    /// <summary>As <see cref="UseChurnModel"/> for any score name (<c>propensity</c>, <c>upsell</c>).</summary>
    /// <param name="scoreName">The key written into <see cref="Profiles.Profile.Scores"/>.</param>
    /// <param name="path">The model file (<c>engagement train ... --model F</c>).</param>
    /// <param name="allowAttributeFeatures">When false, a model feature the SDK does not compute from a profile is refused instead of read from attributes.</param>
    public EngagementBuilder AddModelScorer(string scoreName, string path, bool allowAttributeFeatures = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scoreName);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = Engagement.ML.Models.TabularModel.Load(path);
        return AddProfileScorer(new ModelProfileScorer(scoreName, model, path, allowAttributeFeatures));
    }

    /// <summary>Writes RFM scores 1-5 and the tier (<c>rfm_r</c>, <c>rfm_f</c>, <c>rfm_m</c>, <c>rfm_tier</c>) from fitted cut-offs (<see cref="RfmBoundaries.FromProfiles"/>).</summary>
    /// <exception cref="EngagementValidationException">The cut-offs are not four monotone values per list.</exception>
    public EngagementBuilder AddRfmScorer(RfmBoundaries boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        return AddProfileScorer(new RfmScorer(boundaries));
    }

    /// <summary>Writes <c>p_alive</c>, <c>expected_purchases</c> and (with a spend model) <c>clv</c> from fitted BG/NBD / Gamma-Gamma parameters.</summary>
    /// <exception cref="EngagementValidationException">A parameter or option is out of range.</exception>
    public EngagementBuilder AddClvModel(Action<ClvScorerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var o = new ClvScorerOptions();
        configure(o);
        return AddProfileScorer(new ClvScorer(o));
    }

    /// <summary>
    /// Runs the profile scorers on every tracked event, after the aggregates are updated and
    /// before rules and templates read the profile (off by default: batch scoring with
    /// <see cref="ProfileScoring"/> is the cheaper choice when scores may lag a little).
    /// </summary>
    public EngagementBuilder ScoreProfilesOnTrack()
    {
        Services.TryAddSingleton(sp => new ScoreOnTrack(sp.GetRequiredService<ProfileScoring>()));
        return this;
    }

    internal void Finish()
    {
        if (_builtIn is not null)
            foreach (var (id, locale, source) in BuiltInTemplates.For(_builtIn).Where(t => !Templates.Contains(t.Id)).ToList())
                Templates.Add(id, locale, source);
        if (_rules.Count > 0)
        {
            var builder = new Engagement.Rules.RuleSetBuilder();
            foreach (var r in _rules)
            {
                if (r is Engagement.Rules.Rule rule) builder.Add(rule);
                else builder.Add((Engagement.Rules.RuleDefinition)r);
            }
            var ruleSet = builder.Build();
            var jsonRules = _jsonRules;
            Services.AddSingleton<ITrigger>(sp => new RuleTrigger(ruleSet, sp, jsonRules));
        }
        Services.TryAddSingleton(sp => new ProfileScoring(sp.GetServices<IProfileScorer>(), sp.GetRequiredService<IProfileStore>(),
            sp.GetRequiredService<TimeProvider>(), Loggers.For<ProfileScoring>(sp)));
        Services.TryAddSingleton(Templates);
        Services.TryAddSingleton<ITemplateRenderer>(sp => new LiquidTemplateRenderer(Templates, sp.GetRequiredService<TimeProvider>()));
    }

    internal static void AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EngagementOptions>().Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngagementOptions>>().Value);
        if (!services.Any(d => d.ServiceType == typeof(IDeliveryPolicy) && d.ImplementationType == typeof(ConsentPolicy)))
            services.Insert(0, ServiceDescriptor.Singleton<IDeliveryPolicy, ConsentPolicy>());
        services.TryAddSingleton(sp => new EngagementEngine(
            sp.GetRequiredService<IProfileStore>(), sp.GetRequiredService<IMessageStore>(), sp.GetRequiredService<ITimerStore>(),
            sp.GetServices<ITrigger>(), sp.GetServices<IDeliveryPolicy>(), sp.GetRequiredService<ITemplateRenderer>(),
            sp.GetRequiredService<EngagementOptions>(), sp.GetRequiredService<TimeProvider>(), Loggers.For<EngagementEngine>(sp))
        {
            ScoreOnTrack = sp.GetService<ScoreOnTrack>()?.Scoring,
        });
        services.TryAddSingleton<IEngagementEngine>(sp => sp.GetRequiredService<EngagementEngine>());
        services.TryAddSingleton<ISmsFeedback>(sp => sp.GetRequiredService<EngagementEngine>());
        services.TryAddSingleton(sp => new Dispatching.EngagementDispatcher(
            sp.GetRequiredService<IMessageStore>(), sp.GetRequiredService<IProfileStore>(),
            sp.GetService<ISmsTransport>() ?? throw new InvalidOperationException("No ISmsTransport is registered: call UseFileTransport, UseTransport, or a transport package's Add* method inside AddEngagement."),
            sp.GetRequiredService<EngagementOptions>(), sp.GetRequiredService<TimeProvider>(), Loggers.For<Dispatching.EngagementDispatcher>(sp)));
    }
}
