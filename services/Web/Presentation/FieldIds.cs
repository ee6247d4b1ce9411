namespace NewsPlatform.Web.Presentation;

/// <summary>
/// The ids a field's hint and error take (<c>{id}-hint</c>, <c>{id}-error</c>), and what the field's
/// <c>aria-describedby</c> names of them: screen readers read both with the field.
/// </summary>
public static class FieldIds
{
    public static string? DescribedBy(string id, bool hint, string? error) =>
        (hint, error is not null) switch
        {
            (false, false) => null,
            (true, false) => $"{id}-hint",
            (false, true) => $"{id}-error",
            (true, true) => $"{id}-hint {id}-error",
        };

    public static string? Invalid(string? error) => error is null ? null : "true";
}
