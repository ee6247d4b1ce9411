namespace NewsPlatform.Web.Newsroom;

/// <summary>
/// The editor's form carries the photos chosen with it. A save may bring up to six photos at the 20 MB a photo may
/// have (the editing page declares this as its request size limit; every other page keeps the server's ordinary
/// one, and multipart forms are read up to 128 MB by default). A larger gallery is added in several saves.
/// </summary>
public static class DeskUploads
{
    public const long MaxBytes = 6 * 21L * 1024 * 1024;
}
