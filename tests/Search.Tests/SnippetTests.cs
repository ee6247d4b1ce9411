using NewsPlatform.Search.Querying;

namespace NewsPlatform.Search.Tests;

public sealed class SnippetTests
{
    [Fact]
    public void Only_the_database_marks_become_mark_elements_and_everything_else_is_escaped() =>
        Assert.Equal("&lt;b&gt;Tom &amp; <mark>Jerry</mark>&#39;s&lt;/b&gt; &quot;show&quot;",
            Snippet.ToHtml("\u0004b\u0005Tom & \u0002Jerry\u0003's\u0004/b\u0005 \"show\""));

    [Fact]
    public void An_unclosed_mark_is_closed_and_a_stray_stop_is_dropped() =>
        Assert.Equal("a <mark>b</mark>", Snippet.ToHtml("a \u0003\u0002b"));
}
