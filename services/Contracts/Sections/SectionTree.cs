using System.Text;

namespace NewsPlatform.Contracts.Sections;

// The edition's fixed section tree, shared because section slugs are part of every service's
// public contract (articles, follows, search filters).

public sealed record Subsection(string Slug, string Name);

public sealed record Section(string Slug, string Name, IReadOnlyList<Subsection> Subsections)
{
    public Subsection? FindSubsection(string slug) => Subsections.FirstOrDefault(s => s.Slug == slug);
}

/// <summary>The fixed section tree of the edition. Slugs are lower-case words joined by '-'.</summary>
public static class SectionTree
{
    public static IReadOnlyList<Section> All { get; } =
    [
        Build("National", "Politics", "Foreign Affairs", "Multicultural Community", "Defense", "Environment & Animals",
            "Law & Crime", "Society", "Health & Science"),
        Build("Business", "Tech", "Bio", "Companies"),
        Build("Finance", "Companies", "Economy", "Markets", "Cryptocurrency"),
        Build("Opinion", "Editorial", "Columns", "Thoughts of the Times", "Cartoon", "Today in History", "Blogs",
            "Tribune Service", "Blondie & Garfield", "Letter to President", "Letter to the Editor"),
        Build("Lifestyle", "Travel & Food", "Trends", "People & Events", "Books", "Around Town", "Fortune Telling"),
        Build("Entertainment & Arts", "K-pop", "Films", "Shows & Dramas", "Music", "Theater & Others"),
        Build("Sports"),
        Build("World", "SCMP", "Asia"),
        Build("Video", "Culture", "People", "News"),
        Build("Photos", "Photo News", "Darkroom"),
    ];

    public static Section? Find(string slug) => All.FirstOrDefault(s => s.Slug == slug);

    /// <summary>"Environment &amp; Animals" → "environment-animals", "K-pop" → "k-pop".</summary>
    public static string SlugOf(string name)
    {
        var slug = new StringBuilder();
        foreach (var word in name.Split([' ', '&', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (slug.Length > 0) slug.Append('-');
            slug.Append(word.ToLowerInvariant());
        }
        return slug.ToString();
    }

    private static Section Build(string name, params string[] subsections) =>
        new(SlugOf(name), name, subsections.Select(s => new Subsection(SlugOf(s), s)).ToArray());
}
