using NewsPlatform.Web.Presentation;

namespace NewsPlatform.Web.Tests.Presentation;

/// <summary>Search excerpts reach the page with the search service's marks and nothing else that is markup.</summary>
public sealed class HighlightTests
{
    [Theory]
    [InlineData("Ferry <mark>trial</mark> begins", "Ferry <mark>trial</mark> begins")]
    [InlineData("Tom &amp; Jerry <mark>ferry</mark>", "Tom &amp; Jerry <mark>ferry</mark>")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("<mark onclick=\"steal()\">x</mark>", "&lt;mark onclick=&quot;steal()&quot;&gt;x")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("a <mark>b", "a <mark>b</mark>")]
    [InlineData("a </mark>b <mark><mark>c</mark>", "a b <mark>c</mark>")]
    [InlineData("&amp;lt;b&amp;gt;", "&amp;lt;b&amp;gt;")]
    [InlineData("", "")]
    public void Only_balanced_marks_stand_and_everything_else_is_text(string snippet, string html) =>
        Assert.Equal(html, Highlight.ToSafeHtml(snippet));
}
