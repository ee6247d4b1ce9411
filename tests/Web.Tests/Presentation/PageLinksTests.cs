using NewsPlatform.Web.Presentation;

namespace NewsPlatform.Web.Tests.Presentation;

public sealed class PageLinksTests
{
    [Fact]
    public void The_first_page_has_one_address_without_a_page_parameter_and_no_previous()
    {
        var links = PageLinks.For("/national", [], 1, 20, 95);
        Assert.Null(links.Previous);
        Assert.Equal("/national?page=2", links.Next);
        Assert.Equal(5, links.LastPage);
        Assert.Equal(["/national", "/national?page=2", "/national?page=3"], links.Numbered.Select(l => l.Href));
        Assert.True(links.Numbered[0].Current);
    }

    [Fact]
    public void A_middle_page_links_both_ways_with_a_window_around_it_and_keeps_the_other_parameters()
    {
        var links = PageLinks.For("/search", [("q", "han river & ferry"), ("section", null), ("sort", "newest"), ("page", "4")], 4, 10, 100);
        Assert.Equal("/search?q=han%20river%20%26%20ferry&sort=newest&page=3", links.Previous);
        Assert.Equal("/search?q=han%20river%20%26%20ferry&sort=newest&page=5", links.Next);
        Assert.Equal([2, 3, 4, 5, 6], links.Numbered.Select(l => l.Page));
        Assert.Equal("/search?q=han%20river%20%26%20ferry&sort=newest", PageLinks.For("/search", [("q", "han river & ferry"), ("sort", "newest")], 2, 10, 100).Previous);
    }

    [Fact]
    public void The_last_page_has_no_next_and_a_cap_on_pages_holds()
    {
        var last = PageLinks.For("/business", [], 3, 20, 60);
        Assert.Null(last.Next);
        Assert.Equal("/business?page=2", last.Previous);

        var capped = PageLinks.For("/search", [("q", "a")], 100, 10, 50_000, maxPage: 100);
        Assert.Equal(100, capped.LastPage);
        Assert.Null(capped.Next);
    }

    [Fact]
    public void Nothing_to_page_is_one_page()
    {
        var links = PageLinks.For("/sports", [], 1, 20, 0);
        Assert.Equal(1, links.LastPage);
        Assert.Null(links.Previous);
        Assert.Null(links.Next);
    }
}
