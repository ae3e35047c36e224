namespace Engagement.Templating;

/// <summary>
/// Implemented by domain objects that expose members to templates directly, so a render can read
/// <c>profile.name</c> without the caller first copying the object into a dictionary.
/// </summary>
public interface ILiquidObject
{
    /// <summary>Looks up a member. Return false when the member does not exist (it then renders as nil).</summary>
    /// <param name="name">The member name as written in the template.</param>
    /// <param name="value">The member value: null, bool, string, a number, a list, a dictionary or another object.</param>
    bool TryGetMember(string name, out object? value);
}
