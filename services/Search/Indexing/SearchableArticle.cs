using JasperFx.Events;
using Marten.Events.Aggregation;
using NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Search.Indexing;

/// <summary>
/// One article as the index holds it: a projection of this service's own stream of the article
/// events it received. <see cref="ArticleVersion"/> is the Articles stream version it reflects; a copy
/// with an older or equal version changes nothing, so duplicates and late copies (v2 arriving
/// after v3) leave the newest state in place. Taken-down articles stay, not live, to remember their version.
/// (Not named "Version": Marten writes its own stream version into a member of that name.)
/// </summary>
public sealed class SearchableArticle
{
    public Guid Id { get; set; }
    public long ArticleVersion { get; set; }
    public bool IsLive { get; set; }
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

    public static SearchableArticle? Fold(SearchableArticle? current, object @event) => @event switch
    {
        ArticlePublished e when IsNewer(current, e.Version) => From(e.ArticleId, e.Version, e.Content, e.PublishedAt, e.UpdatedAt),
        ArticleUpdated e when IsNewer(current, e.Version) => From(e.ArticleId, e.Version, e.Content, e.PublishedAt, e.UpdatedAt),
        ArticleUnpublished e when IsNewer(current, e.Version) => Taken(current, e),
        _ => current,
    };

    public static bool IsNewer(SearchableArticle? current, long version) => current is null || version > current.ArticleVersion;

    private static SearchableArticle From(Guid id, long version, ArticleContent content, DateTimeOffset publishedAt, DateTimeOffset? updatedAt) => new()
    {
        Id = id,
        ArticleVersion = version,
        IsLive = true,
        Slug = content.Slug,
        Headline = content.Headline,
        Summary = content.Summary ?? "",
        BodyText = content.BodyText,
        Section = content.Section,
        Subsection = content.Subsection,
        Tags = content.Tags.ToArray(),
        Byline = content.Byline ?? "",
        IsPremium = content.IsPremium,
        PublishedAt = publishedAt,
        UpdatedAt = updatedAt,
    };

    private static SearchableArticle Taken(SearchableArticle? current, ArticleUnpublished e) => current is null
        ? new SearchableArticle { Id = e.ArticleId, ArticleVersion = e.Version, Slug = e.Slug, IsLive = false }
        : Copy(current, e.Version);

    private static SearchableArticle Copy(SearchableArticle current, long version)
    {
        var copy = (SearchableArticle)current.MemberwiseClone();
        copy.ArticleVersion = version;
        copy.IsLive = false;
        return copy;
    }
}

/// <summary>The index, kept inline with the received events (so a search right after indexing sees it), and rebuildable from them.</summary>
public sealed class SearchableArticleProjection : SingleStreamProjection<SearchableArticle, Guid>
{
    public override SearchableArticle? Evolve(SearchableArticle? snapshot, Guid id, IEvent e) => SearchableArticle.Fold(snapshot, e.Data);
}
