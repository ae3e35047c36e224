namespace Engagement.ML.Learners;

/// <summary>The best split found for a leaf: feature, bin boundary or category set, and missing direction.</summary>
internal sealed class SplitCandidate
{
    public int Feature = -1;
    public double Gain;
    public int Bin;
    public bool DefaultLeft;
    public bool[]? CategoryLeft;

    public bool IsValid => Feature >= 0;

    public bool Better(double gain, int feature) => !IsValid || gain > Gain || (gain == Gain && feature < Feature);
}
