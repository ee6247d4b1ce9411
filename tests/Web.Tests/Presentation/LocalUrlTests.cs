using NewsPlatform.Web.Presentation;

namespace NewsPlatform.Web.Tests.Presentation;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/articles/a-story", true)]
    [InlineData("/search?q=a%20b", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("articles/relative", false)]
    [InlineData("/a\r\nSet-Cookie: x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Forms_send_readers_back_only_to_this_site(string? url, bool local)
    {
        Assert.Equal(local, LocalUrl.IsLocal(url));
        Assert.Equal(local ? url : "/", LocalUrl.OrHome(url));
    }
}
