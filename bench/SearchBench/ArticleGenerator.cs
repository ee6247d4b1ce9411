using System.Text;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Contracts.Sections;

namespace NewsPlatform.SearchBench;

/// <summary>
/// Synthetic news articles that repeat for a given seed: English function words and a few hundred
/// news words with a long tail of invented names and places, drawn with a Zipf distribution (as word
/// frequencies in real text are), so some words appear in most articles and most in very few.
/// Bodies run 250–900 words, headlines 6–12, summaries 15–30, spread over five years and every section.
/// </summary>
public sealed class ArticleGenerator
{
    private static readonly string[] FunctionWords =
        """
        the of and to in a is that for on was with as by at from it his her their said be have has had were are
        an this which but not after over into more than its who about up out new also year two one three first
        last when will would could may been all they he she we them there other some most what before while
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static readonly string[] NewsWords =
        """
        government minister president election vote voters parliament assembly party opposition policy budget
        tax taxes economy economic growth inflation prices market markets shares stocks investors bank banks
        interest rates central currency exports imports trade tariff deal agreement talks summit leaders
        police court judge trial prosecutors charges case investigation crime suspect arrest prison law
        hospital doctors patients health virus vaccine study researchers scientists university students school
        teachers education children parents families housing rent apartment city cities province region rural
        village residents community weather rain storm typhoon flood floods heat snow temperatures climate
        energy power nuclear coal solar wind electricity oil gas fuel cars electric battery chip chips
        semiconductor technology software internet platform app users data privacy security cyber attack
        military defense army navy missile drills border troops war peace conflict ceasefire refugees aid
        company companies firm firms chief executive board profit profits revenue quarter sales growth jobs
        workers union strike wages employment unemployment pension retirement population births aging
        festival concert music album band singer film movie actor actress drama series television broadcast
        museum exhibition artist art book novel author theater stage fans tour season team teams coach
        player players league match game goal goals win victory defeat championship tournament cup final
        olympic medal record athletes stadium travel tourists airport flights airline train railway subway
        bus ferry port ship shipping bridge road traffic accident fire rescue officials spokesperson
        statement report survey percent million billion won dollar dollars yen yuan euro month week weekend
        morning evening night today yesterday tomorrow national international foreign domestic local public
        private social political cultural global digital financial regional annual historic major senior
        former current future plan plans project proposal reform measures rules regulation ban support
        crisis risk concerns warning impact effect changes increase decrease rise fall record surge slump
        announced expected reported confirmed denied warned urged launched opened closed signed approved
        rejected increased decreased raised cut reduced expanded planned discussed criticized welcomed
        food restaurant kitchen recipe coffee tea rice market shopping fashion brand design beauty
        hospital clinic care elderly youth women men citizens visitors volunteers donation charity
        river mountain island coast sea lake park forest garden temple palace heritage tradition history
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();

    private static readonly string[] Syllables =
        ["ka", "ro", "mi", "sen", "ta", "vel", "do", "rin", "ha", "lu", "mar", "so", "pe", "gan", "ri", "bo",
         "nel", "tu", "sa", "ver", "chi", "ol", "an", "dre", "mo", "kel", "fa", "yun", "zi", "hor", "ben", "ly"];

    private static readonly string[] TagWords =
        ["politics", "economy", "climate", "technology", "culture", "sports", "health", "education", "housing",
         "energy", "defense", "travel", "food", "markets", "crime", "science", "music", "film", "labor", "trade"];

    private readonly string[] _vocabulary;
    private readonly double[] _cumulative; // Zipf over the content words (function words drawn apart)
    private readonly (Section Section, Subsection? Subsection)[] _placements;
    private readonly DateTimeOffset _start = new(2021, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private readonly double _spanSeconds = TimeSpan.FromDays(5 * 365).TotalSeconds;

    public ArticleGenerator(int seed, int inventedWords = 40_000)
    {
        var random = new Random(seed);
        var invented = new HashSet<string>();
        while (invented.Count < inventedWords)
        {
            var word = new StringBuilder();
            for (int i = 0, n = random.Next(2, 5); i < n; i++) word.Append(Syllables[random.Next(Syllables.Length)]);
            if (word.Length >= 5) invented.Add(word.ToString());
        }
        // News words first (the frequent ranks), then the invented long tail.
        _vocabulary = [.. NewsWords, .. invented.Order(StringComparer.Ordinal)];
        _cumulative = new double[_vocabulary.Length];
        double sum = 0;
        for (var rank = 0; rank < _vocabulary.Length; rank++) _cumulative[rank] = sum += 1.0 / Math.Pow(rank + 1, 1.07);
        for (var rank = 0; rank < _cumulative.Length; rank++) _cumulative[rank] /= sum;

        _placements = SectionTree.All
            .SelectMany(s => s.Subsections.Count == 0
                ? [(s, (Subsection?)null)]
                : s.Subsections.Select(sub => (s, (Subsection?)sub)))
            .ToArray();
    }

    public IReadOnlyList<string> Vocabulary => _vocabulary;

    /// <summary>Article number <paramref name="n"/> of the run: the same n and seed give the same article.</summary>
    public ArticlePublished Article(int n, int seed)
    {
        // Not HashCode.Combine: it is seeded per process, and runs must repeat.
        var random = new Random(unchecked(seed * 1_000_003 + n));
        var id = new Guid(seed, (short)(n >> 16), (short)n, [0x4e, 0x50, 0x62, 0x65, 0x6e, 0x63, 0x68, 0x21]);
        var headline = Capitalise(Words(random, random.Next(6, 13), functionShare: 0.15));
        var summary = Sentence(random, random.Next(15, 31));
        var body = new StringBuilder();
        var length = random.Next(250, 901);
        while (length > 0)
        {
            var sentence = random.Next(8, 26);
            body.Append(Sentence(random, sentence)).Append(' ');
            length -= sentence;
        }
        var (section, subsection) = _placements[random.Next(_placements.Length)];
        var tags = Enumerable.Range(0, random.Next(1, 4)).Select(_ => TagWords[random.Next(TagWords.Length)]).Distinct().ToArray();
        var publishedAt = _start.AddSeconds(Math.Floor(random.NextDouble() * _spanSeconds));
        var content = new ArticleContent($"bench-{n}", headline, summary, body.ToString().Trim(), section.Slug, subsection?.Slug,
            tags, $"By {Capitalise(Invented(random))} {Capitalise(Invented(random))}", null, random.NextDouble() < 0.15);
        return new ArticlePublished(id, 2, content, publishedAt, null);
    }

    private string Sentence(Random random, int words) => Capitalise(Words(random, words, functionShare: 0.45)) + ".";

    private string Words(Random random, int count, double functionShare)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(random.NextDouble() < functionShare
                ? FunctionWords[random.Next(FunctionWords.Length)]
                : _vocabulary[Rank(random.NextDouble())]);
        }
        return text.ToString();
    }

    private string Invented(Random random) => _vocabulary[NewsWords.Length + random.Next(_vocabulary.Length - NewsWords.Length)];

    private int Rank(double p)
    {
        var index = Array.BinarySearch(_cumulative, p);
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
