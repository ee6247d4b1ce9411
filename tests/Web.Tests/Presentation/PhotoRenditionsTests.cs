using NewsPlatform.Web.Platform;
using NewsPlatform.Web.Presentation;

namespace NewsPlatform.Web.Tests.Presentation;

public sealed class PhotoRenditionsTests
{
    private static readonly Publication Daily = new() { SiteUrl = "https://news.example" };

    [Fact]
    public void An_uploaded_photo_loads_its_1024_rendition_offers_all_of_them_and_keeps_its_own_size()
    {
        var photo = Articles.Uploaded(7, width: 4000, height: 3000);
        var id = photo.PhotoId;

        Assert.Equal($"/photos/{id}/1024.jpg", PhotoRenditions.Src(photo));
        Assert.Equal($"/photos/{id}/320.jpg 320w, /photos/{id}/640.jpg 640w, /photos/{id}/1024.jpg 1024w, /photos/{id}/1600.jpg 1600w",
            PhotoRenditions.SrcSet(photo));
        Assert.Equal((4000, 3000), PhotoRenditions.Dimensions(photo));
        Assert.Equal($"https://news.example/photos/{id}/1600.jpg", PhotoRenditions.Absolute(photo, Daily));
    }

    [Fact]
    public void A_small_photo_without_a_1024_rendition_loads_its_widest_and_sizes_are_read_in_any_order()
    {
        var photo = new ArticlePhoto("/photos/x/640.jpg", null, null, Guid.NewGuid(), null, null,
            [new PhotoSize(640, 480, "/photos/x/640.jpg"), new PhotoSize(320, 240, "/photos/x/320.jpg")]);

        Assert.Equal("/photos/x/640.jpg", PhotoRenditions.Src(photo));
        Assert.Equal("/photos/x/320.jpg 320w, /photos/x/640.jpg 640w", PhotoRenditions.SrcSet(photo));
        Assert.Equal((640, 480), PhotoRenditions.Dimensions(photo)); // no size of its own: its widest rendition's
    }

    [Fact]
    public void A_typed_address_is_shown_as_it_always_was()
    {
        var photo = Articles.TypedPhoto;
        Assert.Equal("https://photos.example/ferry.jpg", PhotoRenditions.Src(photo));
        Assert.Null(PhotoRenditions.SrcSet(photo));
        Assert.Equal((1200, 675), PhotoRenditions.Dimensions(photo));
        Assert.Equal("https://photos.example/ferry.jpg", PhotoRenditions.Absolute(photo, Daily));
    }

    [Theory]
    [InlineData(1, "1 photo")]
    [InlineData(3, "3 photos")]
    [InlineData(1200, "1,200 photos")]
    public void A_gallery_says_how_many_photos_it_has(int photos, string words) => Assert.Equal(words, PhotoRenditions.Count(photos));
}
