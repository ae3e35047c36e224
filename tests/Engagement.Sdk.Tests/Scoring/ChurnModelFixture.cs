using System.Globalization;
using System.Text;
using Engagement.ML.Data;
using Engagement.ML.Learners;
using Engagement.ML.Models;
using Engagement.Profiles;
using Engagement.Scoring;
using Engagement.Sdk.Tests.Engine;

namespace Engagement.Sdk.Tests.Scoring;

/// <summary>
/// Model files trained the way a data scientist would: profiles exported with
/// <see cref="ProfileFeatures.Compute"/> plus a <c>plan</c> attribute, churn labelled from recency
/// (more than 60 days since the last order, with noise), written as CSV and trained with defaults.
/// </summary>
internal static class ChurnModelFixture
{
    public static readonly DateTimeOffset AsOf = EngineHarness.Start;

    public static Profile RandomProfile(Random rng, string id)
    {
        var p = EngineHarness.Profile(id);
        var orders = rng.Next(0, 12);
        var first = AsOf.AddDays(-rng.Next(30, 400));
        p.Aggregates.FirstSeenAt = first;
        p.Aggregates.OrderCount = orders;
        p.Aggregates.TotalSpent = orders * rng.Next(10, 200);
        p.Aggregates.LastOrderAt = orders > 0 ? AsOf.AddDays(-rng.Next(0, 180)) : null;
        p.Aggregates.LastSeenAt = AsOf.AddDays(-rng.Next(0, 30));
        p.Aggregates.LinkClicks = rng.Next(0, 5);
        p.Aggregates.EventCount = orders * 3 + rng.Next(1, 20);
        p.Tier = rng.Next(5) == 0 ? "vip" : "regular";
        p.Attributes["plan"] = rng.Next(3) switch { 0 => "basic", 1 => "plus", _ => "pro" };
        return p;
    }

    public static bool Churned(Random rng, Profile p)
    {
        var days = p.Aggregates.LastOrderAt is { } t ? (AsOf - t).TotalDays : 365;
        var logit = (days - 60) / 15.0 + (p.Attributes["plan"] == "basic" ? 0.5 : 0);
        return rng.NextDouble() < 1 / (1 + Math.Exp(-logit));
    }

    /// <summary>Writes a model file; <paramref name="configure"/> can change how the CSV is read.</summary>
    public static string Train(string path, Action<TabularOptions>? configure = null, string? extraColumn = null)
    {
        var rng = new Random(7);
        var names = ProfileFeatures.Computed.Select(c => c.Name).Append("plan").ToList();
        if (extraColumn is not null) names.Add(extraColumn);
        var csv = new StringBuilder(string.Join(",", names) + ",churn\n");
        for (var i = 0; i < 1500; i++)
        {
            var p = RandomProfile(rng, "t" + i);
            var row = ProfileFeatures.Compute(p, AsOf);
            var cells = names.Select(n => n == "plan" ? p.Attributes["plan"] : n == extraColumn ? rng.Next(18, 80).ToString(CultureInfo.InvariantCulture) : row[n] ?? "");
            csv.Append(string.Join(",", cells)).Append(',').Append(Churned(rng, p) ? "yes" : "no").Append('\n');
        }
        var csvPath = path + ".csv";
        File.WriteAllText(csvPath, csv.ToString());
        var options = new TabularOptions { LabelColumn = "churn", PositiveValue = "yes" };
        configure?.Invoke(options);
        var data = TabularLoader.LoadForTraining(csvPath, options);
        ModelTrainer.Train(data, Algorithm.Gbdt, new GbdtOptions { NumTrees = 80, Threads = 1 }).Save(path);
        File.Delete(csvPath);
        return path;
    }
}
