using Lucene.Net.Search;
using NewsPlatform.Search.Lucene;

namespace NewsPlatform.Search.Tests.Lucene;

/// <summary>How typed text becomes a Lucene query: web-search syntax, English analysis, nothing ever a syntax error.</summary>
public sealed class WebSearchQueryTests
{
    private static readonly global::Lucene.Net.Analysis.Analyzer Analyzer = ArticleIndex.CreateAnalyzer();

    private static BooleanQuery Parse(string typed) =>
        Assert.IsType<BooleanQuery>(WebSearchQuery.Parse(typed, Analyzer).Query);

    [Fact]
    public void Every_word_is_required_in_any_field_and_stemmed()
    {
        var query = Parse("Flooded villages");
        Assert.All(query.Clauses, c => Assert.Equal(Occur.MUST, c.Occur));
        Assert.Equal(2, query.Clauses.Count);
        Assert.Equal(new HashSet<string> { "flood", "villag" }, WebSearchQuery.Parse("Flooded villages", Analyzer).Terms);
        var anyField = Assert.IsType<DisjunctionMaxQuery>(query.Clauses[0].Query);
        Assert.Equal(ArticleIndex.TextFields.Length, anyField.Disjuncts.Count);
    }

    [Fact]
    public void Quoted_words_are_a_phrase_and_a_dash_excludes()
    {
        var query = Parse("ferry \"red sails\" -storm");
        Assert.Equal([Occur.MUST, Occur.MUST, Occur.MUST_NOT], query.Clauses.Select(c => c.Occur));
        var phrase = Assert.IsType<DisjunctionMaxQuery>(query.Clauses[1].Query).Disjuncts.OfType<PhraseQuery>().First();
        Assert.Equal(["red", "sail"], phrase.GetTerms().Select(t => t.Text));
    }

    [Fact]
    public void Or_makes_neighbouring_words_alternatives()
    {
        var query = Parse("harbour ferry OR bus");
        Assert.Equal(2, query.Clauses.Count);
        var either = Assert.IsType<BooleanQuery>(query.Clauses[1].Query);
        Assert.Equal([Occur.SHOULD, Occur.SHOULD], either.Clauses.Select(c => c.Occur));
    }

    [Fact]
    public void Only_exclusions_match_everything_else()
    {
        var query = Parse("-storm");
        Assert.IsType<MatchAllDocsQuery>(query.Clauses[0].Query);
        Assert.Equal(Occur.MUST_NOT, query.Clauses[1].Occur);
    }

    [Theory]
    [InlineData("the of and")]
    [InlineData("\"\"")]
    [InlineData("- -- OR")]
    [InlineData("!!! ??? ***")]
    public void Nothing_searchable_gives_no_query(string typed) => Assert.Null(WebSearchQuery.Parse(typed, Analyzer).Query);

    [Theory]
    [InlineData("\"unterminated phrase")]
    [InlineData("ferry OR")]
    [InlineData("OR ferry")]
    [InlineData("a & b | !c <-> (d")]
    [InlineData("fer:*A")]
    public void Odd_syntax_is_read_as_words(string typed) => Assert.NotNull(WebSearchQuery.Parse(typed, Analyzer).Query);
}
