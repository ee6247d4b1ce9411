using NewsPlatform.Articles.Domain;
namespace NewsPlatform.Articles.Newsroom;
// TEMPORARY until the photo library lands (not to be committed)
public sealed class UploadedPhotosTemp : INewsroomPhotos
{
    public Task<ArticlePhoto?> FindAsync(Guid photoId, CancellationToken cancellationToken) => Task.FromResult<ArticlePhoto?>(null);
}
