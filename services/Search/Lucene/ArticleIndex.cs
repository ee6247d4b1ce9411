using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Querying;
using Directory = Lucene.Net.Store.Directory;

namespace NewsPlatform.Search.Lucene;

/// <summary>
/// This replica's inverted index of live articles: a projection of the service's event store, kept
/// by <see cref="ArticleIndexFeed"/>. Every replica holds its own copy on local disk, so a query never
/// leaves the process; the event store stays the one source of truth, and the commit records which
/// stored event the copy has reached (and which store it came from) so a restart resumes from there.
/// </summary>
public sealed class ArticleIndex : IDisposable
{
    /// <summary>Changed whenever the document layout or analysis changes: an index of another format is rebuilt.</summary>
    public const string Format = "articles-2";

    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Field names.
    public const string Id = "id", Slug = "slug", Headline = "headline", Summary = "summary", Body = "body",
        Tags = "tags", Byline = "byline", Section = "section", Subsection = "subsection", Premium = "premium",
        Published = "published", Updated = "updated", HeadlineWords = "headline_words", Words = "words";

    /// <summary>The weighted text fields a query searches, highest weight first.</summary>
    public static readonly (string Field, float Weight)[] TextFields =
        [(Headline, 4f), (Summary, 2f), (Tags, 2f), (Byline, 1f), (Body, 1f)];

    private const string CheckpointKey = "checkpoint", OriginKey = "origin", FormatKey = "format";

    private readonly Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _gate = new();
    private readonly System.Threading.Lock _commitGate = new();
    // The article versions this copy holds (since it was opened: after a restart the feed writes them again).
    private readonly Dictionary<Guid, long> _versions = new();

    /// <summary>English stemming and stop words for the text; whole lower-case words for suggestions and spelling.</summary>
    public static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(new EnglishAnalyzer(Version),
        new Dictionary<string, Analyzer> { [HeadlineWords] = new WhitespaceAnalyzer(Version), [Words] = new WhitespaceAnalyzer(Version) });

    public Analyzer Analyzer { get; }

    /// <summary>The last stored event (by sequence) this copy reflects.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>Which generation of the event store's index this copy was built for (see <see cref="ArticleIndexFeed"/>).</summary>
    public Guid Origin { get; private set; }

    public string Location { get; }

    /// <summary>Why the copy found on disk was unreadable and started over (null when it was read, or new).</summary>
    public string? Discarded { get; private init; }

    private ArticleIndex(Directory directory, IndexWriter writer, Analyzer analyzer, string location)
    {
        _directory = directory;
        _writer = writer;
        Analyzer = analyzer;
        Location = location;
        var committed = writer.CommitData;
        if (committed.TryGetValue(FormatKey, out var format) && format == Format)
        {
            Checkpoint = long.Parse(committed[CheckpointKey], System.Globalization.CultureInfo.InvariantCulture);
            Origin = Guid.Parse(committed[OriginKey]);
        }
        else
        {
            writer.DeleteAll(); // another format, or new: start from the first event
        }
        writer.MaybeMerge(); // segments left by an earlier run are merged by the current policy (in the background)
        _searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25Searchers());
    }

    /// <summary>Opens (or creates) the first numbered folder under <paramref name="root"/> that no other process holds.</summary>
    public static ArticleIndex Open(string root)
    {
        for (var slot = 0; slot < 64; slot++)
        {
            var location = Path.Combine(root, slot.ToString(System.Globalization.CultureInfo.InvariantCulture));
            System.IO.Directory.CreateDirectory(location);
            // Which replica holds a folder is decided by an exclusive lock of our own, held while the copy is open:
            // Lucene's write lock only kept out writers of the same process, and three Search processes were
            // seen writing one folder (each then searching its own view, and breaking the others' files).
            var claim = TryClaim(location);
            if (claim is null) continue;
            // Segments written for near-real-time searches (one per refresh) stay in memory until merged
            // into larger ones, so making a change searchable costs no file writes or mappings.
            // The claim already keeps every other process out, so Lucene's own lock needs to guard this process only.
            var directory = new NRTCachingDirectory(FSDirectory.Open(location, new SingleInstanceLockFactory()), 4.0, 64.0);
            var analyzer = CreateAnalyzer();
            try
            {
                return new ArticleIndex(directory, new IndexWriter(directory, WriterSettings(analyzer, OpenMode.CREATE_OR_APPEND)), analyzer, location) { _claim = claim };
            }
            catch (IOException unreadable)
            {
                // The copy on disk cannot be read (a process killed while files were being replaced, files
                // removed under it). It is only a projection of the event store: it is started over, empty,
                // and the feed fills it again, rather than the service refusing to start until someone deletes it.
                foreach (var file in directory.ListAll().Where(f => f != ClaimFile)) directory.DeleteFile(file);
                var writer = new IndexWriter(directory, WriterSettings(analyzer, OpenMode.CREATE));
                return new ArticleIndex(directory, writer, analyzer, location) { Discarded = unreadable.Message, _claim = claim };
            }
        }
        throw new InvalidOperationException($"No free search index folder under {root}.");
    }

    /// <summary>The folder's claim file, opened for this process alone (.NET takes an exclusive lock on it); null when another process holds it.</summary>
    private static FileStream? TryClaim(string location)
    {
        try
        {
            return new FileStream(Path.Combine(location, ClaimFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private const string ClaimFile = "replica.claim";

    private FileStream? _claim;

    private static IndexWriterConfig WriterSettings(Analyzer analyzer, OpenMode mode) => new(Version, analyzer)
    {
        OpenMode = mode,
        Similarity = new BM25Similarity(),
        RAMBufferSizeMB = 32,
        // Separate files rather than one compound file per segment: fewer indirections per read.
        UseCompoundFile = false,
        // Every refresh writes a small segment, and each segment costs every query a lookup
        // per word and field (measured: 13 segments, relevance p95 17.8 ms; one, 4.0 ms).
        // Segments under 64 MB count as 64 MB, so the small ones are merged among
        // themselves early, cheaply, and the copy stays at a handful of segments.
        MergePolicy = new TieredMergePolicy { NoCFSRatio = 0, FloorSegmentMB = 64, SegmentsPerTier = 4, MaxMergeAtOnce = 4 },
    };

    /// <summary>
    /// Brings each article to the given state (indexed when live, gone when not) unless this copy already
    /// holds that version or a newer one. Returns how many changed.
    /// </summary>
    /// <remarks>
    /// Events are applied as they become visible, not strictly in sequence (see <see cref="ArticleIndexFeed"/>),
    /// and again after a restart: the version check keeps a late or repeated write from going backwards or
    /// costing a refresh.
    /// </remarks>
    public int Apply(IEnumerable<SearchableArticle> articles)
    {
        lock (_gate)
        {
            var changes = articles.Where(a => !_versions.TryGetValue(a.Id, out var held) || a.ArticleVersion > held).ToList();
            foreach (var article in changes) _versions[article.Id] = article.ArticleVersion;
            // The writer analyses documents on several threads at once: a replica filling its copy uses every core.
            Parallel.ForEach(changes, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, article =>
            {
                var id = new Term(Id, article.Id.ToString("N"));
                if (article.IsLive) _writer.UpdateDocument(id, ToDocument(article));
                else _writer.DeleteDocuments(id);
            });
            return changes.Count;
        }
    }

    /// <summary>Records that every stored event up to <paramref name="checkpoint"/> is reflected (written with the next commit).</summary>
    public void Advance(long checkpoint)
    {
        lock (_gate) Checkpoint = Math.Max(Checkpoint, checkpoint);
    }

    /// <summary>Empties the copy for a rebuild of the given generation: it is refilled from the first event.</summary>
    public void Reset(Guid origin)
    {
        lock (_gate)
        {
            _writer.DeleteAll();
            _versions.Clear();
            Checkpoint = 0;
            Origin = origin;
        }
    }

    /// <summary>
    /// Merges the copy into one segment (after filling it from many events): a query then looks each
    /// word up once instead of once per segment. Searches continue meanwhile, on the segments as they were.
    /// </summary>
    public void Compact()
    {
        _writer.ForceMerge(1);
        Refresh();
    }

    /// <summary>Makes what was applied visible to searches (near-real-time: no disk flush needed).</summary>
    public void Refresh() => _searchers.MaybeRefreshBlocking();

    /// <summary>Writes the copy durably with the event it reflects, so a restart resumes from there.</summary>
    /// <remarks>
    /// Changes keep being applied while a commit writes (and syncs) its files; the checkpoint recorded is
    /// the one taken as the commit starts, so a restart may apply a few events again, which changes nothing.
    /// </remarks>
    public void Commit()
    {
        lock (_commitGate)
        {
            lock (_gate)
                _writer.SetCommitData(new Dictionary<string, string>
                {
                    [CheckpointKey] = Checkpoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [OriginKey] = Origin.ToString(),
                    [FormatKey] = Format,
                });
            _writer.Commit();
        }
    }

    /// <summary>Runs a read against one consistent point-in-time view of the index.</summary>
    public T Read<T>(Func<IndexSearcher, T> read)
    {
        var searcher = _searchers.Acquire();
        try { return read(searcher); }
        finally { _searchers.Release(searcher); }
    }

    private static Document ToDocument(SearchableArticle article)
    {
        var published = article.PublishedAt.UtcTicks;
        var document = new Document
        {
            new StringField(Id, article.Id.ToString("N"), Field.Store.YES),
            new StoredField(Slug, article.Slug),
            new TextField(Headline, article.Headline, Field.Store.YES),
            new TextField(Summary, article.Summary, Field.Store.YES),
            new TextField(Body, article.BodyText, Field.Store.YES),
            new TextField(Byline, article.Byline, Field.Store.YES),
            new TextField(Tags, string.Join(" ; ", article.Tags), Field.Store.NO),
            // Section, subsection and time are read per match (facets, newest-first) from in-memory
            // arrays the field cache builds from these terms once per segment: far cheaper per read
            // than on-disk doc values.
            new StringField(Section, article.Section, Field.Store.YES),
            new StoredField(Premium, article.IsPremium ? 1 : 0),
            new Int64Field(Published, published, Field.Store.YES),
            new TextField(HeadlineWords, IndexedWords(article.Headline), Field.Store.NO),
            new TextField(Words, IndexedWords($"{article.Headline} {article.Summary} {string.Join(' ', article.Tags)}"), Field.Store.NO),
        };
        if (article.Subsection is { } subsection)
        {
            document.Add(new StringField(Subsection, subsection, Field.Store.YES));
        }
        if (article.UpdatedAt is { } updated) document.Add(new StoredField(Updated, updated.UtcTicks));
        return document;
    }

    /// <summary>The words of a text for suggestions and spelling; none longer than anyone types.</summary>
    private static string IndexedWords(string text) => string.Join(' ', Vocabulary.Words(text).Where(w => w.Length <= 40));

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        Analyzer.Dispose();
        _directory.Dispose();
        _claim?.Dispose();
    }

    /// <summary>BM25 rather than classic TF-IDF: a word repeated in a long body does not outweigh a headline.</summary>
    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
