using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Tests.Domain;

/// <summary>The publish decision as pure code: no database, no clock.</summary>
public sealed class PublishDecisionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    private static ArticleCopy Copy(string headline = "Seoul opens riverside park", string body = "<p>The park opens today.</p>") =>
        new(headline, "A summary", body, "national", "society", "Kim Min-ji", ["parks"], IsPremium: false);

    private static Article Drafted(ArticleCopy? copy = null) =>
        ArticleDecider.Fold(ArticleDecider.Decide(new DraftArticle(Id, copy ?? Copy(), "desk", Noon), null))!;

    [Fact]
    public void A_draft_can_be_published()
    {
        var events = ArticleDecider.Decide(new PublishArticle(Id, "seoul-opens-riverside-park", "editor-1", Noon), Drafted());

        var published = Assert.IsType<ArticlePublished>(Assert.Single(events));
        Assert.Equal("seoul-opens-riverside-park", published.Slug);
        Assert.Equal("editor-1", published.By);
        Assert.Equal(Noon, published.At);
    }

    [Fact]
    public void Publishing_makes_the_article_published_at_that_time()
    {
        var article = Drafted();
        var after = ArticleDecider.Fold(
            ArticleDecider.Decide(new DraftArticle(Id, Copy(), "desk", Noon), null)
                .Concat(ArticleDecider.Decide(new PublishArticle(Id, "slug", "desk", Noon.AddHours(1)), article)))!;

        Assert.Equal(ArticleStatus.Published, after.Status);
        Assert.Equal("slug", after.Slug);
        Assert.Equal(Noon.AddHours(1), after.PublishedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_headline_cannot_be_drafted(string headline)
    {
        var rejected = Assert.Throws<ArticleRejected>(() =>
            ArticleDecider.Decide(new DraftArticle(Id, Copy(headline: headline), "desk", Noon), null));

        Assert.Equal(RejectionKind.Invalid, rejected.Kind);
        Assert.Contains("headline", rejected.FieldErrors.Keys);
    }

    [Fact]
    public void An_article_with_an_empty_headline_cannot_be_published()
    {
        // A draft saved before the rule existed, folded from history rather than decided now.
        var legacy = ArticleDecider.Evolve(null, new ArticleDrafted(Id, Copy(headline: ""), "desk", Noon))!;

        var rejected = Assert.Throws<ArticleRejected>(() =>
            ArticleDecider.Decide(new PublishArticle(Id, "slug", "desk", Noon), legacy));

        Assert.Contains("headline", rejected.FieldErrors.Keys);
    }

    [Fact]
    public void A_published_article_cannot_be_published_again()
    {
        var published = ArticleDecider.Evolve(Drafted(), new ArticlePublished(Id, "slug", "desk", Noon))!;

        var rejected = Assert.Throws<ArticleRejected>(() =>
            ArticleDecider.Decide(new PublishArticle(Id, "slug", "desk", Noon), published));

        Assert.Equal(RejectionKind.Conflict, rejected.Kind);
        Assert.Equal("already-published", rejected.Rule);
    }

    [Fact]
    public void A_headline_longer_than_200_characters_is_refused_but_200_is_fine()
    {
        Assert.Single(ArticleDecider.Decide(new DraftArticle(Id, Copy(headline: new string('a', 200)), "desk", Noon), null));
        Assert.Throws<ArticleRejected>(() =>
            ArticleDecider.Decide(new DraftArticle(Id, Copy(headline: new string('a', 201)), "desk", Noon), null));
    }

    [Fact]
    public void A_subsection_must_belong_to_its_section()
    {
        var rejected = Assert.Throws<ArticleRejected>(() => ArticleDecider.Decide(
            new DraftArticle(Id, Copy() with { Section = "sports", Subsection = "k-pop" }, "desk", Noon), null));

        Assert.Contains("subsection", rejected.FieldErrors.Keys);
    }

    [Theory]
    [InlineData("Seoul's mayor opens a new park", "seouls-mayor-opens-a-new-park")]
    [InlineData("  K-pop: BTS returns!  ", "k-pop-bts-returns")]
    [InlineData("Café culture in Itaewon", "cafe-culture-in-itaewon")]
    [InlineData("Environment & Animals", "environment-animals")]
    public void Slugs_are_lower_case_words_joined_by_dashes(string text, string slug) =>
        Assert.Equal(slug, Slugs.FromText(text));
}
