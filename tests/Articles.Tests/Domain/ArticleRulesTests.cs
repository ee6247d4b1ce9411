using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Tests.Domain;

/// <summary>Every newsroom rule, as pure code: Decide(command, state) → events; Evolve folds them.</summary>
public sealed class ArticleRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    private static ArticleCopy Copy(string headline = "Seoul opens riverside park") =>
        new(headline, "A summary", "<p>The park opens today.</p>", "national", "society", "Kim Min-ji", ["parks"], IsPremium: false);

    private static Article Apply(Article? state, params ArticleCommand[] commands) =>
        commands.Aggregate(state, (s, c) => ArticleDecider.Decide(c, s).Aggregate(s, ArticleDecider.Evolve))!;

    private static Article Draft() => Apply(null, new DraftArticle(Id, Copy(), "desk", T0));
    private static Article Published() => Apply(Draft(), new PublishArticle(Id, "seoul-opens-riverside-park", "desk", T0.AddHours(1)));
    private static Article Unpublished() => Apply(Published(), new UnpublishArticle(Id, "legal", "desk", T0.AddHours(2)));
    private static Article Scheduled() => Apply(Draft(), new ScheduleArticle(Id, T0.AddDays(1), "desk", T0));

    private static ArticleRejected Refused(ArticleCommand command, Article? state) =>
        Assert.Throws<ArticleRejected>(() => ArticleDecider.Decide(command, state));

    [Fact]
    public void A_draft_can_be_revised_any_number_of_times()
    {
        var article = Apply(Draft(),
            new ReviseArticle(Id, Copy("Second headline"), "a", T0.AddMinutes(1)),
            new ReviseArticle(Id, Copy("Third headline"), "b", T0.AddMinutes(2)));

        Assert.Equal("Third headline", article.Copy.Headline);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal("b", article.LastChangedBy);
        Assert.Null(article.UpdatedAt);
    }

    [Fact]
    public void Saving_the_same_copy_again_records_nothing() =>
        Assert.Empty(ArticleDecider.Decide(new ReviseArticle(Id, Copy(), "desk", T0), Draft()));

    [Fact]
    public void A_draft_cannot_be_corrected() =>
        Assert.Equal("not-published", Refused(new CorrectArticle(Id, Copy("Fixed"), null, "desk", T0), Draft()).Rule);

    [Fact]
    public void A_live_article_is_corrected_not_revised() =>
        Assert.Equal("article-is-live", Refused(new ReviseArticle(Id, Copy("Changed"), "desk", T0), Published()).Rule);

    [Fact]
    public void A_correction_sets_updated_at_and_keeps_the_slug_and_first_publication_time()
    {
        var corrected = Apply(Published(), new CorrectArticle(Id, Copy("A completely new headline"), "Wrong date", "desk", T0.AddHours(5)));

        Assert.Equal("seoul-opens-riverside-park", corrected.Slug);
        Assert.Equal(T0.AddHours(1), corrected.PublishedAt);
        Assert.Equal(T0.AddHours(5), corrected.UpdatedAt);
        Assert.Equal("A completely new headline", corrected.Copy.Headline);
    }

    [Fact]
    public void A_published_article_cannot_be_published_again() =>
        Assert.Equal("already-published", Refused(new PublishArticle(Id, "x", "desk", T0), Published()).Rule);

    [Fact]
    public void An_unpublished_article_can_be_republished_under_its_old_slug()
    {
        var republished = Apply(Unpublished(), new PublishArticle(Id, "some-other-slug", "desk", T0.AddHours(3)));

        Assert.Equal(ArticleStatus.Published, republished.Status);
        Assert.Equal("seoul-opens-riverside-park", republished.Slug);
        Assert.Equal(T0.AddHours(1), republished.PublishedAt);
        Assert.Equal(T0.AddHours(3), republished.UpdatedAt);
    }

    [Fact]
    public void Only_a_published_article_can_be_unpublished()
    {
        Assert.Equal("not-published", Refused(new UnpublishArticle(Id, null, "desk", T0), Draft()).Rule);
        Assert.Equal("not-published", Refused(new UnpublishArticle(Id, null, "desk", T0), Unpublished()).Rule);
        Assert.Equal(ArticleStatus.Unpublished, Unpublished().Status);
    }

    [Fact]
    public void A_schedule_must_lie_in_the_future()
    {
        var rejected = Refused(new ScheduleArticle(Id, T0, "desk", T0), Draft());
        Assert.Contains("publishAt", rejected.FieldErrors.Keys);
        Assert.Throws<ArticleRejected>(() => ArticleDecider.Decide(new ScheduleArticle(Id, T0.AddMinutes(-1), "desk", T0), Draft()));
    }

    [Fact]
    public void A_scheduled_article_records_its_time_and_a_cancelled_schedule_returns_it_to_draft()
    {
        var scheduled = Scheduled();
        Assert.Equal(ArticleStatus.Scheduled, scheduled.Status);
        Assert.Equal(T0.AddDays(1), scheduled.ScheduledFor);

        var cancelled = Apply(scheduled, new CancelSchedule(Id, "desk", T0.AddMinutes(5)));
        Assert.Equal(ArticleStatus.Draft, cancelled.Status);
        Assert.Null(cancelled.ScheduledFor);
    }

    [Fact]
    public void Only_a_scheduled_article_has_a_schedule_to_cancel() =>
        Assert.Equal("not-scheduled", Refused(new CancelSchedule(Id, "desk", T0), Draft()).Rule);

    [Fact]
    public void A_published_article_cannot_be_scheduled() =>
        Assert.Equal("already-published", Refused(new ScheduleArticle(Id, T0.AddDays(1), "desk", T0), Published()).Rule);

    [Fact]
    public void A_scheduled_article_can_still_be_revised_and_then_publishes_clearing_its_schedule()
    {
        var revised = Apply(Scheduled(), new ReviseArticle(Id, Copy("Revised while scheduled"), "desk", T0.AddMinutes(1)));
        Assert.Equal(ArticleStatus.Scheduled, revised.Status);

        var published = Apply(revised, new PublishArticle(Id, "revised-while-scheduled", "scheduler", T0.AddDays(1)));
        Assert.Equal(ArticleStatus.Published, published.Status);
        Assert.Null(published.ScheduledFor);
    }

    [Fact]
    public void Nothing_but_a_draft_can_start_a_stream()
    {
        Assert.Equal("already-exists", Refused(new DraftArticle(Id, Copy(), "desk", T0), Draft()).Rule);
        Assert.Equal("not-drafted", Refused(new PublishArticle(Id, "x", "desk", T0), null).Rule);
    }

    [Theory]
    [InlineData("body", "")]
    [InlineData("body", "<p>  </p>")]
    [InlineData("section", "no-such-section")]
    public void Copy_with_a_missing_body_or_unknown_section_is_refused(string field, string value)
    {
        var copy = field == "body" ? Copy() with { Body = value } : Copy() with { Section = value, Subsection = null };
        Assert.Contains(field, Refused(new DraftArticle(Id, copy, "desk", T0), null).FieldErrors.Keys);
    }

    [Fact]
    public void A_body_over_200_KB_is_refused_and_200_KB_is_fine()
    {
        var limit = "<p>" + new string('a', ArticleDecider.MaxBodyBytes - 7) + "</p>";
        Assert.Single(ArticleDecider.Decide(new DraftArticle(Id, Copy() with { Body = limit }, "desk", T0), null));
        Assert.Contains("body", Refused(new DraftArticle(Id, Copy() with { Body = limit + "a" }, "desk", T0), null).FieldErrors.Keys);
    }

    [Fact]
    public void A_subsection_alone_without_a_known_section_is_refused_and_one_of_its_section_is_accepted()
    {
        Assert.Single(ArticleDecider.Decide(new DraftArticle(Id, Copy() with { Section = "entertainment-arts", Subsection = "k-pop" }, "desk", T0), null));
        Assert.Contains("subsection", Refused(new DraftArticle(Id, Copy() with { Section = "finance", Subsection = "k-pop" }, "desk", T0), null).FieldErrors.Keys);
    }

    [Fact]
    public void Tags_are_trimmed_and_deduplicated_and_too_many_are_refused()
    {
        var drafted = Apply(null, new DraftArticle(Id, Copy() with { Tags = [" Parks ", "parks", "", "Seoul"] }, "desk", T0));
        Assert.Equal(["Parks", "Seoul"], drafted.Copy.Tags);

        var many = Enumerable.Range(0, 21).Select(i => $"tag{i}").ToArray();
        Assert.Contains("tags", Refused(new DraftArticle(Id, Copy() with { Tags = many }, "desk", T0), null).FieldErrors.Keys);
    }

    [Fact]
    public void A_lead_photo_needs_a_web_address()
    {
        var bad = Copy() with { LeadPhoto = new ArticlePhoto("javascript:alert(1)", "Caption", "Credit") };
        Assert.Contains("leadPhoto.url", Refused(new DraftArticle(Id, bad, "desk", T0), null).FieldErrors.Keys);
    }

    [Fact]
    public void Every_event_records_who_and_when()
    {
        var events = new List<object>();
        Article? state = null;
        foreach (var command in new ArticleCommand[]
                 {
                     new DraftArticle(Id, Copy(), "ann", T0),
                     new ReviseArticle(Id, Copy("Next"), "bob", T0.AddMinutes(1)),
                     new PublishArticle(Id, "next", "cat", T0.AddMinutes(2)),
                     new CorrectArticle(Id, Copy("Fixed"), "typo", "dan", T0.AddMinutes(3)),
                     new UnpublishArticle(Id, null, "eve", T0.AddMinutes(4)),
                 })
        {
            var decided = ArticleDecider.Decide(command, state);
            events.AddRange(decided);
            state = decided.Aggregate(state, ArticleDecider.Evolve);
        }

        var stamps = events.Select(e => ((string)((dynamic)e).By, (DateTimeOffset)((dynamic)e).At)).ToList();
        Assert.Equal([("ann", T0), ("bob", T0.AddMinutes(1)), ("cat", T0.AddMinutes(2)), ("dan", T0.AddMinutes(3)), ("eve", T0.AddMinutes(4))], stamps);
    }
}
