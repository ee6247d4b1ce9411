using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Tests.Domain;

/// <summary>The rules behind the newsroom desk: galleries, corrections readers see, restored versions, who drafted.</summary>
public sealed class DeskRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    private static ArticleCopy Story(string headline = "Han River ferries return") =>
        new(headline, "A summary", "<p>Ferries sail again.</p>", "national", "society", "Kim Min-ji", ["ferries"], IsPremium: false);

    private static ArticlePhoto Photo(int n, string? caption = null) =>
        new($"/photos/{Guid.NewGuid():N}/1024.jpg", caption ?? $"Caption {n}", "Park Ji-woo", Guid.NewGuid(), 4000, 3000,
            [new PhotoSize(640, 480, $"/photos/p{n}/640.jpg"), new PhotoSize(1024, 768, $"/photos/p{n}/1024.jpg")]);

    private static ArticleCopy Gallery(params ArticlePhoto[] photos) =>
        Story("Autumn on Namsan") with { Section = "photos", Subsection = "photo-news", Kind = ArticleKind.Gallery, Gallery = photos };

    private static Article Apply(Article? state, params ArticleCommand[] commands) =>
        commands.Aggregate(state, (s, c) => ArticleDecider.Decide(c, s).Aggregate(s, ArticleDecider.Evolve))!;

    private static Article Published(ArticleCopy copy) =>
        Apply(null, new DraftArticle(Id, copy, "editor-a", T0), new PublishArticle(Id, "slug", "editor-b", T0.AddHours(1)));

    [Fact]
    public void A_gallery_keeps_its_photos_in_order_with_captions_and_credits()
    {
        var photos = new[] { Photo(1), Photo(2), Photo(3) };
        var article = Apply(null, new DraftArticle(Id, Gallery(photos), "editor-a", T0));

        Assert.Equal(ArticleKind.Gallery, article.Copy.Kind);
        Assert.Equal(["Caption 1", "Caption 2", "Caption 3"], article.Copy.Gallery!.Select(p => p.Caption));
        Assert.All(article.Copy.Gallery!, p => Assert.Equal("Park Ji-woo", p.Credit));
    }

    [Theory]
    [InlineData("", "A section is required.")]
    [InlineData("nowhere", "Unknown section 'nowhere'.")]
    public void A_draft_without_a_section_is_told_to_choose_one_and_a_wrong_one_is_named(string section, string message)
    {
        var rejected = Assert.Throws<ArticleRejected>(() => ArticleDecider.Validate(Story() with { Section = section, Subsection = null }));
        Assert.Equal([message], rejected.FieldErrors["section"]);
    }

    [Fact]
    public void A_gallery_needs_a_photo_and_each_photo_a_usable_address()
    {
        var empty = Assert.Throws<ArticleRejected>(() => ArticleDecider.Validate(Gallery()));
        Assert.Contains("gallery", empty.FieldErrors.Keys);

        var typed = Assert.Throws<ArticleRejected>(() => ArticleDecider.Validate(Gallery(Photo(1), Photo(2) with { Url = "javascript:alert(1)" })));
        Assert.Equal(["gallery[1].url"], typed.FieldErrors.Keys);

        var climbing = Assert.Throws<ArticleRejected>(() => ArticleDecider.Validate(Gallery(Photo(1) with { Url = "/photos/../admin" })));
        Assert.Contains("gallery[0].url", climbing.FieldErrors.Keys);
    }

    [Fact]
    public void A_story_keeps_no_gallery_so_switching_back_leaves_no_hidden_photos()
    {
        var story = ArticleDecider.Validate(Gallery(Photo(1)) with { Kind = ArticleKind.Story });
        Assert.Null(story.Gallery);
    }

    [Fact]
    public void Reordering_a_gallery_is_a_change_and_saving_the_same_photos_again_is_none()
    {
        var (first, second) = (Photo(1), Photo(2));
        var draft = Apply(null, new DraftArticle(Id, Gallery(first, second), "editor-a", T0));

        // The same photos in new list instances compare by content, not by reference.
        var same = Gallery(first with { Sizes = [.. first.Sizes!] }, second);
        Assert.Empty(ArticleDecider.Decide(new ReviseArticle(Id, same, "editor-a", T0.AddMinutes(1)), draft));

        var reordered = ArticleDecider.Decide(new ReviseArticle(Id, Gallery(second, first), "editor-a", T0.AddMinutes(1)), draft);
        Assert.IsType<ArticleRevised>(Assert.Single(reordered));
    }

    [Fact]
    public void Corrections_with_a_note_accumulate_for_readers_and_one_without_a_note_only_updates()
    {
        var article = Apply(Published(Story()),
            new CorrectArticle(Id, Story("Han River ferries return on Friday"), "An earlier version gave the wrong day.", "editor-b", T0.AddHours(2)),
            new CorrectArticle(Id, Story("Han River ferries return on Friday, June 5"), null, "editor-b", T0.AddHours(3)),
            new CorrectArticle(Id, Story("Han River ferries return on Friday, June 6"), "  The date was wrong.  ", "editor-c", T0.AddHours(4)));

        Assert.Equal(
            [new PublishedCorrection("An earlier version gave the wrong day.", T0.AddHours(2)), new PublishedCorrection("The date was wrong.", T0.AddHours(4))],
            article.Corrections);
        Assert.Equal(T0.AddHours(4), article.UpdatedAt);
    }

    [Fact]
    public void A_restore_names_the_version_it_brought_back()
    {
        var draft = Apply(null, new DraftArticle(Id, Story(), "editor-a", T0),
            new ReviseArticle(Id, Story("Second headline"), "editor-a", T0.AddMinutes(1)));

        var restored = ArticleDecider.Decide(new ReviseArticle(Id, Story(), "editor-b", T0.AddMinutes(2), RestoredFrom: 1), draft);
        Assert.Equal(1, Assert.IsType<ArticleRevised>(Assert.Single(restored)).RestoredFrom);

        var live = Published(Story());
        var corrected = ArticleDecider.Decide(new CorrectArticle(Id, Story("Back"), "Restored.", "editor-b", T0.AddHours(2), RestoredFrom: 1), live);
        Assert.Equal(1, Assert.IsType<ArticleCorrected>(Assert.Single(corrected)).RestoredFrom);
    }

    [Fact]
    public void The_state_remembers_who_drafted_the_article_whoever_changes_it_later()
    {
        var article = Published(Story());
        Assert.Equal("editor-a", article.CreatedBy);
        Assert.Equal("editor-b", article.LastChangedBy);
    }

    [Fact]
    public void Uploaded_photos_are_placed_by_their_site_address()
    {
        var copy = ArticleDecider.Validate(Story() with { LeadPhoto = Photo(1, "  A ferry at dusk  ") });
        Assert.StartsWith("/photos/", copy.LeadPhoto!.Url);
        Assert.Equal("A ferry at dusk", copy.LeadPhoto.Caption);
    }
}
