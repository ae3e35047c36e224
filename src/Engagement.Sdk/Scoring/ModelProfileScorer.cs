using Engagement.ML.Data;
using Engagement.ML.Models;
using Engagement.Profiles;

namespace Engagement.Scoring;

/// <summary>
/// A score from an Engagement.ML model file: each model feature is read from the profile by name —
/// a <see cref="ProfileFeatures"/> feature when the SDK computes one of that name, else the profile
/// attribute of that name (missing when the profile has none). Kinds are checked when the scorer
/// is built, so a model that expects <c>order_count</c> as a category fails at start.
/// </summary>
internal sealed class ModelProfileScorer : IProfileScorer
{
    private enum Source { Numeric, Categorical, Attribute }

    private readonly TabularModel _model;
    private readonly string _scoreName;
    private readonly (Source Source, FeatureInfo Feature, Func<Profile, DateTimeOffset, double?>? Numeric, Func<Profile, string>? Categorical)[] _plan;

    public ModelProfileScorer(string scoreName, TabularModel model, string source, bool allowAttributeFeatures)
    {
        _scoreName = scoreName;
        _model = model;
        ScoreNames = [scoreName];
        var field = $"scoring.{scoreName}";
        var plan = new List<(Source, FeatureInfo, Func<Profile, DateTimeOffset, double?>?, Func<Profile, string>?)>();
        foreach (var f in model.Schema.Features)
        {
            if (ProfileFeatures.Numeric(f.Name) is { } numeric)
            {
                if (f.Kind != FeatureKind.Numeric)
                    throw new EngagementValidationException(field, $"model {source}: feature '{f.Name}' is {f.Kind} in the model, but the SDK computes it from the profile as a number; retrain with it numeric (engagement train --types {f.Name}=numeric).");
                plan.Add((Source.Numeric, f, numeric, null));
            }
            else if (ProfileFeatures.Categorical(f.Name) is { } categorical)
            {
                if (f.Kind != FeatureKind.Categorical)
                    throw new EngagementValidationException(field, $"model {source}: feature '{f.Name}' is {f.Kind} in the model, but the SDK reads it from the profile as a category; retrain with it categorical (engagement train --types {f.Name}=categorical).");
                plan.Add((Source.Categorical, f, null, categorical));
            }
            else plan.Add((Source.Attribute, f, null, null));
        }
        _plan = plan.ToArray();
        FromProfile = _plan.Where(p => p.Source != Source.Attribute).Select(p => p.Feature.Name).ToArray();
        FromAttributes = _plan.Where(p => p.Source == Source.Attribute).Select(p => p.Feature.Name).ToArray();
        if (!allowAttributeFeatures && FromAttributes.Count > 0)
            throw new EngagementValidationException(field, $"model {source} needs features the SDK does not compute from a profile: {string.Join(", ", FromAttributes)}. "
                + $"The SDK computes: {string.Join(", ", ProfileFeatures.Computed.Select(c => c.Name))}. Allow attribute features to read them from profile attributes of the same name.");
        Description = $"{scoreName} from {source} ({model.Algorithm}, {_plan.Length} features): from the profile: {List(FromProfile)}; from attributes (missing when a profile lacks them): {List(FromAttributes)}";
    }

    public IReadOnlyList<string> ScoreNames { get; }

    /// <summary>Model features computed from profile aggregates and fields.</summary>
    public IReadOnlyList<string> FromProfile { get; }

    /// <summary>Model features read from profile attributes of the same name.</summary>
    public IReadOnlyList<string> FromAttributes { get; }

    /// <summary>Where each feature comes from, for the start-up log.</summary>
    public string Description { get; }

    public void Score(Profile profile, DateTimeOffset asOf, IDictionary<string, double> scores)
    {
        var n = _plan.Length;
        Span<float> row = n <= 256 ? stackalloc float[n] : new float[n];
        for (var j = 0; j < n; j++)
        {
            var (source, feature, numeric, categorical) = _plan[j];
            switch (source)
            {
                case Source.Numeric:
                    row[j] = numeric!(profile, asOf) is { } v ? (float)v : float.NaN;
                    break;
                case Source.Categorical:
                    var code = feature.CategoryCode(categorical!(profile));
                    row[j] = code < 0 ? float.NaN : code;
                    break;
                default:
                    try
                    {
                        row[j] = feature.Encode(profile.Attributes.GetValueOrDefault(feature.Name));
                    }
                    catch (MlDataException ex)
                    {
                        throw new EngagementValidationException($"attributes.{feature.Name}", $"user {profile.UserId}: the '{_scoreName}' model cannot read it: {ex.Message}");
                    }
                    break;
            }
        }
        scores[_scoreName] = _model.Predict(row);
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
