using System.Net;
using Microsoft.AspNetCore.Http;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Tests.Platform;

/// <summary>What the desk's client of the newsroom API puts on the wire.</summary>
public sealed class NewsroomApiTests
{
    [Fact]
    public async Task A_photo_upload_asks_the_service_before_sending_its_bytes_and_a_save_names_the_version_it_is_based_on()
    {
        var seen = new List<HttpRequestMessage>();
        var api = new NewsroomApi(new HttpClient(new Recording(seen)) { BaseAddress = new("http://articles") });
        var bytes = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 };
        var file = new FormFile(new MemoryStream(bytes), 0, bytes.Length, "LeadPhotoFile", "harbour.jpg") { Headers = new HeaderDictionary(), ContentType = "image/jpeg" };

        await api.UploadPhotoAsync("token", file, CancellationToken.None);
        await api.ReviseAsync("token", Guid.NewGuid(), 7, new ArticleCopy("H", null, "<p>B</p>", "national", null, null, null, [], null, false, "story", null),
            CancellationToken.None);

        Assert.Equal(true, seen[0].Headers.ExpectContinue);
        Assert.Equal("/api/newsroom/photos", seen[0].RequestUri!.AbsolutePath);
        Assert.Null(seen[1].Headers.ExpectContinue); // a JSON save is small: no round trip first
        Assert.Equal("\"7\"", Assert.Single(seen[1].Headers.IfMatch).Tag);
    }

    private sealed class Recording(List<HttpRequestMessage> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        }
    }
}
