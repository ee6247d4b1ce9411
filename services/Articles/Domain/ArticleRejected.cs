namespace NewsPlatform.Articles.Domain;

public enum RejectionKind
{
    /// <summary>The command itself is malformed (400, with the failing fields).</summary>
    Invalid,
    /// <summary>The command is well formed but the article's state forbids it (409).</summary>
    Conflict,
}

/// <summary>A newsroom rule refused a command. The endpoint turns it into problem details.</summary>
public sealed class ArticleRejected(RejectionKind kind, string rule, string detail,
    IReadOnlyDictionary<string, string[]>? fieldErrors = null) : Exception(detail)
{
    public RejectionKind Kind { get; } = kind;

    /// <summary>A stable name of the broken rule, e.g. <c>already-published</c>.</summary>
    public string Rule { get; } = rule;

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; } =
        fieldErrors ?? new Dictionary<string, string[]>();

    public static ArticleRejected Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(RejectionKind.Invalid, "invalid-article", "The article has invalid fields.", errors);

    public static ArticleRejected Conflict(string rule, string detail) => new(RejectionKind.Conflict, rule, detail);
}
