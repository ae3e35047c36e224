namespace Engagement.ML.Models;

/// <summary>A model file that cannot be used: not a model file, a different format version, corrupt, or not matching the data.</summary>
public sealed class ModelFileException(string message) : Exception(message);
