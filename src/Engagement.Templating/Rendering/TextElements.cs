namespace Engagement.Templating.Rendering;

/// <summary>Character helpers that never split a surrogate pair (Ruby strings count code points).</summary>
internal static class TextElements
{
    public static string[] Chars(string s)
    {
        var list = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                list.Add(s.Substring(i, 2));
                i++;
            }
            else list.Add(s[i].ToString());
        }
        return list.ToArray();
    }
}
