using NewsPlatform.TestSupport;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NewsPlatform.Articles.Photos;

namespace NewsPlatform.Articles.Tests.Photos;

/// <summary>
/// The upload's own limit on the server as deployed: a photo of up to 20 MB gets through although every other
/// newsroom request stops at 1 MB, and one over it gets the endpoint's problem document, not the server's bare 413.
/// </summary>
public sealed class PhotoLimitsOnKestrelTests(ArticlesOnKestrelFixture articles) : IClassFixture<ArticlesOnKestrelFixture>
{
    /// <summary>A real JPEG followed by padding up to <paramref name="size"/> bytes (decoders stop at its end-of-image marker).</summary>
    private static byte[] PaddedJpeg(long size)
    {
        var jpeg = TestPhotos.Encode(800, 600);
        var padded = new byte[size];
        jpeg.CopyTo(padded, 0);
        return padded;
    }

    private static MultipartFormDataContent Form(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "file", "large.jpg" } };
    }

    private static async Task<string?> ProblemTypeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString();
    }

    [Fact]
    public async Task A_photo_of_almost_20_MB_is_accepted()
    {
        var response = await articles.Client.PostAsync("/api/newsroom/photos", Form(PaddedJpeg(UploadPhotoEndpoint.MaxPhotoBytes - 1024)));

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_photo_of_20_MB_and_one_byte_gets_the_endpoints_413_problem()
    {
        var response = await articles.Client.PostAsync("/api/newsroom/photos", Form(PaddedJpeg(UploadPhotoEndpoint.MaxPhotoBytes + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/photo-too-large", await ProblemTypeAsync(response));
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_declared_length_is_cut_off_with_the_same_problem()
    {
        var content = new StreamContent(new MemoryStream(PaddedJpeg(UploadPhotoEndpoint.MaxRequestBytes + 1024 * 1024)));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/newsroom/photos") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await articles.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/photo-too-large", await ProblemTypeAsync(response));
    }

    [Fact]
    public async Task Other_newsroom_requests_keep_their_1_MB_limit()
    {
        var body = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // The client waits for the server's go-ahead before sending the body, as a browser's large upload would be
        // answered: otherwise the 413 arrives while the 2 MB are still being sent, and the closed connection can
        // surface as a send error instead of the answer.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/newsroom/articles") { Content = body };
        request.Headers.ExpectContinue = true;
        var response = await articles.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("https://newsplatform.dev/problems/request-too-large", await ProblemTypeAsync(response));
    }
}
