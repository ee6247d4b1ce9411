using NewsPlatform.Search.Lucene;

namespace NewsPlatform.Search.Tests.Lucene;

/// <summary>
/// A copy's folder is claimed with an exclusive OS lock while it is open, so another Search process takes the next
/// folder instead of writing into this one (Lucene's own write lock did not keep three replicas apart).
/// </summary>
public sealed class ArticleIndexClaimTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "newsplatform-test-index", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void An_open_copy_holds_its_folder_against_any_other_opener_and_lets_go_when_closed()
    {
        var claim = Path.Combine(_root, "0", "replica.claim");
        using (var copy = ArticleIndex.Open(_root))
        {
            Assert.Equal(Path.Combine(_root, "0"), copy.Location);
            Assert.Throws<IOException>(() => new FileStream(claim, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
            using var second = ArticleIndex.Open(_root);
            Assert.Equal(Path.Combine(_root, "1"), second.Location);
        }
        new FileStream(claim, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose(); // free again
    }
}
