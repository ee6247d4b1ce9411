using Npgsql;

namespace NewsPlatform.SearchBench;

/// <summary>
/// The fixed query mix, chosen from the loaded index by how many articles each word matches, so the
/// kinds mean the same on every run: rare (the rarest sampled words), common (closest to a third),
/// two words, a phrase taken from a headline, an exclusion and an OR.
/// </summary>
public sealed record QueryMix(long Articles, IReadOnlyList<(string Kind, string Query, double Share)> Queries,
    IReadOnlyList<string> SuggestInputs, DateTimeOffset FilterFrom)
{
    public static async Task<QueryMix> ChooseAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var articles = (long)(await Scalar(connection, "SELECT count(*) FROM search_article"))!;

        // Document frequencies of lexicon words: a deterministic sample of all of them (the long tail of
        // names and places) and the 150 most frequent headline words (the common ones).
        var candidates = new List<string>();
        await using (var words = new NpgsqlCommand("""
            (SELECT word FROM search_lexicon ORDER BY md5(word) LIMIT 300)
            UNION
            (SELECT word FROM ts_stat('SELECT headline_terms FROM search_article') WHERE length(word) >= 4 ORDER BY ndoc DESC, word LIMIT 150)
            ORDER BY 1
            """, connection))
        await using (var reader = await words.ExecuteReaderAsync())
            while (await reader.ReadAsync()) candidates.Add(reader.GetString(0));
        var shares = new List<(string Word, double Share)>();
        foreach (var word in candidates)
        {
            var matches = (long)(await Scalar(connection,
                "SELECT count(*) FROM search_article WHERE document @@ plainto_tsquery('english', $1)", word))!;
            if (matches > 0) shares.Add((word, (double)matches / articles));
        }

        string Near(double share, int skip = 0) =>
            shares.OrderBy(s => Math.Abs(Math.Log(s.Share / share))).ThenBy(s => s.Word, StringComparer.Ordinal).Skip(skip).First().Word;

        // The rarest sampled words (a name or place a reader looks up: tens of articles in 100,000).
        var rare = shares.OrderBy(s => s.Share).ThenBy(s => s.Word, StringComparer.Ordinal).Take(2).Select(s => s.Word).ToList();
        var common = Near(1.0 / 3);
        var mid = Near(0.05);
        var mid2 = Near(0.05, skip: 1);
        var tenth = Near(0.10);
        var phrase = (string)(await Scalar(connection, """
            SELECT (regexp_match(headline, '\m([a-z]{5,} [a-z]{5,})\M'))[1] FROM search_article
            WHERE headline ~ '\m[a-z]{5,} [a-z]{5,}\M' ORDER BY id LIMIT 1
            """))!;

        var queries = new List<(string, string)>
        {
            ("rare", rare[0]),
            ("common", common),
            ("two words", $"{mid} {mid2}"),
            ("phrase", $"\"{phrase}\""),
            ("exclusion", $"{common} -{tenth}"),
            ("or", $"{rare[1]} OR {mid}"),
        };
        var measured = new List<(string, string, double)>();
        foreach (var (kind, q) in queries)
        {
            var matches = (long)(await Scalar(connection,
                "SELECT count(*) FROM search_article WHERE document @@ websearch_to_tsquery('english', $1)", q))!;
            measured.Add((kind, q, (double)matches / articles));
        }

        // What a reader types: the start of a frequent and a rare headline word, two words, and typos.
        var suggest = new List<string>
        {
            common[..Math.Min(4, common.Length)], mid[..Math.Min(5, mid.Length)], rare[0][..Math.Min(6, rare[0].Length)],
            $"{mid} {tenth[..Math.Min(3, tenth.Length)]}", Typo(mid), Typo(rare[0]),
        };
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new QueryMix(articles, measured, suggest, from);
    }

    /// <summary>Two neighbouring letters swapped in the middle of the word.</summary>
    private static string Typo(string word)
    {
        if (word.Length < 4) return word;
        var letters = word.ToCharArray();
        var i = letters.Length / 2;
        (letters[i - 1], letters[i]) = (letters[i], letters[i - 1]);
        return new string(letters);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return await command.ExecuteScalarAsync();
    }
}
