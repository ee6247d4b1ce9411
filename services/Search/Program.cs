using NewsPlatform.Search;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSearch();

var app = builder.Build();

app.UseHeadAsGet(); // HEAD answered as GET, without the body
app.UseProblemDetailsForErrors();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapSearchApi();

app.Run();
