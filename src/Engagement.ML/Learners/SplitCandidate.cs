namespace Engagement.ML.Learners;

/// <summary>The best split found for a leaf: feature, bin boundary or category set, and missing direction.</summary>
internal struct SplitCandidate
{
    public SplitCandidate() { }

    public int Feature = -1;
    public double Gain;
    public int Bin;
    public bool DefaultLeft;
    public bool[]? CategoryLeft;

    public readonly bool IsValid => Feature >= 0;

    public readonly bool Better(double gain, int feature) => !IsValid || gain > Gain || (gain == Gain && feature < Feature);

    public void Set(int feature, double gain, int bin, bool defaultLeft)
    {
        Feature = feature;
        Gain = gain;
        Bin = bin;
        DefaultLeft = defaultLeft;
    }
}
