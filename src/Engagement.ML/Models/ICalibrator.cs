namespace Engagement.ML.Models;

/// <summary>Maps a learner's log-odds margin to a calibrated probability.</summary>
internal interface ICalibrator
{
    /// <summary>The method it implements.</summary>
    CalibrationMethod Method { get; }

    /// <summary>The calibrated probability for <paramref name="margin"/>.</summary>
    double Apply(double margin);
}
