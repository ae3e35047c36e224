namespace Engagement.ML.Marketing;

/// <summary>One customer's calibration-period summary in the BG/NBD convention.</summary>
/// <param name="Id">Customer id.</param>
/// <param name="Frequency">x: repeat transactions (transactions after the first, on distinct time units).</param>
/// <param name="Recency">t_x: time from the first to the last transaction.</param>
/// <param name="Age">T: time from the first transaction to the end of calibration.</param>
/// <param name="MeanRepeatValue">zbar: mean value of the repeat transactions (0 when x = 0).</param>
public sealed record CustomerSummary(string Id, double Frequency, double Recency, double Age, double MeanRepeatValue);
