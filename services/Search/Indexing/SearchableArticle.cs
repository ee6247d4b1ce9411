namespace NewsPlatform.Search.Indexing;

/// <summary>
/// One published article as the index holds it. <see cref="Version"/> is the Articles stream version
/// it reflects: a copy of an event with an older or equal version changes nothing.
/// </summary>
public sealed class SearchableArticle
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Slug { get; set; } = "";
    public string Headline { get; set; } = "";
    // Never null: the full-text expression concatenates fields, and one null would blank it all.
    public string Summary { get; set; } = "";
    public string BodyText { get; set; } = "";
    public string Section { get; set; } = "";
    public string? Subsection { get; set; }
    public string[] Tags { get; set; } = [];
    public string Byline { get; set; } = "";
    public bool IsPremium { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
