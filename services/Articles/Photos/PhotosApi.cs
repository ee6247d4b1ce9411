namespace NewsPlatform.Articles.Photos;

/// <summary>The newsroom's photo routes, in the newsroom's group (so the editor role, like every newsroom route).</summary>
public static class PhotosApi
{
    public static void MapNewsroomPhotos(this RouteGroupBuilder newsroom)
    {
        var photos = newsroom.MapGroup("/photos");
        photos.MapUploadPhoto();
        photos.MapGetNewsroomPhoto();
    }
}
