using NewsPlatform.Search.Lucene;

namespace NewsPlatform.Search.Tests.Lucene;

/// <summary>The excerpt under a result, cut from the text around the matched words.</summary>
public sealed class TextSnippetTests
{
    private static readonly global::Lucene.Net.Analysis.Analyzer Analyzer = ArticleIndex.CreateAnalyzer();

    private static string Snippet(string text, params string[] typed) =>
        TextSnippet.Build(text, WebSearchQuery.Parse(string.Join(' ', typed), Analyzer).Terms, Analyzer);

    [Fact]
    public void Other_forms_of_a_matched_word_are_marked_and_the_rest_escaped()
    {
        var snippet = Snippet("Rivers <b>flooding</b> the villages & farms.", "flooded");
        Assert.Equal("Rivers &lt;b&gt;<mark>flooding</mark>&lt;/b&gt; the villages &amp; farms.", snippet);
    }

    [Fact]
    public void Far_apart_matches_get_two_passages_around_them()
    {
        var filler = string.Join(' ', Enumerable.Repeat("lorem", 120));
        var snippet = Snippet($"The harbour opened. {filler} Later the lighthouse shone. {filler}", "harbour", "lighthouse");
        Assert.Contains(" … ", snippet);
        Assert.Contains("<mark>harbour</mark>", snippet);
        Assert.Contains("<mark>lighthouse</mark>", snippet);
        Assert.True(snippet.Length < 500, snippet);
    }

    [Fact]
    public void Without_a_match_in_the_text_the_opening_is_shown()
    {
        var text = "Opening words of the story. " + string.Join(' ', Enumerable.Repeat("more", 200));
        var snippet = Snippet(text, "absent");
        Assert.StartsWith("Opening words of the story.", snippet);
        Assert.DoesNotContain("<mark>", snippet);
        Assert.True(snippet.Length <= 170, snippet);
    }
}
