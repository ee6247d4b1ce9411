namespace NewsPlatform.TestSupport;

/// <summary>The checkout the tests run from: the folder holding NewsPlatform.sln, above the test binaries.</summary>
public static class Repository
{
    private static readonly Lazy<string> Found = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsPlatform.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository's root (NewsPlatform.sln) is not above the tests.");
    });

    public static string Root => Found.Value;

    /// <summary>A file or folder of the repository, given as its parts below the root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
