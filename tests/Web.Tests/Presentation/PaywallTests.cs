using Bunit;
using Microsoft.AspNetCore.Components;
using NewsPlatform.Web.Presentation;
using NewsPlatform.Web.Reading;

namespace NewsPlatform.Web.Tests.Presentation;

/// <summary>The Articles service decides what a reader may read; the page puts the words and the call to action around it.</summary>
public sealed class PaywallTests : BunitContext
{
    [Theory]
    [InlineData(false, false, false, PaywallView.WholeBody)]
    [InlineData(false, false, true, PaywallView.WholeBody)]
    [InlineData(true, false, true, PaywallView.WholeBody)] // a subscriber
    [InlineData(true, true, false, PaywallView.TeaserAskToSubscribeOrLogIn)]
    [InlineData(true, true, true, PaywallView.TeaserAskToSubscribe)]
    public void The_view_follows_what_the_service_answered(bool premium, bool locked, bool loggedIn, PaywallView view) =>
        Assert.Equal(view, Paywall.For(Articles.Detail(premium, locked), loggedIn));

    [Fact]
    public void A_locked_article_shows_the_teaser_then_subscribe_and_log_in_with_the_way_back()
    {
        var page = Render<ArticleBody>(p => p
            .Add(b => b.Article, Articles.Detail(premium: true, locked: true))
            .Add(b => b.View, PaywallView.TeaserAskToSubscribeOrLogIn)
            .Add(b => b.ReturnUrl, "/articles/han-river-ferry-trial-begins"));

        Assert.Equal("First paragraph for everyone.", page.Find(".paywalled p").TextContent);
        Assert.Single(page.FindAll(".paywalled p"));
        Assert.Equal("/subscribe?returnUrl=%2Farticles%2Fhan-river-ferry-trial-begins", page.Find(".paywall a.button").GetAttribute("href"));
        Assert.Equal("/login?returnUrl=%2Farticles%2Fhan-river-ferry-trial-begins", page.Find(".paywall a:not(.button)").GetAttribute("href"));
    }

    [Fact]
    public void A_logged_in_reader_without_an_entitlement_is_asked_only_to_subscribe()
    {
        var page = Render<ArticleBody>(p => p
            .Add(b => b.Article, Articles.Detail(premium: true, locked: true))
            .Add(b => b.View, PaywallView.TeaserAskToSubscribe));
        Assert.Single(page.FindAll(".paywall a"));
        Assert.DoesNotContain("Log in", page.Markup);
    }

    [Fact]
    public void A_subscriber_reads_the_whole_body_in_the_paywalled_part_and_a_corrected_article_says_it_was_updated()
    {
        var page = Render<ArticleBody>(p => p
            .Add(b => b.Article, Articles.Detail(premium: true, updated: DateTimeOffset.UtcNow))
            .Add(b => b.View, PaywallView.WholeBody));
        Assert.Equal(2, page.FindAll(".paywalled p").Count);
        Assert.Empty(page.FindAll(".paywall"));
        Assert.Contains("updated after it was first published", page.Find(".update-note").TextContent);
    }

    [Fact]
    public void A_free_article_has_no_paywalled_part()
    {
        var page = Render<ArticleBody>(p => p.Add(b => b.Article, Articles.Detail()).Add(b => b.View, PaywallView.WholeBody));
        Assert.Empty(page.FindAll(".paywalled"));
        Assert.Empty(page.FindAll(".update-note"));
    }
}
