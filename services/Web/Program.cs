using NewsPlatform.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebSite();

var app = builder.Build();

app.UseWebSite(); // forwarded headers, error pages, cache and security headers, compression, the reader's session, antiforgery
app.MapDefaultEndpoints(informationalTag: "downstream"); // ready on its own; the bus shown beside
app.MapWebSite();

app.Run();
