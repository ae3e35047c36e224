using System.Globalization;
using Engagement.ML.Marketing;

namespace Engagement.Cli.Commands;

/// <summary><c>clv fit</c>: fits BG/NBD (and Gamma-Gamma when spend is known); the last line is <c>r=… alpha=… a=… b=… ll=…</c>.</summary>
internal static class ClvCommand
{
    public static int Run(CliArgs a)
    {
        if (a.Positional.Count != 1 || a.Positional[0] != "fit") throw new CliUsageException("usage: clv fit --summary F.csv | --transactions F ...");
        IReadOnlyList<CustomerSummary> customers;
        var summary = a.Optional("summary");
        if (summary is not null)
        {
            a.EnsureAllUsed();
            customers = TransactionLog.ReadSummary(summary);
        }
        else
        {
            var tx = a.Optional("transactions") ?? throw new CliUsageException("give --summary F.csv or --transactions F");
            var c = a.Required("customer-col");
            var d = a.Required("date-col");
            var amt = a.Required("amount-col");
            var endText = a.Required("calibration-end");
            a.EnsureAllUsed();
            if (!DateOnly.TryParseExact(endText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
                throw new CliUsageException($"--calibration-end must be YYYY-MM-DD, got '{endText}'");
            customers = TransactionLog.Summarize(TransactionLog.Read(tx, c, d, amt), end);
            if (customers.Count == 0) throw new CliUsageException($"no transactions on or before {endText}");
        }
        a.Out.WriteLine($"customers={customers.Count} repeat_buyers={customers.Count(x => x.Frequency > 0)}");
        if (customers.Count(x => x.Frequency > 0 && x.MeanRepeatValue > 0) >= 3)
        {
            var gg = GammaGammaModel.Fit(customers);
            a.Out.WriteLine($"gamma_gamma p={gg.P.ToString("F4", CultureInfo.InvariantCulture)} q={gg.Q.ToString("F4", CultureInfo.InvariantCulture)} gamma={gg.Gamma.ToString("F4", CultureInfo.InvariantCulture)} ll={gg.LogLikelihood.ToString("F1", CultureInfo.InvariantCulture)}");
        }
        var m = BgNbdModel.Fit(customers);
        a.Out.WriteLine($"r={m.R.ToString("F4", CultureInfo.InvariantCulture)} alpha={m.Alpha.ToString("F4", CultureInfo.InvariantCulture)} a={m.A.ToString("F4", CultureInfo.InvariantCulture)} b={m.B.ToString("F4", CultureInfo.InvariantCulture)} ll={m.LogLikelihood.ToString("F2", CultureInfo.InvariantCulture)}");
        return 0;
    }
}
