namespace NewsPlatform.Search.Querying;

/// <summary>Words as readers type them: lower-case letters and digits, for suggestions and spelling.</summary>
public static partial class Vocabulary
{
    public static IEnumerable<string> Words(string? text) =>
        WordPattern().Matches(text ?? "").Select(m => m.Value.ToLowerInvariant());

    /// <summary>The text with each word swapped for its replacement, where there is one.</summary>
    public static string Replace(string text, Func<string, string?> replacement) =>
        WordPattern().Replace(text, m => replacement(m.Value.ToLowerInvariant()) ?? m.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{Mn}\p{N}]*")]
    private static partial System.Text.RegularExpressions.Regex WordPattern();
}
